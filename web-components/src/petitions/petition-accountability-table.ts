import { css, html, nothing } from 'lit';
import type { OversightFigure } from '../../../worker/petitions/schemas';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatPercent, locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import type { User } from '../platform/api-types';
import { currentUser, loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import { problemText } from './problem-text';
import type { PetitionAccountability } from './types';

/**
 * Petitions awaiting review, and per agency the responses due, overdue and the on-time
 * response rate. Used on the petition accountability page, the public accountability page and
 * the manager dashboard (through contract.ts). Its figures open lists: for managers the
 * petitions behind each figure (/petitions/oversight), for everyone the public overdue list of
 * an agency.
 * @property headingLevel - 2 on a page of its own sections, 3 inside another section
 */
const isManager = (u: User | null) => u?.role === 'manager' || u?.role === 'admin';

@customElement('petition-accountability-table')
export class PetitionAccountabilityTable extends LocalizedElement {
  static override styles = [sharedStyles, css`.scroll { overflow-x: auto; max-width: 100%; } th, td { white-space: nowrap; }`];
  @property({ type: Number }) headingLevel = 2;
  @state() private data: PetitionAccountability | null = null;
  @state() private error = '';
  /** Managers open the petitions behind each figure; everyone else the public overdue list. */
  @state() private manager = isManager(currentUser());

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSession().then((u) => (this.manager = isManager(u)), () => undefined);
    void api<PetitionAccountability>('/petitions/accountability').then(
      (d) => (this.data = d),
      (err: unknown) => (this.error = problemText(err)),
    );
  }

  /** A figure as a link to its list, named in full for screen readers (the bare number is not). */
  private figureLink(n: number, figure: OversightFigure, agency: { id: string; name: string } | null) {
    if (n === 0) return html`${n}`;
    const q = new URLSearchParams({ figure });
    if (agency) q.set('agency', agency.id);
    const href = this.manager
      ? `/petitions/oversight?${q}`
      : figure === 'overdue' && agency
        ? `/petitions/overdue?${new URLSearchParams({ agency: agency.id })}`
        : null;
    if (!href) return html`${n}`;
    const label = t('openList', { figure: t(`figure.${figure}` as MessageKey), agency: agency?.name ?? t('allAgencies'), n });
    return html`<a href=${href} aria-label=${label} data-testid="figure-${figure}${agency ? `-${agency.id}` : ''}">${n}</a>`;
  }

  override render() {
    const d = this.data;
    const heading = this.headingLevel === 3 ? html`<h3>${t('accountabilityTitle')}</h3>` : html`<h2>${t('accountabilityTitle')}</h2>`;
    return html`<section data-testid="petition-accountability">
      ${heading}
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${!d
        ? this.error ? nothing : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : html`<p>
              ${t('awaitingReview')}：<strong>${this.figureLink(d.awaitingReview, 'awaiting_review', null)}</strong>（${t('reviewOverdue')}
              ${this.figureLink(d.reviewOverdue, 'review_overdue', null)}） · <a href="/petitions/overdue">${t('overdueTitle')}</a>
            </p>
            <div class="scroll" role="region" tabindex="0" aria-label=${t('accountabilityTitle')}>
            <table>
              <thead><tr><th scope="col">${t('agency')}</th><th scope="col">${t('awaitingResponse')}</th><th scope="col">${t('overdue')}</th><th scope="col">${t('responded')}</th><th scope="col">${t('onTimeRate')}</th></tr></thead>
              <tbody>
                ${d.agencies.map((a) => {
                  const agency = { id: a.agencyId, name: locale() === 'en' ? a.nameEn : a.nameZh };
                  return html`<tr data-agency-id=${a.agencyId}>
                    <th scope="row">${agency.name}</th>
                    <td>${this.figureLink(a.awaitingResponse, 'awaiting_response', agency)}</td>
                    <td>${this.figureLink(a.overdue, 'overdue', agency)}</td>
                    <td>${this.figureLink(a.responded, 'responded', agency)}</td>
                    <td>${a.onTimeRate === null ? '—' : formatPercent(a.onTimeRate)}</td>
                  </tr>`;
                })}
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
