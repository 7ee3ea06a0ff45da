import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import type { PublicAgencyStats } from './types';
import { LocalizedElement } from '../platform/localized-element';
import { formatDate, formatNumber, formatPercent, locale } from '../platform/i18n';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';
import '../petitions/contract';
import '../consultations/contract';

type AgencyStats = PublicAgencyStats['agencies'][number];

/**
 * Public accountability (no sign-in): per agency, how often it answered on time, its median
 * handling time and its open overdue cases by category, with small counts suppressed for
 * privacy, the date of the figures and links to the same data as JSON and CSV.
 */
@customElement('accountability-page')
export class AccountabilityPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .agencies {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
        gap: 0 1rem;
      }
      section.card h2 {
        margin-top: 0;
        font-size: 1.1rem;
      }
      h3 {
        font-size: 1rem;
        margin: 1rem 0 0.25rem;
      }
      .figure {
        font-size: 1.25rem;
        font-weight: 700;
      }
      td.num,
      th.num {
        text-align: right;
      }
      .open-data a {
        display: inline-block;
        margin-right: 1rem;
      }
    `,
  ];

  @state() private stats: PublicAgencyStats | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.stats = await api<PublicAgencyStats>('/public/agencies');
    } catch {
      this.error = t('networkError');
    }
  }

  private renderAgency(a: AgencyStats, minCount: number) {
    const en = locale() === 'en';
    const suppressed = html`<span class="muted">${t('suppressed', { n: minCount })}</span>`;
    const none = html`<span class="muted">${t('noData')}</span>`;
    const headingId = `agency-${a.agencyId}`;
    return html`<section class="card" aria-labelledby=${headingId} data-agency-id=${a.agencyId}>
      <h2 id=${headingId}>${en ? a.nameEn : a.nameZh}</h2>
      <dl>
        <dt>${t('onTimeRate')}</dt>
        <dd>${a.decided === null ? suppressed : a.onTimeRate === null ? none : html`<span class="figure">${formatPercent(a.onTimeRate)}</span>`}</dd>
        <dt>${t('medianHandling')}</dt>
        <dd>
          ${a.medianHandlingDays !== null
            ? t('workingDays', { n: formatNumber(a.medianHandlingDays, 1) })
            : a.decided === null
              ? suppressed
              : none}
        </dd>
        <dt>${t('casesDue')}</dt>
        <dd>${a.decided === null ? suppressed : formatNumber(a.decided, 0)}</dd>
      </dl>
      <h3 id="${headingId}-overdue">${t('openOverdueByType')}</h3>
      ${a.openOverdue.length === 0
        ? html`<p>${t('noOpenOverdue')}</p>`
        : html`<table aria-labelledby="${headingId}-overdue">
            <thead>
              <tr><th scope="col">${t('serviceType')}</th><th scope="col" class="num">${t('count')}</th></tr>
            </thead>
            <tbody>
              ${a.openOverdue.map(
                (o) => html`<tr>
                  <th scope="row">${en ? o.nameEn : o.nameZh}</th>
                  <td class="num">${o.count === null ? suppressed : formatNumber(o.count, 0)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}
    </section>`;
  }

  protected override pageTitle(): string {
    return t('accountabilityTitle');
  }

  override render() {
    const s = this.stats;
    return html`<h1>${t('accountabilityTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" type="button" @click=${this.load}>${t('retry')}</button></div>` : nothing}
      ${!s && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${s
        ? html`<div data-testid="accountability">
            <p>${t('accountabilityLead', { days: s.windowDays })}</p>
            <dl class="card">
              <dt>${t('asOfDate')}</dt>
              <dd><time datetime=${s.asOf}>${formatDate(s.asOf)}</time></dd>
              <dt>${t('openData')}</dt>
              <dd class="open-data">
                <a href="/api/v1/public/agencies" router-ignore data-testid="open-data-json">${t('openDataJson')}</a>
                <a href="/api/v1/public/agencies.csv" download="agency-accountability-${s.asOf}.csv" data-testid="open-data-csv">${t('openDataCsv')}</a>
              </dd>
            </dl>
            <p class="notice">${t('suppressionNote', { n: s.minCount })}</p>
            ${s.agencies.length === 0
              ? html`<p>${t('noAgencyStats')}</p>`
              : html`<div class="agencies">${s.agencies.map((a) => this.renderAgency(a, s.minCount))}</div>`}
            <consultation-figures></consultation-figures>
          </div>`
        : nothing}
      <petition-accountability-table></petition-accountability-table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'accountability-page': AccountabilityPage;
  }
}
