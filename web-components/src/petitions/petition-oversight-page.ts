import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type OversightFigure, oversightFigures } from '../../../worker/petitions/schemas';
import { api } from '../platform/api-client';
import type { Agency } from '../platform/api-types';
import { formatDate, formatNumber, locale, taipeiDate } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import './petition-state-badge';
import { problemText } from './problem-text';
import type { PetitionSummary } from './types';

type Item = PetitionSummary & { reviewDueAt: string | null; reviewOverdue: boolean; submittedAt: string | null };
interface OversightPage {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

const PAGE_SIZE = 50;
const isFigure = (v: string | null): v is OversightFigure => v !== null && (oversightFigures as readonly string[]).includes(v);

/**
 * Managers' drill-down from the petition accountability table (/petitions/oversight): the
 * petitions behind one figure, of one agency or all, with the filters and the page in the URL
 * (so a list can be bookmarked and shared) and the total count.
 */
@customElement('petition-oversight-page')
export class PetitionOversightPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private figure: OversightFigure = 'overdue';
  @state() private agency = '';
  @state() private page = 1;
  @state() private data: OversightPage | null = null;
  @state() private agencies: Agency[] = [];
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    const q = new URLSearchParams(window.location.search);
    const figure = q.get('figure');
    if (isFigure(figure)) this.figure = figure;
    this.agency = q.get('agency') ?? '';
    this.page = Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1);
    void api<{ items: Agency[] }>('/agencies').then((r) => (this.agencies = r.items), () => undefined);
    void this.load();
  }

  private async load(): Promise<void> {
    const q = new URLSearchParams({ figure: this.figure, page: String(this.page), pageSize: String(PAGE_SIZE) });
    if (this.agency) q.set('agency', this.agency);
    this.data = null;
    try {
      this.data = await api<OversightPage>(`/petitions/oversight?${q}`);
      this.error = '';
    } catch (err) {
      this.error = problemText(err);
      this.data = { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
    }
  }

  /** The filters and page go into the URL first, so back/forward and bookmarks keep them. */
  private go(page: number): void {
    this.page = page;
    const q = new URLSearchParams({ figure: this.figure });
    if (this.agency) q.set('agency', this.agency);
    if (page > 1) q.set('page', String(page));
    history.replaceState(null, '', `${window.location.pathname}?${q}`);
    void this.load();
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const figure = String(form.get('figure'));
    if (isFigure(figure)) this.figure = figure;
    this.agency = String(form.get('agency') ?? '');
    this.go(1);
  }

  private agencyName(id: string | null): string {
    const a = this.agencies.find((x) => x.id === id);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : (id ?? '—');
  }

  private pager(d: OversightPage) {
    if (d.total === 0) return nothing;
    const first = (d.page - 1) * d.pageSize + 1;
    const last = Math.min(d.total, d.page * d.pageSize);
    const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
    return html`<nav class="pager" aria-label=${t('pagerLabel')} data-testid="oversight-pager">
      <p role="status" data-testid="oversight-range">${t('pagerRange', { first: formatNumber(first, 0), last: formatNumber(last, 0), total: formatNumber(d.total, 0) })}</p>
      <div class="actions" style="margin-top: 0">
        <button type="button" class="secondary" data-testid="oversight-prev" ?disabled=${d.page <= 1} @click=${() => this.go(d.page - 1)}>${t('pagerPrev')}</button>
        <span class="muted" style="align-self: center">${t('pagerPage', { page: d.page, pages })}</span>
        <button type="button" class="secondary" data-testid="oversight-next" ?disabled=${d.page >= pages} @click=${() => this.go(d.page + 1)}>${t('pagerNext')}</button>
      </div>
    </nav>`;
  }

  private table(d: OversightPage) {
    const review = this.figure === 'awaiting_review' || this.figure === 'review_overdue';
    const responded = this.figure.startsWith('responded');
    if (d.items.length === 0) return html`<p>${t('oversightEmpty')}</p>`;
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${t(`figure.${this.figure}` as MessageKey)} style="overflow-x: auto">
      <table data-testid="oversight-table">
        <thead>
          <tr>
            <th scope="col">${t('title')}</th><th scope="col">${t('filter')}</th><th scope="col">${t('agency')}</th>
            <th scope="col">${review ? t('reviewDue') : responded ? t('responded') : t('responseDue')}</th>
          </tr>
        </thead>
        <tbody>
          ${d.items.map((p) => {
            const when = review ? p.reviewDueAt : responded ? p.respondedAt : p.responseDueAt;
            const late = review ? p.reviewOverdue : responded ? p.respondedOnTime === false : p.responseOverdue;
            return html`<tr data-petition-id=${p.id}>
              <td><a href="/petitions/${p.id}">${p.title}</a></td>
              <td><petition-state-badge state=${p.state}></petition-state-badge></td>
              <td>${this.agencyName(p.agencyId)}</td>
              <td>${when ? formatDate(taipeiDate(when)) : '—'}${late ? html` <strong>${review ? t('reviewOverdue') : t('overdueBadge')}</strong>` : nothing}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const d = this.data;
    return html`<h1>${t('oversightTitle')}</h1>
      <p>${t('oversightLead')}</p>
      <form class="card" @submit=${this.submit} data-testid="oversight-filters">
        <label for="figure">${t('oversightFigure')}</label>
        <select id="figure" name="figure" data-testid="oversight-figure">
          ${oversightFigures.map((f) => html`<option value=${f} ?selected=${f === this.figure}>${t(`figure.${f}` as MessageKey)}</option>`)}
        </select>
        <label for="agency">${t('agency')}</label>
        <select id="agency" name="agency" data-testid="oversight-agency">
          <option value="" ?selected=${this.agency === ''}>${t('allAgencies')}</option>
          ${this.agencies.map((a) => html`<option value=${a.id} ?selected=${a.id === this.agency}>${locale() === 'en' ? a.nameEn : a.nameZh}</option>`)}
        </select>
        <div class="actions"><button type="submit">${t('apply')}</button></div>
      </form>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${d === null
        ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : html`<h2>${t(`figure.${this.figure}` as MessageKey)} · ${this.agency ? this.agencyName(this.agency) : t('allAgencies')}</h2>
            ${this.pager(d)} ${this.table(d)}`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-oversight-page': PetitionOversightPage;
  }
}
