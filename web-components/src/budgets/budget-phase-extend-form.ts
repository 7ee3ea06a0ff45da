import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ExtendPhaseRequestSchema } from '../../../worker/budgets/schemas';
import { ApiError, api } from '../platform/api-client';
import '../platform/char-counter';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, codeKey, t } from './i18n';
import type { RoundDetail } from './types';

const TIMED = ['proposals', 'review', 'voting', 'results'];
/** Refusals the leg words itself; anything else through the platform's problem texts. */
const OWN = new Set(['round-rule', 'workflow-not-started', 'wrong-phase', 'outcome-unknown']);

/**
 * Extends the round's current phase to a later end with a public reason (a Temporal update:
 * the workflow says whether the rules allow it). Managers only.
 * @fires round-changed - detail: the round after the extension
 */
@customElement('budget-phase-extend-form')
export class BudgetPhaseExtendForm extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) round!: RoundDetail;
  @state() private until = '';
  @state() private reason = '';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private done = false;
  @state() private busy = false;

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.done = false;
    this.message = '';
    const body = { phase: this.round.phase, until: this.until ? `${this.until}:00+08:00` : '', reason: this.reason };
    const checked = checkLocally(ExtendPhaseRequestSchema, body);
    this.errors = checked.ok ? {} : messagesByField(checked.errors);
    if (!checked.ok) return;
    this.busy = true;
    try {
      const round = await api<RoundDetail>(`/budget-rounds/${this.round.id}/extend`, { json: checked.data });
      this.done = true;
      this.reason = '';
      this.until = '';
      this.dispatchEvent(new CustomEvent<RoundDetail>('round-changed', { detail: round, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors();
        const slug = err.problem.type.split('/').pop() ?? '';
        this.message = OWN.has(slug) ? t(codeKey('err_', slug)) : problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const r = this.round;
    if (!TIMED.includes(r.phase)) return html`<p class="muted">${t('extendNone')}</p>`;
    const phase = r.phase as 'proposals' | 'review' | 'voting' | 'results';
    const limits = lengthLimits(ExtendPhaseRequestSchema.shape.reason);
    const err = (f: string) => (this.errors[f] ? html`<p class="field-error" id="${f}-error">${this.errors[f]}</p>` : nothing);
    return html`<form @submit=${this.submit} novalidate data-testid="extend-form">
      <p>${t('extendLead', { phase: t(`phase_${phase}` as MessageKey), at: formatInstant(r.schedule[phase]) })}</p>
      ${this.message ? html`<div class="alert" role="alert">${this.message}</div>` : nothing}
      ${this.done ? html`<p class="notice" role="status">${t('extendedNote')}</p>` : nothing}
      <label for="until">${t('f_until')}</label>
      <input id="until" type="datetime-local" .value=${this.until} @input=${(e: Event) => (this.until = (e.target as HTMLInputElement).value)}
        aria-invalid=${this.errors.until ? 'true' : 'false'} aria-describedby=${this.errors.until ? 'until-error' : nothing} />
      ${err('until')}
      <label for="reason">${t('f_reason')}</label>
      <input id="reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}
        aria-invalid=${this.errors.reason ? 'true' : 'false'} aria-describedby=${this.errors.reason ? 'reason-error reason-limits' : 'reason-limits'} />
      ${limits ? html`<char-counter for="reason" .value=${this.reason} min=${limits.min} max=${limits.max}></char-counter>` : nothing}
      ${err('reason')}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('extending') : t('extendSubmit')}</button></div>
      ${this.busy ? html`<progress aria-label=${t('extending')}></progress>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-phase-extend-form': BudgetPhaseExtendForm;
  }
}
