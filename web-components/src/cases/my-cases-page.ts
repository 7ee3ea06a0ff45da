import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import type { CaseSummary } from './types';
import '../platform/due-date';
import { LocalizedElement } from '../platform/localized-element';
import './state-badge';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatInstant, textLang } from '../platform/i18n';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';

/** The citizen's own cases, newest first. */
@customElement('my-cases-page')
export class MyCasesPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private items: CaseSummary[] | null = null;
  @state() private error = '';

  protected override pageTitle(): string {
    return t('myCasesTitle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.items = (await api<{ items: CaseSummary[] }>('/cases/mine')).items;
    } catch {
      this.error = t('networkError');
    }
  }

  override render() {
    return html`
      <h1>${t('myCasesTitle')}</h1>
      <p><a href="/cases/new">${t('navNewCase')}</a></p>
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>` : ''}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : ''}
      ${this.items?.length === 0 ? html`<p>${t('noCases')}</p>` : ''}
      ${this.items?.length
        ? html`<table class="stack">
            <caption class="muted">${t('myCasesTitle')}</caption>
            <thead>
              <tr><th scope="col">${t('subject')}</th><th scope="col">${t('state')}</th><th scope="col">${t('received')}</th><th scope="col">${t('resolutionDue')}</th></tr>
            </thead>
            <tbody>
              ${this.items.map(
                (c) => html`<tr data-case-id=${c.id}>
                  <td><a href="/cases/${c.id}" lang=${ifDefined(textLang(c.subject))}>${c.subject}</a><br /><span class="muted">${c.id}</span></td>
                  <td data-label=${t('state')}><state-badge state=${c.state}></state-badge></td>
                  <td data-label=${t('received')}>${formatInstant(c.receivedAt)}</td>
                  <td data-label=${t('resolutionDue')} data-testid="answer-due"><due-date date=${c.resolutionDueDate ?? ''}></due-date></td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : ''}
    `;
  }
}
