import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { problemMessage } from '../platform/field-messages';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { currentUser } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import './budget-phase-extend-form';
import './budget-progress-form';
import './budget-review-queue';
import { type MessageKey, money, t } from './i18n';
import type { Results, RoundDetail } from './types';

/**
 * Managing one round: its phase and settings at a glance, editing (managers, until voting opens),
 * extending the current phase with a public reason (managers), the feasibility-review queue (all
 * staff), while voting the way to the paper-ballot counter (officers and supervisors), and after
 * the results the implementation progress of funded projects (staff).
 */
@customElement('budget-round-workspace-page')
export class BudgetRoundWorkspacePage extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) location?: { params: { id?: string } };
  @state() private round: RoundDetail | null = null;
  @state() private error = '';
  @state() private funded = new Set<string>();

  protected override pageTitle(): string {
    return t('manageTitle', { title: this.round?.title ?? '' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const round = await api<RoundDetail>(`/budget-rounds/${this.location?.params.id ?? ''}`);
      if (round.phase === 'results' || round.phase === 'implementation') {
        const results = await api<Results>(`/budget-rounds/${round.id}/results`);
        this.funded = new Set(results.districts.flatMap((d) => d.selected));
      }
      this.round = round;
    } catch (err) {
      this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  /** Funded projects (accepted and selected by the tally) with their progress forms. */
  private progress(r: RoundDetail) {
    const funded = r.projects.filter((p) => p.state === 'accepted' && this.funded.has(p.id));
    return html`<section aria-labelledby="progress-heading" data-testid="progress">
      <h2 id="progress-heading">${t('progressTitle')}</h2>
      <p>${t('progressLead')}</p>
      ${this.funded.size === 0 ? html`<p>${t('noFunded')}</p>` : nothing}
      ${funded.map(
        (p) => html`<budget-progress-form .project=${p} roundId=${r.id} @round-changed=${(e: CustomEvent<RoundDetail>) => (this.round = e.detail)}></budget-progress-form>`,
      )}
    </section>`;
  }

  override render() {
    const r = this.round;
    if (!r) {
      return this.error
        ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>`
        : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    }
    const role = currentUser()?.role;
    const manager = role === 'manager' || role === 'admin';
    const counter = role === 'officer' || role === 'supervisor';
    const editable = r.phase === 'proposals' || r.phase === 'review';
    const phase = (p: string) => t(`phase_${p}` as MessageKey);
    return html`
      <h1>${t('manageTitle', { title: r.title })}</h1>
      <p id="phase" data-phase=${r.phase}><strong>${t('phaseNow', { phase: phase(r.phase) })}</strong></p>
      <p>
        <a href="/budgets/${r.id}">${t('viewPublic')}</a>
        ${manager && editable ? html` · <a href="/budgets/${r.id}/edit" data-testid="edit-round">${t('editSettings')}</a>` : nothing}
        ${counter && r.phase === 'voting' ? html` · <a href="/budgets/${r.id}/paper">${t('paperBallots')}</a>` : nothing}
      </p>
      <dl>
        <dt>${t('f_rule')}</dt><dd>${t(`rule_${r.rule}` as MessageKey)}</dd>
        <dt>${t('f_ballotKind')}</dt><dd>${t(`kind_${r.ballot.kind}` as MessageKey)}</dd>
        <dt>${t('districtsLegend')}</dt><dd>${r.districts.map((d) => t('districtBudget', { name: d.name, amount: money(d.budget) })).join('、')}</dd>
        <dt>${t('schedule')}</dt>
        <dd><ul class="plain">${(['proposals', 'review', 'voting', 'results'] as const).map((p) => html`<li>${t('phaseEnds', { phase: phase(p), at: formatInstant(r.schedule[p]) })}</li>`)}</ul></dd>
      </dl>
      ${manager
        ? html`<section class="card" aria-labelledby="extend-heading">
            <h2 id="extend-heading">${t('extendTitle')}</h2>
            <budget-phase-extend-form .round=${r} @round-changed=${(e: CustomEvent<RoundDetail>) => (this.round = e.detail)}></budget-phase-extend-form>
          </section>`
        : nothing}
      ${r.phase === 'results' || r.phase === 'implementation' ? this.progress(r) : html`<budget-review-queue .round=${r}></budget-review-queue>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-round-workspace-page': BudgetRoundWorkspacePage;
  }
}
