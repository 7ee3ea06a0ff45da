import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type BallotError, type BallotSettings, validateBallot } from '../../../domain/tally/ballot-validation';
import { ApiError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { codeKey, money, t } from './i18n';
import type { BudgetProject, Receipt, RoundDetail } from './types';

/**
 * The ballot of one district: the round's rule explained as it applies, a running total (cost
 * against the budget, or points) with a progress bar, live checks with the same rules the server
 * applies, and the server's answer in the reader's language. Residents vote with it online; at a
 * polling station staff enter a checked-in voter's paper ballot with it (`voterEmail`).
 * @fires ballot-cast - detail: the receipt
 */
@customElement('budget-ballot-composer')
export class BudgetBallotComposer extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      fieldset { border: 1px solid var(--civic-border); border-radius: 8px; padding: 0.75rem; }
      .choice { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.5rem 0; border-bottom: 1px solid var(--civic-border); }
      .choice label { margin: 0; font-weight: 400; flex: 1; }
      .choice input[type='number'] { width: 5rem; }
      .total { margin: 1rem 0 0.25rem; font-weight: 600; }
      progress { width: 100%; height: 1.25rem; }
      .over { color: #a1120f; }
    `,
  ];

  @property({ attribute: false }) round!: RoundDetail;
  @property() district = '';
  @property({ type: Boolean }) hasVoted = false;
  /** Set at a polling station: staff enter the paper ballot of this checked-in voter. */
  @property() voterEmail = '';
  @state() private chosen: string[] = [];
  @state() private points: Record<string, number> = {};
  @state() private replaces = '';
  @state() private busy = false;
  @state() private serverErrors: string[] = [];

  private get projects(): BudgetProject[] {
    return this.round.projects.filter((p) => p.districtCode === this.district && p.state === 'accepted');
  }

  private get budget(): number {
    return this.round.districts.find((d) => d.code === this.district)?.budget ?? 0;
  }

  private get settings(): BallotSettings {
    const b = this.round.ballot;
    return b.kind === 'knapsack' ? { ...b, budget: BigInt(this.budget) } : b;
  }

  private ballot(): { projects: string[]; points?: number[] } {
    return this.round.ballot.kind === 'cumulative'
      ? { projects: this.chosen, points: this.chosen.map((id) => this.points[id] ?? 1) }
      : { projects: this.chosen };
  }

  private toggle(id: string, on: boolean): void {
    if (this.round.ballot.kind === 'choose-one') this.chosen = on ? [id] : [];
    else this.chosen = on ? [...this.chosen.filter((x) => x !== id), id] : this.chosen.filter((x) => x !== id);
    this.serverErrors = [];
  }

  private errorText(e: BallotError | Record<string, string | number>): string {
    const vars = Object.fromEntries(
      Object.entries(e).map(([k, v]) => [k, k === 'budget' || k === 'total' ? money(String(v)) : k === 'project' ? this.titleOf(String(v)) : String(v)]),
    );
    return t(codeKey('ballotErr_', String(e.code)), vars);
  }

  private titleOf(id: string): string {
    return this.projects.find((p) => p.id === id)?.title ?? id;
  }

  private rules(): string[] {
    const b = this.round.ballot;
    switch (b.kind) {
      case 'approval':
        return [t('rule_approval'), ...(b.minProjects ? [t('rule_approvalMin', { n: b.minProjects })] : []), ...(b.maxProjects ? [t('rule_approvalMax', { n: b.maxProjects })] : [])];
      case 'knapsack':
        return [t('rule_knapsack', { budget: money(this.budget) }), ...(b.maxProjects ? [t('rule_approvalMax', { n: b.maxProjects })] : [])];
      case 'cumulative':
        return [t('rule_cumulative', { max: b.maxSumPoints }), ...(b.maxPointsPerProject ? [t('rule_cumulativePerProject', { n: b.maxPointsPerProject })] : [])];
      case 'ordinal':
        return [t('rule_ordinal', { n: b.maxRank })];
      case 'choose-one':
        return [t('rule_chooseOne')];
    }
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.busy = true;
    this.serverErrors = [];
    try {
      const receipt = this.voterEmail
        ? await api<Receipt>(`/budget-rounds/${this.round.id}/paper-ballots`, { json: { voterEmail: this.voterEmail, districtCode: this.district, ...this.ballot() } })
        : await api<Receipt>(`/budget-rounds/${this.round.id}/ballots`, {
            json: { districtCode: this.district, ...this.ballot(), ...(this.replaces.trim() ? { replaces: this.replaces.trim() } : {}) },
          });
      this.dispatchEvent(new CustomEvent<Receipt>('ballot-cast', { detail: receipt, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) {
        const p = err.problem as ApiError['problem'] & { ballotErrors?: Record<string, string | number>[] };
        const slug = p.type.split('/').pop() ?? '';
        this.serverErrors = p.ballotErrors?.length ? p.ballotErrors.map((x) => this.errorText(x)) : [t(codeKey('err_', slug)) || p.detail || p.title];
      } else this.serverErrors = [t('networkError')];
    } finally {
      this.busy = false;
    }
  }

  private progress() {
    const b = this.round.ballot;
    if (b.kind === 'knapsack') {
      const total = this.chosen.reduce((s, id) => s + (this.projects.find((p) => p.id === id)?.cost ?? 0), 0);
      const label = t('runningTotal', { total: money(total), budget: money(this.budget) });
      return html`<p class="total ${total > this.budget ? 'over' : ''}" id="ballot-total" aria-live="polite">${label}</p>
        <progress max=${Math.max(this.budget, 1)} .value=${Math.min(total, this.budget)} aria-label=${label}></progress>`;
    }
    if (b.kind === 'cumulative') {
      const used = this.chosen.reduce((s, id) => s + (this.points[id] ?? 1), 0);
      const label = t('pointsUsed', { used, max: b.maxSumPoints });
      return html`<p class="total ${used > b.maxSumPoints ? 'over' : ''}" id="ballot-total" aria-live="polite">${label}</p>
        <progress max=${b.maxSumPoints} .value=${Math.min(used, b.maxSumPoints)} aria-label=${label}></progress>`;
    }
    return html`<p class="total" id="ballot-total" aria-live="polite">${t('chosenCount', { n: this.chosen.length })}</p>`;
  }

  override render() {
    const kind = this.round.ballot.kind;
    const name = this.round.districts.find((d) => d.code === this.district)?.name ?? this.district;
    const live = validateBallot(this.ballot(), this.settings, this.projects.map((p) => ({ id: p.id, cost: BigInt(p.cost ?? 0) })));
    // Too few is not an error while composing; everything else is said at once.
    const shown = live.filter((e) => e.code !== 'too-few-projects' && e.code !== 'points-sum-too-low');
    return html`
      <form class="card" @submit=${this.submit} novalidate>
        <h2>${t(this.voterEmail ? 'paperBallotTitle' : 'ballotTitle', { district: name })}</h2>
        <ul class="hint">${this.rules().map((r) => html`<li>${r}</li>`)}</ul>
        <fieldset>
          <legend>${t('projects')}</legend>
          ${this.projects.map((p) => {
            const rank = this.chosen.indexOf(p.id);
            return html`<div class="choice">
              <input
                id="p-${p.id}"
                type=${kind === 'choose-one' ? 'radio' : 'checkbox'}
                name="projects"
                .checked=${rank >= 0}
                @change=${(e: Event) => this.toggle(p.id, (e.target as HTMLInputElement).checked)}
              />
              <label for="p-${p.id}">${p.title} <span class="muted">(${money(p.cost ?? 0)})</span>${kind === 'ordinal' && rank >= 0 ? html` <strong>${t('rank', { n: rank + 1 })}</strong>` : ''}</label>
              ${kind === 'cumulative' && rank >= 0
                ? html`<input
                    type="number"
                    min="1"
                    step="1"
                    aria-label="${t('points')}: ${p.title}"
                    .value=${String(this.points[p.id] ?? 1)}
                    @input=${(e: Event) => (this.points = { ...this.points, [p.id]: Number((e.target as HTMLInputElement).value) })}
                  />`
                : ''}
            </div>`;
          })}
        </fieldset>
        ${this.progress()}
        ${shown.length ? html`<ul class="alert" role="alert">${shown.map((e) => html`<li>${this.errorText(e)}</li>`)}</ul>` : ''}
        ${this.hasVoted
          ? html`<p>${t('alreadyVoted')}</p>
              <label for="replaces">${t('receiptToReplace')}</label>
              <input id="replaces" autocomplete="off" .value=${this.replaces} @input=${(e: Event) => (this.replaces = (e.target as HTMLInputElement).value)} />`
          : ''}
        ${this.serverErrors.length ? html`<ul class="alert" role="alert">${this.serverErrors.map((m) => html`<li>${m}</li>`)}</ul>` : ''}
        <p>
          <button type="submit" ?disabled=${this.busy || shown.length > 0} aria-describedby="ballot-total">
            ${this.busy ? t('casting') : this.hasVoted ? t('replaceBallot') : t('castBallot')}
          </button>
        </p>
        ${this.busy ? html`<progress aria-label=${t('casting')}></progress>` : ''}
      </form>
    `;
  }
}
