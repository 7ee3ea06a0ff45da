import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatDate, formatInstant, taipeiDate } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import './petition-state-badge';
import { problemText } from './problem-text';
import type { PetitionSummary } from './types';

type QueueItem = PetitionSummary & { reviewDueAt?: string | null; reviewOverdue?: boolean; submittedAt?: string | null };

/**
 * Staff queues: /petitions/review (submitted petitions with the 5-working-day review clock) and
 * /petitions/responses (an agency's petitions to answer, or for staff those awaiting an agency).
 */
@customElement('petition-queue-page')
export class PetitionQueuePage extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) location?: { pathname: string };
  @state() private items: QueueItem[] | null = null;
  @state() private error = '';

  private get review(): boolean {
    return (this.location?.pathname ?? window.location.pathname).endsWith('/review');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void api<{ items: QueueItem[] }>(this.review ? '/petitions/review-queue' : '/petitions/response-queue').then(
      (r) => (this.items = r.items),
      (err: unknown) => {
        this.error = problemText(err);
        this.items = [];
      },
    );
  }

  override render() {
    const review = this.review;
    return html`<h1>${review ? t('reviewQueueTitle') : t('responseQueueTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.items === null
        ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : this.items.length === 0
          ? html`<p>${t('noQueue')}</p>`
          : html`<table data-testid="petition-queue">
              <thead><tr><th scope="col">${t('title')}</th><th scope="col">${t('filter')}</th><th scope="col">${review ? t('reviewDue') : t('responseDue')}</th></tr></thead>
              <tbody>
                ${this.items.map((p) => {
                  const due = review ? p.reviewDueAt : p.responseDueAt;
                  const late = review ? p.reviewOverdue : p.responseOverdue;
                  return html`<tr data-petition-id=${p.id}>
                    <td><a href="/petitions/${p.id}">${p.title}</a>${review && p.submittedAt ? html`<br /><span class="muted">${t('submittedAt')} ${formatInstant(p.submittedAt)}</span>` : nothing}</td>
                    <td><petition-state-badge state=${p.state}></petition-state-badge></td>
                    <td>${due ? formatDate(taipeiDate(due)) : '—'}${late ? html` <strong>${review ? t('reviewOverdue') : t('overdueBadge')}</strong>` : nothing}</td>
                  </tr>`;
                })}
              </tbody>
            </table>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-queue-page': PetitionQueuePage;
  }
}
