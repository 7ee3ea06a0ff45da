import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import './petition-accountability-table';

/** Public: how agencies answer passed petitions (see petition-accountability-table). */
@customElement('petition-accountability-page')
export class PetitionAccountabilityPage extends LocalizedElement {
  static override styles = sharedStyles;

  override render() {
    return html`<h1>${t('petitionsTitle')}</h1>
      <petition-accountability-table></petition-accountability-table>
      <p><a href="/api/v1/petitions/export.csv" router-ignore>${t('openData')} (CSV)</a> · <a href="/api/v1/petitions/export.json" router-ignore>JSON</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-accountability-page': PetitionAccountabilityPage;
  }
}
