import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatPercent, locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import { problemText } from './problem-text';
import type { PetitionAccountability } from './types';

/** Public: petitions awaiting review, and per agency responses due, overdue and the on-time rate. */
@customElement('petition-accountability-page')
export class PetitionAccountabilityPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private data: PetitionAccountability | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void api<PetitionAccountability>('/petitions/accountability').then(
      (d) => (this.data = d),
      (err: unknown) => (this.error = problemText(err)),
    );
  }

  override render() {
    const d = this.data;
    return html`<h1>${t('accountabilityTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${!d
        ? this.error ? nothing : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : html`<p>${t('awaitingReview')}：<strong>${d.awaitingReview}</strong>（${t('reviewOverdue')} ${d.reviewOverdue}）</p>
            <p><a href="/petitions/overdue">${t('overdueTitle')}</a></p>
            <table data-testid="petition-accountability">
              <thead><tr><th scope="col">${t('agency')}</th><th scope="col">${t('awaitingResponse')}</th><th scope="col">${t('overdue')}</th><th scope="col">${t('responded')}</th><th scope="col">${t('onTimeRate')}</th></tr></thead>
              <tbody>
                ${d.agencies.map(
                  (a) => html`<tr><th scope="row">${locale() === 'en' ? a.nameEn : a.nameZh}</th><td>${a.awaitingResponse}</td><td>${a.overdue}</td><td>${a.responded}</td>
                    <td>${a.onTimeRate === null ? '—' : formatPercent(a.onTimeRate)}</td></tr>`,
                )}
              </tbody>
            </table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-accountability-page': PetitionAccountabilityPage;
  }
}
