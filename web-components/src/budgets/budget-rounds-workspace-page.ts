import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { currentUser } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import type { RoundSummary } from './types';

const PAGE = 10;

/**
 * The staff workspace of participatory budgeting: every round with its phase, and the work it
 * offers the reader's role (managers create and edit rounds; all staff review proposals; counter
 * officers and supervisors enter paper ballots while voting is open). Paged, 10 rounds a page.
 */
@customElement('budget-rounds-workspace-page')
export class BudgetRoundsWorkspacePage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private items: RoundSummary[] | null = null;
  @state() private page = 0;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override pageTitle(): string {
    return t('wsTitle');
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.items = (await api<{ items: RoundSummary[] }>('/budget-rounds')).items.filter((r) => r.source === 'live');
    } catch {
      this.error = t('networkError');
    }
  }

  private go(page: number): void {
    this.page = page;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  override render() {
    const role = currentUser()?.role;
    const manager = role === 'manager' || role === 'admin';
    const counter = role === 'officer' || role === 'supervisor';
    const items = this.items ?? [];
    const pages = Math.max(1, Math.ceil(items.length / PAGE));
    const shown = items.slice(this.page * PAGE, (this.page + 1) * PAGE);
    const phase = (p: string) => t(`phase_${p}` as MessageKey);
    return html`
      <h1 tabindex="-1">${t('wsTitle')}</h1>
      <p>${t('wsLead')}</p>
      ${manager ? html`<p><a href="/budgets/manage/new" data-testid="new-round">${t('newRound')}</a></p>` : nothing}
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>` : nothing}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${this.items?.length === 0 ? html`<p>${t('noRounds')}</p>` : nothing}
      <ul class="plain">
        ${shown.map(
          (r) => html`<li class="card" data-round=${r.id}>
            <strong>${r.title}</strong>
            <p class="muted">
              ${t('phaseNow', { phase: phase(r.phase) })}
              ${r.phase === 'proposals' || r.phase === 'review' || r.phase === 'voting' ? html` · ${t('phaseEnds', { phase: phase(r.phase), at: formatInstant(r.schedule[r.phase]) })}` : nothing}
            </p>
            <p>
              <a href="/budgets/${r.id}/manage">${t('manageRound')}<span class="visually-hidden">：${r.title}</span></a>
              · <a href="/budgets/${r.id}">${t('viewPublic')}<span class="visually-hidden">：${r.title}</span></a>
              ${counter && r.phase === 'voting' ? html` · <a href="/budgets/${r.id}/paper">${t('paperBallots')}<span class="visually-hidden">：${r.title}</span></a>` : nothing}
            </p>
          </li>`,
        )}
      </ul>
      ${pages > 1
        ? html`<nav aria-label=${t('pageOf', { n: this.page + 1, total: pages })} class="actions">
            <button class="secondary" ?disabled=${this.page === 0} @click=${() => this.go(this.page - 1)}>${t('prevPage')}</button>
            <span role="status">${t('pageOf', { n: this.page + 1, total: pages })}</span>
            <button class="secondary" ?disabled=${this.page >= pages - 1} @click=${() => this.go(this.page + 1)}>${t('nextPage')}</button>
          </nav>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-rounds-workspace-page': BudgetRoundsWorkspacePage;
  }
}
