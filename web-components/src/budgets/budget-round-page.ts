import { css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { currentUser, loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import './budget-ballot-composer';
import './budget-follow-button';
import './budget-results-view';
import './budget-round-summary';
import { type MessageKey, codeKey, money, t } from './i18n';
import type { Receipt, Results, RoundDetail, Turnout, VoterStatus } from './types';

const POLL_MS = 3000;

/**
 * One round: phase and schedule (with public extension reasons), districts and projects, live
 * turnout while voting, the resident's ballot and receipt, results with explanations, and the
 * implementation tracker of funded projects.
 */
@customElement('budget-round-page')
export class BudgetRoundPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .receipt code { font-size: 1.1rem; word-break: break-all; }
      ul.plain { list-style: none; padding: 0; }
    `,
  ];
  @property({ attribute: false }) location?: { params: { id?: string } };
  @state() private round: RoundDetail | null = null;
  @state() private turnout: Turnout | null = null;
  @state() private results: Results | null = null;
  @state() private me: VoterStatus | null = null;
  @state() private receipt: Receipt | null = null;
  @state() private error = '';
  private timer?: ReturnType<typeof setInterval>;

  private get roundId(): string {
    return this.location?.params.id ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // Phases change by the clock on the server: follow them without a reload.
    this.timer = setInterval(() => void this.load(), POLL_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    try {
      const round = await api<RoundDetail>(`/budget-rounds/${this.roundId}`);
      const user = currentUser() ?? (await loadSession().catch(() => null));
      const [turnout, results, me] = await Promise.all([
        round.phase === 'voting' ? api<Turnout>(`/budget-rounds/${this.roundId}/turnout`) : Promise.resolve(null),
        round.phase === 'results' || round.phase === 'implementation' ? api<Results>(`/budget-rounds/${this.roundId}/results`) : Promise.resolve(null),
        user?.role === 'citizen' && round.phase === 'voting' ? api<VoterStatus>(`/budget-rounds/${this.roundId}/me`) : Promise.resolve(null),
      ]);
      this.round = round;
      this.turnout = turnout;
      this.results = results;
      this.me = me;
      this.error = '';
      if (round.phase === 'implementation') clearInterval(this.timer);
    } catch {
      this.error = t('networkError');
    }
  }

  private onCast(e: CustomEvent<Receipt>): void {
    this.receipt = e.detail;
    void this.load();
  }

  private ballot(r: RoundDetail) {
    if (r.phase !== 'voting') return '';
    if (this.receipt) {
      return html`<section class="card receipt" role="status" aria-live="polite">
        <h2>${t('receiptTitle')}</h2>
        ${this.receipt.replaced ? html`<p>${t('replacedNote')}</p>` : ''}
        <p>${t('receiptLead')}</p>
        <p>${t('receiptCode')}：<code id="receipt-code">${this.receipt.receipt}</code></p>
      </section>`;
    }
    if (!currentUser()) return html`<p><a href="/login">${t('signInToVote')}</a></p>`;
    if (!this.me) return '';
    if (!this.me.eligible) {
      return html`<p class="alert">${t('notEligible', { reasons: this.me.reasons.map((x) => t(codeKey('reason_', x))).join('、') })}</p>`;
    }
    return html`<budget-ballot-composer
      .round=${r}
      district=${this.me.districtCode ?? ''}
      ?hasVoted=${this.me.hasVoted}
      @ballot-cast=${this.onCast}
    ></budget-ballot-composer>`;
  }

  private projects(r: RoundDetail) {
    return r.districts.map((d) => {
      const list = r.projects.filter((p) => p.districtCode === d.code);
      return html`<section>
        <h3>${t('districtBudget', { name: d.name, amount: money(d.budget) })}</h3>
        ${list.length === 0 ? html`<p class="muted">${t('noProjects')}</p>` : ''}
        <ul class="plain">
          ${list.map(
            (p) => html`<li class="card" data-project=${p.id}>
              <strong>${p.title}</strong> · ${t(`state_${p.state}` as MessageKey)}
              <br />${p.cost !== null ? html`${t('cost')} ${money(p.cost)}` : p.estimatedCost !== null ? html`${t('estimatedCost')} ${money(p.estimatedCost)}` : ''}
              ${p.latitude !== null && p.longitude !== null ? html`<br /><span class="muted">${t('coordinates', { lat: p.latitude, lng: p.longitude })}</span>` : ''}
              ${p.description ? html`<p>${p.description}</p>` : ''}
              ${p.reviewReason ? html`<p class="muted">${t('reviewReason', { reason: p.reviewReason })}</p>` : ''}
              ${r.phase === 'results' || r.phase === 'implementation'
                ? html`<h4>${t('implementation')}</h4>
                    ${p.updates.length === 0 ? html`<p class="muted">${t('noUpdates')}</p>` : ''}
                    <ol>
                      ${p.updates.map(
                        (u) => html`<li>${formatInstant(u.createdAt)} · ${t(`status_${u.status}` as MessageKey)}：${u.note}
                          ${u.photos.map((ph) => html`<br /><a href=${ph.url}>${t('photo', { caption: ph.caption || ph.url })}</a>`)}</li>`,
                      )}
                    </ol>`
                : ''}
            </li>`,
          )}
        </ul>
      </section>`;
    });
  }

  override render() {
    const r = this.round;
    if (!r) {
      return this.error
        ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>`
        : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    }
    const phase = (p: string) => t(`phase_${p}` as MessageKey);
    return html`
      <h1>${r.title}</h1>
      ${r.description ? html`<p>${r.description}</p>` : ''}
      <p id="phase" data-phase=${r.phase}><strong>${t('phaseNow', { phase: phase(r.phase) })}</strong></p>
      ${currentUser() && r.source === 'live' ? html`<budget-follow-button roundId=${r.id}></budget-follow-button>` : ''}
      ${r.phase === 'tallying' ? html`<progress aria-label=${phase('tallying')}></progress>` : ''}
      <h2>${t('schedule')}</h2>
      <ul>
        ${(['proposals', 'review', 'voting', 'results'] as const).map((p) => html`<li>${t('phaseEnds', { phase: phase(p), at: formatInstant(r.schedule[p]) })}</li>`)}
      </ul>
      ${r.events.some((e) => e.reason)
        ? html`<h2>${t('timeline')}</h2>
            <ul>${r.events.filter((e) => e.reason).map((e) => html`<li>${formatInstant(e.occurredAt)} · ${t('extendedBecause', { phase: phase(e.phase), reason: e.reason ?? '' })}</li>`)}</ul>`
        : ''}
      ${this.ballot(r)}
      ${this.turnout
        ? html`<h2>${t('turnout')}</h2>
            <p class="muted">${t('turnoutNote')}</p>
            <ul id="turnout">${this.turnout.districts.map((d) => html`<li>${t('votersIn', { name: d.name, n: d.voters })}</li>`)}</ul>
            <p>${t('turnoutTotal', { n: this.turnout.total })}</p>`
        : ''}
      <h2>${t('results')}</h2>
      ${this.results
        ? html`<budget-round-summary .summary=${this.results.summary} rule=${this.results.rule}></budget-round-summary>
            <budget-results-view .results=${this.results} .projects=${r.projects} roundId=${r.id}></budget-results-view>`
        : html`<p class="muted">${t('resultsPending')}</p>`}
      <h2>${t('districts')}</h2>
      ${this.projects(r)}
    `;
  }
}
