import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import type { RoundSummary } from './types';

/** Every budgeting round, with its phase and when the phase ends (public). */
@customElement('budgets-page')
export class BudgetsPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private items: RoundSummary[] | null = null;
  @state() private error = '';
  @state() private next: string | null = null;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(more = false): Promise<void> {
    this.error = '';
    this.busy = true;
    try {
      const page = await api<{ items: RoundSummary[]; next: string | null }>(`/budget-rounds${more && this.next ? `?after=${encodeURIComponent(this.next)}` : ''}`);
      this.items = more ? [...(this.items ?? []), ...page.items] : page.items;
      this.next = page.next;
    } catch {
      this.error = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1>${t('budgetsTitle')}</h1>
      <p>${t('budgetsLead')}</p>
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${() => this.load(this.items !== null)}>${t('retry')}</button></div>` : ''}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : ''}
      ${this.items?.length === 0 ? html`<p>${t('noRounds')}</p>` : ''}
      <ul class="rounds">
        ${(this.items ?? []).map(
          (r) => html`<li class="card">
            <a href="/budgets/${r.id}">${r.title}</a>
            <p class="muted">
              ${t('phaseNow', { phase: t(`phase_${r.phase}` as MessageKey) })}
              ${r.phase === 'proposals' || r.phase === 'review' || r.phase === 'voting'
                ? html` · ${t('phaseEnds', { phase: t(`phase_${r.phase}` as MessageKey), at: formatInstant(r.schedule[r.phase]) })}`
                : ''}
              ${r.source === 'pabulib' ? html` · ${t('importedRound')}` : ''}
            </p>
          </li>`,
        )}
      </ul>
      ${this.next ? html`<p><button class="secondary" ?disabled=${this.busy} @click=${() => this.load(true)}>${this.busy ? t('loading') : t('loadMore')}</button></p>` : ''}
    `;
  }
}
