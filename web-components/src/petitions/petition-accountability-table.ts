import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatPercent, locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import { problemText } from './problem-text';
import type { PetitionAccountability } from './types';

/**
 * Petitions awaiting review, and per agency the responses due, overdue and the on-time
 * response rate. Used on the petition accountability page, the public accountability page and
 * the manager dashboard (through contract.ts).
 * @property headingLevel - 2 on a page of its own sections, 3 inside another section
 */
@customElement('petition-accountability-table')
export class PetitionAccountabilityTable extends LocalizedElement {
  static override styles = [sharedStyles, css`.scroll { overflow-x: auto; max-width: 100%; } th, td { white-space: nowrap; }`];
  @property({ type: Number }) headingLevel = 2;
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
    const heading = this.headingLevel === 3 ? html`<h3>${t('accountabilityTitle')}</h3>` : html`<h2>${t('accountabilityTitle')}</h2>`;
    return html`<section data-testid="petition-accountability">
      ${heading}
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${!d
        ? this.error ? nothing : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : html`<p>${t('awaitingReview')}：<strong>${d.awaitingReview}</strong>（${t('reviewOverdue')} ${d.reviewOverdue}） · <a href="/petitions/overdue">${t('overdueTitle')}</a></p>
            <div class="scroll" role="region" tabindex="0" aria-label=${t('accountabilityTitle')}>
            <table>
              <thead><tr><th scope="col">${t('agency')}</th><th scope="col">${t('awaitingResponse')}</th><th scope="col">${t('overdue')}</th><th scope="col">${t('responded')}</th><th scope="col">${t('onTimeRate')}</th></tr></thead>
              <tbody>
                ${d.agencies.map(
                  (a) => html`<tr><th scope="row">${locale() === 'en' ? a.nameEn : a.nameZh}</th><td>${a.awaitingResponse}</td><td>${a.overdue}</td><td>${a.responded}</td>
                    <td>${a.onTimeRate === null ? '—' : formatPercent(a.onTimeRate)}</td></tr>`,
                )}
              </tbody>
            </table>
            </div>`}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-accountability-table': PetitionAccountabilityTable;
  }
}
