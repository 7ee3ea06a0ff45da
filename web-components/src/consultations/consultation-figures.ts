import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';

interface Figures {
  items: { agencyId: string; nameZh: string; nameEn: string; open: number; awaitingDisposition: number; overdueReports: number; reported: number; reportedOnTime: number }[];
}

/**
 * Consultations per agency for the manager dashboard and the public accountability page: open,
 * awaiting the report of dispositions, report overdue, reports published (on time). Public data.
 */
@customElement('consultation-figures')
export class ConsultationFigures extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private figures: Figures | null = null;
  @state() private error = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void api<Figures>('/consultation-figures')
      .then((f) => (this.figures = f))
      .catch(() => (this.error = true));
  }

  override render() {
    const f = this.figures;
    return html`<section aria-labelledby="consultation-figures-heading" data-testid="consultation-figures">
      <h2 id="consultation-figures-heading">${t('figuresTitle')}</h2>
      ${this.error ? html`<p class="alert" role="alert">${t('networkError')}</p>` : nothing}
      ${!f && !this.error ? html`<p role="status">${t('loading')}</p>` : nothing}
      ${f && f.items.length === 0 ? html`<p>${t('noConsultations')}</p>` : nothing}
      ${f && f.items.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${t('agency')}</th>
                <th scope="col">${t('state.open')}</th>
                <th scope="col">${t('awaitingCol')}</th>
                <th scope="col">${t('overdueCol')}</th>
                <th scope="col">${t('reportedCol')}</th>
              </tr>
            </thead>
            <tbody>
              ${f.items.map(
                (a) => html`<tr data-agency=${a.agencyId}>
                  <th scope="row">${locale() === 'en' ? a.nameEn : a.nameZh}</th>
                  <td>${a.open}</td>
                  <td>${a.awaitingDisposition}</td>
                  <td>${a.overdueReports}</td>
                  <td>${a.reported}（${a.reportedOnTime}）</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : nothing}
      <p class="muted">${t('openData')}：<a href="/api/v1/open-data/consultations?format=csv" router-ignore>CSV</a>
        ・<a href="/api/v1/open-data/consultation-dispositions?format=json" router-ignore>JSON</a></p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-figures': ConsultationFigures;
  }
}
