import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CheckInRequestSchema } from '../../../worker/budgets/schemas';
import { ApiError, api } from '../platform/api-client';
import { checkLocally, messagesByField, problemMessage } from '../platform/field-messages';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import './budget-ballot-composer';
import { codeKey, t } from './i18n';
import type { CheckIn, Receipt, RoundDetail } from './types';

/**
 * The polling-station counter: check a resident in (may they vote, in which district, have they
 * voted), then enter their paper ballot with the same composer and rules as online voting, and
 * hand them the receipt code. Officers and supervisors; audited on the server.
 */
@customElement('budget-paper-ballot-page')
export class BudgetPaperBallotPage extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) location?: { params: { id?: string } };
  @state() private round: RoundDetail | null = null;
  @state() private email = '';
  @state() private voter: (CheckIn & { email: string }) | null = null;
  @state() private receipt: Receipt | null = null;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;

  protected override pageTitle(): string {
    return t('paperTitle', { title: this.round?.title ?? '' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.round = await api<RoundDetail>(`/budget-rounds/${this.location?.params.id ?? ''}`);
    } catch (err) {
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  private async checkIn(e: Event): Promise<void> {
    e.preventDefault();
    this.message = '';
    this.voter = null;
    const checked = checkLocally(CheckInRequestSchema, { voterEmail: this.email.trim() });
    this.errors = checked.ok ? {} : messagesByField(checked.errors);
    if (!checked.ok) return;
    this.busy = true;
    try {
      const status = await api<CheckIn>(`/budget-rounds/${this.round!.id}/check-in`, { json: checked.data });
      this.voter = { ...status, email: checked.data.voterEmail };
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors();
        const slug = err.problem.type.split('/').pop() ?? '';
        this.message = slug === 'wrong-phase' ? t('paperNotVoting') : Object.keys(this.errors).length ? '' : problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private nextVoter(): void {
    this.receipt = null;
    this.voter = null;
    this.email = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#voterEmail')?.focus());
  }

  private status() {
    const v = this.voter;
    if (!v || !this.round) return nothing;
    const district = this.round.districts.find((d) => d.code === v.districtCode)?.name ?? v.districtCode ?? '';
    if (v.hasVoted) return html`<p class="alert" role="status" data-testid="voter-status">${t('voterHasVoted', { name: v.voterName })}</p>`;
    if (!v.eligible) {
      return html`<p class="alert" role="status" data-testid="voter-status">${t('voterNotEligible', { name: v.voterName, reasons: v.reasons.map((x) => t(codeKey('reason_', x))).join('、') })}</p>`;
    }
    return html`<p class="notice" role="status" data-testid="voter-status">${t('voterCanVote', { name: v.voterName, district })}</p>
      <budget-ballot-composer .round=${this.round} district=${v.districtCode ?? ''} voterEmail=${v.email} @ballot-cast=${(e: CustomEvent<Receipt>) => (this.receipt = e.detail)}></budget-ballot-composer>`;
  }

  override render() {
    const r = this.round;
    if (!r) {
      return this.message
        ? html`<div class="alert" role="alert">${this.message}</div>`
        : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    }
    if (this.receipt) {
      return html`<h1>${t('paperTitle', { title: r.title })}</h1>
        <section class="card" role="status" aria-live="polite">
          <h2>${t('paperReceiptTitle')}</h2>
          <p>${t('paperReceiptLead')}</p>
          <p>${t('receiptCode')}：<code id="receipt-code">${this.receipt.receipt}</code></p>
          <button type="button" @click=${this.nextVoter}>${t('nextVoter')}</button>
        </section>`;
    }
    return html`
      <h1>${t('paperTitle', { title: r.title })}</h1>
      <p>${t('paperLead')}</p>
      ${r.phase !== 'voting' ? html`<p class="notice">${t('paperNotVoting')}</p>` : nothing}
      ${this.message ? html`<div class="alert" role="alert">${this.message}</div>` : nothing}
      <form class="card" @submit=${this.checkIn} novalidate>
        <label for="voterEmail">${t('f_voterEmail')}</label>
        <input id="voterEmail" type="email" autocomplete="off" .value=${this.email} @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)}
          aria-invalid=${this.errors.voterEmail ? 'true' : 'false'} aria-describedby=${this.errors.voterEmail ? 'voterEmail-error' : nothing} />
        ${this.errors.voterEmail ? html`<p class="field-error" id="voterEmail-error">${this.errors.voterEmail}</p>` : nothing}
        <div class="actions"><button type="submit" ?disabled=${this.busy || r.phase !== 'voting'}>${this.busy ? t('checkingIn') : t('checkIn')}</button></div>
        ${this.busy ? html`<progress aria-label=${t('checkingIn')}></progress>` : nothing}
      </form>
      ${this.status()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-paper-ballot-page': BudgetPaperBallotPage;
  }
}
