import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { problemMessage } from '../platform/field-messages';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import './budget-review-item';
import { t } from './i18n';
import type { QueueProject, ReviewQueue, RoundDetail } from './types';

type State = 'proposed' | 'accepted' | 'rejected';
const PAGE = 10;

/**
 * The feasibility-review queue of one round: proposals to review, accepted and rejected ones
 * (tabs with counts), by district, 10 at a time with "load more" (server cursor). A review
 * reloads the queue from the start so counts and pages stay true.
 * @fires round-changed - detail: the round after a review
 */
@customElement('budget-review-queue')
export class BudgetReviewQueue extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) round!: RoundDetail;
  @state() private tab: State = 'proposed';
  @state() private district = '';
  @state() private items: QueueProject[] | null = null;
  @state() private counts: ReviewQueue['counts'] = { proposed: 0, accepted: 0, rejected: 0 };
  @state() private next: string | null = null;
  @state() private busy = false;
  @state() private message = '';
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(more = false): Promise<void> {
    this.busy = true;
    this.message = '';
    const q = new URLSearchParams({ state: this.tab, limit: String(PAGE) });
    if (this.district) q.set('district', this.district);
    if (more && this.next) q.set('after', this.next);
    try {
      const page = await api<ReviewQueue>(`/budget-rounds/${this.round.id}/review-queue?${q.toString()}`);
      this.items = more ? [...(this.items ?? []), ...page.items] : page.items;
      this.counts = page.counts;
      this.next = page.next;
    } catch (err) {
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private choose(tab: State): void {
    this.tab = tab;
    this.notice = '';
    void this.load();
  }

  private reviewed(e: CustomEvent<RoundDetail>): void {
    const p = e.detail.projects.find((x) => this.items?.some((i) => i.id === x.id && i.state !== x.state) || false);
    this.notice = p ? t('reviewedNote', { title: p.title }) : '';
    void this.load();
  }

  override render() {
    const open = this.round.phase === 'proposals' || this.round.phase === 'review';
    const tabs: State[] = ['proposed', 'accepted', 'rejected'];
    return html`<section aria-labelledby="review-heading" data-testid="review-queue">
      <h2 id="review-heading">${t('reviewQueue')}</h2>
      <p>${open ? t('reviewLead') : t('reviewClosed')}</p>
      <div class="actions" role="group" aria-label=${t('reviewQueue')}>
        ${tabs.map(
          (s) => html`<button type="button" class=${s === this.tab ? '' : 'secondary'} aria-pressed=${s === this.tab ? 'true' : 'false'} @click=${() => this.choose(s)}>
            ${t(`tab_${s}`, { n: this.counts[s] })}
          </button>`,
        )}
      </div>
      <label for="queue-district">${t('filterDistrict')}</label>
      <select id="queue-district" @change=${(e: Event) => { this.district = (e.target as HTMLSelectElement).value; void this.load(); }}>
        <option value="">${t('allDistricts')}</option>
        ${this.round.districts.map((d) => html`<option value=${d.code} ?selected=${d.code === this.district}>${d.name}</option>`)}
      </select>
      <p role="status" aria-live="polite">${this.notice}</p>
      ${this.message ? html`<div class="alert" role="alert">${this.message} <button class="secondary" @click=${() => this.load()}>${t('retry')}</button></div>` : nothing}
      ${this.items === null && this.busy ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${this.items?.length === 0 ? html`<p>${t('noQueueItems')}</p>` : nothing}
      ${(this.items ?? []).map(
        (p) => html`<budget-review-item .project=${p} roundId=${this.round.id} ?open=${open} @project-reviewed=${this.reviewed}></budget-review-item>`,
      )}
      ${this.next
        ? html`<p><button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.load(true)}>${this.busy ? t('loading') : t('loadMore')}</button></p>`
        : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-review-queue': BudgetReviewQueue;
  }
}
