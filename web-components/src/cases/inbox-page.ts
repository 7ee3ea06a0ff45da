import { css, html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import type { CaseSummary } from './types';
import '../platform/due-date';
import { LocalizedElement } from '../platform/localized-element';
import './state-badge';
import type { MessageKey } from './i18n';
import { formatInstant, textLang } from '../platform/i18n';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';

const slaKey: Record<string, MessageKey> = {
  on_track: 'slaOnTrack',
  warned_50: 'slaWarned50',
  warned_75: 'slaWarned75',
  breached: 'slaBreached',
  paused: 'slaPaused',
};

/** The agency's cases, most urgent first, with the time left on each. */
@customElement('inbox-page')
export class InboxPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .toggle {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin: 0 0 1rem;
      }
      .toggle input {
        width: auto;
      }
      .toggle label {
        margin: 0;
      }
      .filter {
        max-width: 20rem;
        margin: 0 0 1rem;
      }
      @media (max-width: 600px) {
        thead {
          display: none;
        }
        tr {
          display: block;
          border-bottom: 2px solid #d0d3d8;
          padding: 0.5rem 0;
        }
        td {
          display: block;
          border: none;
          padding: 0.15rem 0.5rem;
        }
      }
    `,
  ];
  @state() private items: CaseSummary[] | null = null;
  @state() private all = false;
  @state() private sla = '';
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const query = new URLSearchParams({ state: this.all ? 'all' : 'open', ...(this.sla ? { sla: this.sla } : {}) });
      this.items = (await api<{ items: CaseSummary[] }>(`/cases/inbox?${query}`)).items;
    } catch {
      this.error = t('networkError');
    }
  }

  private toggle(e: Event): void {
    this.all = (e.target as HTMLInputElement).checked;
    this.items = null;
    void this.load();
  }

  private filterSla(e: Event): void {
    this.sla = (e.target as HTMLSelectElement).value;
    this.items = null;
    void this.load();
  }

  protected override pageTitle(): string {
    return t('inboxTitle');
  }

  override render() {
    return html`
      <h1>${t('inboxTitle')}</h1>
      <div class="toggle">
        <input id="all" type="checkbox" .checked=${this.all} @change=${this.toggle} />
        <label for="all">${t('showAll')}</label>
      </div>
      <div class="filter">
        <label for="sla">${t('slaFilter')}</label>
        <select id="sla" data-testid="sla-filter" @change=${this.filterSla}>
          <option value="">${t('slaAll')}</option>
          ${Object.entries(slaKey).map(([value, key]) => html`<option value=${value} ?selected=${this.sla === value}>${t(key)}</option>`)}
        </select>
      </div>
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>` : ''}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : ''}
      ${this.items?.length === 0 ? html`<p>${t('inboxEmpty')}</p>` : ''}
      ${this.items?.length
        ? html`<table data-testid="inbox">
            <caption class="muted">${t('inboxTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">${t('subject')}</th><th scope="col">${t('state')}</th><th scope="col">${t('received')}</th>
                <th scope="col">${t('ackDue')}</th><th scope="col">${t('resolutionDue')}</th>
              </tr>
            </thead>
            <tbody>
              ${this.items.map(
                (c) => html`<tr data-case-id=${c.id}>
                  <td><a href="/cases/${c.id}" lang=${ifDefined(textLang(c.subject))}>${c.subject}</a><br /><span class="muted">${c.id}</span></td>
                  <td><state-badge state=${c.state}></state-badge><br /><span class="muted">${t(slaKey[c.slaState] ?? 'slaOnTrack')}</span></td>
                  <td>${formatInstant(c.receivedAt)}</td>
                  <td><due-date date=${c.ackDueDate ?? ''} ?countdown=${c.state === 'received'}></due-date></td>
                  <td><due-date date=${c.resolutionDueDate ?? ''} countdown></due-date></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : ''}
    `;
  }
}
