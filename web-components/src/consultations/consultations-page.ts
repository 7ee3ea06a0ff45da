import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant, locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import type { User } from '../platform/api-types';
import { loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import './consultation-state-badge';
import { t } from './i18n';
import type { ConsultationSummary } from './types';

/** Published consultations (and, for agency staff, their drafts), newest first. */
@customElement('consultations-page')
export class ConsultationsPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private items: ConsultationSummary[] | null = null;
  @state() private error = '';
  @state() private user: User | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.user = await loadSession().catch(() => null);
      this.items = (await api<{ items: ConsultationSummary[] }>('/consultations')).items;
    } catch {
      this.error = t('networkError');
    }
  }

  override render() {
    const user = this.user;
    const staff = user?.role === 'officer' || user?.role === 'supervisor';
    return html`
      <h1>${t('listTitle')}</h1>
      <p>${t('listLead')}</p>
      ${staff ? html`<p><a href="/consultations/new">${t('newConsultation')}</a></p>` : ''}
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>` : ''}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : ''}
      ${this.items?.length === 0 ? html`<p>${t('noConsultations')}</p>` : ''}
      ${this.items?.map(
        (c) => html`<article class="card" data-consultation-id=${c.id}>
          <h2><a href="/consultations/${c.id}">${c.title}</a></h2>
          <p>
            <consultation-state-badge state=${c.state} ?overdue=${c.overdue}></consultation-state-badge>
            <span class="muted">${t('commentsCount', { n: c.comments })}</span>
          </p>
          <p class="muted">${t('issuingAgency')}：${locale() === 'en' ? c.agencyNameEn : c.agencyNameZh}
            ${c.closesAt ? html`・${t('closesOn', { date: formatInstant(c.closesAt) })}` : ''}</p>
        </article>`,
      )}
      <p class="muted">${t('openData')}：<a href="/api/v1/open-data/consultations?format=csv">CSV</a> ・
        <a href="/api/v1/open-data/consultation-comments?format=csv">${t('comments')} CSV</a> ・
        <a href="/api/v1/open-data/consultation-dispositions?format=json">JSON</a></p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultations-page': ConsultationsPage;
  }
}
