import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ReviewProjectRequestSchema } from '../../../worker/budgets/schemas';
import { ApiError, api } from '../platform/api-client';
import '../platform/char-counter';
import { checkLocally, messagesByField, problemMessage } from '../platform/field-messages';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, codeKey, money, t } from './i18n';
import type { QueueProject, RoundDetail } from './types';

/**
 * One proposal in the feasibility review: its description and estimate, a cost and a note, and
 * Accept / Reject. A rejection needs a reason (the proposer is told, and it is public).
 * @fires project-reviewed - detail: the round after the review
 */
@customElement('budget-review-item')
export class BudgetReviewItem extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) project!: QueueProject;
  @property() roundId = '';
  @property({ type: Boolean }) open = true;
  @state() private cost = '';
  @state() private reason = '';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('project') && this.project) {
      this.cost = String(this.project.cost ?? this.project.estimatedCost ?? '');
      this.reason = this.project.reviewReason ?? '';
    }
  }

  private async decide(decision: 'accept' | 'reject'): Promise<void> {
    this.message = '';
    const body = decision === 'accept' ? { decision, cost: this.cost.trim() === '' ? undefined : Number(this.cost), reason: this.reason } : { decision, reason: this.reason };
    const checked = checkLocally(ReviewProjectRequestSchema, body);
    this.errors = checked.ok ? {} : messagesByField(checked.errors);
    if (!checked.ok) return;
    this.busy = true;
    try {
      const round = await api<RoundDetail>(`/budget-rounds/${this.roundId}/projects/${this.project.id}/review`, { json: checked.data });
      this.dispatchEvent(new CustomEvent<RoundDetail>('project-reviewed', { detail: round, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors();
        const slug = err.problem.type.split('/').pop() ?? '';
        this.message = slug === 'wrong-phase' ? t(codeKey('err_', slug)) : problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const p = this.project;
    const id = (f: string) => `${f}-${p.id}`;
    const err = (f: string) => (this.errors[f] ? html`<p class="field-error" id="${id(f)}-error">${this.errors[f]}</p>` : nothing);
    return html`<article class="card" data-review=${p.id} aria-labelledby=${id('title')}>
      <h3 id=${id('title')}>${p.title}</h3>
      <p class="muted">${t(`state_${p.state}` as MessageKey)}${p.estimatedCost !== null ? html` · ${t('estimatedCost')} ${money(p.estimatedCost)}` : nothing}${p.cost !== null ? html` · ${t('cost')} ${money(p.cost)}` : nothing}</p>
      ${p.description ? html`<p>${p.description}</p>` : nothing}
      ${p.reviewReason ? html`<p class="muted">${t('reviewReason', { reason: p.reviewReason })}</p>` : nothing}
      ${this.open
        ? html`${this.message ? html`<div class="alert" role="alert">${this.message}</div>` : nothing}
            <label for=${id('cost')}>${t('f_cost')}</label>
            <input id=${id('cost')} type="number" inputmode="numeric" min="0" .value=${this.cost} @input=${(e: Event) => (this.cost = (e.target as HTMLInputElement).value)}
              aria-invalid=${this.errors.cost ? 'true' : 'false'} aria-describedby=${this.errors.cost ? `${id('cost')}-error` : nothing} />
            ${err('cost')}
            <label for=${id('reason')}>${t('f_reviewReason')}</label>
            <p class="hint" id="${id('reason')}-hint">${t('reviewReasonHint')}</p>
            <textarea id=${id('reason')} .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}
              aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby="${id('reason')}-hint${this.errors.reason ? ` ${id('reason')}-error` : ''}"></textarea>
            ${err('reason')}
            <div class="actions">
              <button type="button" ?disabled=${this.busy} @click=${() => this.decide('accept')}>${this.busy ? t('reviewing') : t('accept')}</button>
              <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.decide('reject')}>${t('reject')}</button>
            </div>
            ${this.busy ? html`<progress aria-label=${t('reviewing')}></progress>` : nothing}`
        : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-review-item': BudgetReviewItem;
  }
}
