import { css, html, nothing } from 'lit';
import { anchorLabel } from '../../../domain/consultations';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import './diff-text';
import { type MessageKey, t } from './i18n';
import type { DiffSegment, ReportView } from './types';

interface ReportComment {
  id: string;
  anchor?: string;
  body: string;
  answer: { outcome: string; reason: string; groupSize: number } | null;
}
interface ReportArticle {
  number: string;
  label: string;
  title?: string;
  draftText: string | null;
  finalText: string | null;
  changes: DiffSegment[];
  changedAfterConsultation: boolean;
  comments: ReportComment[];
}
interface ReportBody {
  articles: ReportArticle[];
  generalComments: ReportComment[];
  progress: { total: number; byOutcome: Record<string, number> };
}

/** The published report: per article the comments with their answers and reasons, and the final text against the draft. Printable. */
@customElement('consultation-report-page')
export class ConsultationReportPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      section.article {
        break-inside: avoid-page;
        border-top: 2px solid var(--civic-border);
        padding-top: 0.5rem;
      }
      .answer {
        border-left: 4px solid #1d6b34;
        padding-left: 0.75rem;
      }
      @media print {
        .no-print {
          display: none;
        }
        :host {
          font-size: 11pt;
          color: #000;
        }
        a {
          color: #000;
          text-decoration: none;
        }
        section.article {
          break-inside: auto;
        }
        .card {
          border: 1px solid #999;
          break-inside: avoid;
        }
      }
    `,
  ];

  @property({ attribute: false }) location?: { params: Record<string, string | string[]> };
  @state() private r: ReportView | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.r = await api<ReportView>(`/consultations/${String(this.location?.params.id ?? '')}/report`);
    } catch (e) {
      this.error = e instanceof ApiError && e.status === 404 ? t('notFoundBody') : t('networkError');
    }
  }

  private renderComments(list: ReportComment[]) {
    if (list.length === 0) return html`<p class="muted">${t('noCommentsOnArticle')}</p>`;
    return list.map(
      (k) => html`<div class="card" data-comment-id=${k.id}>
        ${k.anchor && k.anchor.includes('/') ? html`<p class="muted">${anchorLabel(k.anchor)}</p>` : nothing}
        <p class="body">${k.body}</p>
        ${k.answer
          ? html`<div class="answer">
              <p><strong>${t('disposition')}：${t(`outcome.${k.answer.outcome}` as MessageKey)}</strong></p>
              <p class="body">${k.answer.reason}</p>
              ${k.answer.groupSize > 1 ? html`<p class="muted">${t('groupedAnswer', { n: k.answer.groupSize - 1 })}</p>` : nothing}
            </div>`
          : nothing}
      </div>`,
    );
  }

  override render() {
    if (this.error) return html`<div class="alert" role="alert">${this.error}</div>`;
    const r = this.r;
    if (!r) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    const body = r.report as unknown as ReportBody;
    return html`
      <h1>${t('reportTitle')}</h1>
      <p><a href="/consultations/${r.consultationId}">${r.title}</a></p>
      <p>${t('reportPublishedAt', { date: formatInstant(r.publishedAt) })}・<strong>${r.onTime ? t('reportOnTime') : t('reportLate')}</strong></p>
      <p class="no-print"><button class="secondary" @click=${() => window.print()}>${t('print')}</button></p>
      <table>
        <caption>${t('disposition')}</caption>
        <thead><tr><th scope="col">${t('outcome')}</th><th scope="col">${t('total')}</th></tr></thead>
        <tbody>
          ${Object.entries(body.progress.byOutcome).map(([o, n]) => html`<tr><td>${t(`outcome.${o}` as MessageKey)}</td><td>${n}</td></tr>`)}
        </tbody>
      </table>
      ${body.articles.map(
        (a) => html`<section class="article" data-article=${a.number} aria-labelledby="h-${a.number}">
          <h2 id="h-${a.number}">${a.label}${a.title ? `（${a.title}）` : ''}</h2>
          <h3>${t('draftVsFinal')}</h3>
          ${a.changedAfterConsultation ? html`<diff-text .segments=${a.changes} show="both"></diff-text>` : html`<p class="muted">${t('unchangedAfter')}</p><p class="body">${a.finalText ?? ''}</p>`}
          <h3>${t('comments')}</h3>
          ${this.renderComments(a.comments)}
        </section>`,
      )}
      <section class="article" aria-labelledby="h-general">
        <h2 id="h-general">${t('generalComments')}</h2>
        ${this.renderComments(body.generalComments)}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-report-page': ConsultationReportPage;
  }
}
