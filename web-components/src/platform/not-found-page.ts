import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LocalizedElement } from './localized-element';
import { t } from './i18n';
import { sharedStyles } from './styles';

/** Shown for any path no route matches. */
@customElement('not-found-page')
export class NotFoundPage extends LocalizedElement {
  static override styles = sharedStyles;
  protected override pageTitle(): string {
    return t('notFoundTitle');
  }

  override render() {
    return html`<h1>${t('notFoundTitle')}</h1>
      <p>${t('notFoundBody')}</p>
      <p><a href="/">${t('backHome')}</a></p>`;
  }
}
