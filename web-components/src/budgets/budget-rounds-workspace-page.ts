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
 * officers and supervisors enter paper ballots while voting is open). 10 rounds at a time, newest
 * first, with "load more" (server cursor).
 */
@customElement('budget-rounds-workspace-page')
export class BudgetRoundsWorkspacePage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private items: RoundSummary[] | null = null;
  @state() private next: string | null = null;
  @state() private busy = false;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override pageTitle(): string {
    return t('wsTitle');
  }

  private async load(more = false): Promise<void> {
    this.error = '';
    this.busy = true;
    try {
      const page = await api<{ items: RoundSummary[]; next: string | null }>(`/budget-rounds?limit=${PAGE}${more && this.next ? `&after=${encodeURIComponent(this.next)}` : ''}`);
      this.items = more ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next;
    } catch {
      this.error = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const role = currentUser()?.role;
    const manager = role === 'manager' || role === 'admin';
    const counter = role === 'officer' || role === 'supervisor';
    const shown = this.items ?? [];
    const phase = (p: string) => t(`phase_${p}` as MessageKey);
    return html`
      <h1>${t('wsTitle')}</h1>
      <p>${t('wsLead')}</p>
      ${manager ? html`<p><a href="/budgets/manage/new" data-testid="new-round">${t('newRound')}</a></p>` : nothing}
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${() => this.load(this.items !== null)}>${t('retry')}</button></div>` : nothing}
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
      ${this.next ? html`<p><button class="secondary" ?disabled=${this.busy} @click=${() => this.load(true)}>${this.busy ? t('loading') : t('loadMore')}</button></p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-rounds-workspace-page': BudgetRoundsWorkspacePage;
  }
}
