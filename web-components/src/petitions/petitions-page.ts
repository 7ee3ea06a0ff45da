import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { petitionFilters, petitionSorts } from '../../../worker/petitions/schemas';
import { api } from '../platform/api-client';
import type { Agency } from '../platform/api-types';
import { locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { currentUser, loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import './petition-card';
import { problemText } from './problem-text';
import type { PetitionSummary } from './types';

/**
 * Petitions: search (any substring, Chinese included), filter by outcome, sort. At
 * /petitions/overdue it is the public list of overdue agency responses.
 */
@customElement('petitions-page')
export class PetitionsPage extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) location?: { pathname: string };
  @state() private items: PetitionSummary[] | null = null;
  @state() private total = 0;
  @state() private error = '';
  @state() private q = '';
  @state() private filter = '';
  @state() private sort = 'newest';
  /** An agency's id, from the public accountability table's link (?agency=). */
  @state() private agency = '';
  @state() private agencyLabel = '';
  @state() private isCitizen = currentUser()?.role === 'citizen';

  private get overdueMode(): boolean {
    return (this.location?.pathname ?? window.location.pathname).endsWith('/overdue');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const params = new URLSearchParams(window.location.search);
    this.q = params.get('q') ?? '';
    this.filter = this.overdueMode ? 'overdue' : (params.get('filter') ?? '');
    this.sort = params.get('sort') ?? (this.overdueMode ? 'response_due' : 'newest');
    this.agency = params.get('agency') ?? '';
    if (this.agency) {
      void api<{ items: Agency[] }>('/agencies').then((r) => {
        const a = r.items.find((x) => x.id === this.agency);
        this.agencyLabel = a ? (locale() === 'en' ? a.nameEn : a.nameZh) : this.agency;
      }, () => (this.agencyLabel = this.agency));
    }
    void loadSession().then((u) => (this.isCitizen = u?.role === 'citizen'), () => null);
    void this.load();
  }

  private async load(): Promise<void> {
    const params = new URLSearchParams({ sort: this.sort, limit: '50' });
    if (this.q.trim()) params.set('q', this.q.trim());
    if (this.filter) params.set('filter', this.filter);
    if (this.agency) params.set('agency', this.agency);
    this.items = null;
    try {
      const r = await api<{ items: PetitionSummary[]; total: number }>(`/petitions?${params}`);
      this.items = r.items;
      this.total = r.total;
      this.error = '';
    } catch (err) {
      this.error = problemText(err);
      this.items = [];
    }
  }

  private submit(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.q = String(data.get('q') ?? '');
    this.filter = this.overdueMode ? 'overdue' : String(data.get('filter') ?? '');
    this.sort = String(data.get('sort') ?? 'newest');
    const params = new URLSearchParams();
    if (this.q) params.set('q', this.q);
    if (this.filter && !this.overdueMode) params.set('filter', this.filter);
    if (this.sort !== 'newest') params.set('sort', this.sort);
    if (this.agency) params.set('agency', this.agency);
    history.replaceState(null, '', `${window.location.pathname}${params.size ? `?${params}` : ''}`);
    void this.load();
  }

  override render() {
    const overdue = this.overdueMode;
    return html`<h1>${overdue ? t('overdueTitle') : t('petitionsTitle')}</h1>
      <p>${overdue ? t('overdueLead') : t('petitionsLead')}</p>
      ${this.agency
        ? html`<p data-testid="agency-filter">${t('overdueOfAgency', { agency: this.agencyLabel || this.agency })}
            <a href=${window.location.pathname}>${t('showAllAgencies')}</a></p>`
        : nothing}
      ${this.isCitizen && !overdue ? html`<p><a href="/petitions/new" data-testid="propose-link">${t('propose')}</a></p>` : nothing}
      <form class="card" role="search" @submit=${this.submit}>
        <label for="q">${t('search')}</label>
        <p class="hint" id="q-hint">${t('searchHint')}</p>
        <input id="q" name="q" type="search" .value=${this.q} aria-describedby="q-hint" data-testid="petition-search" />
        ${overdue
          ? nothing
          : html`<label for="filter">${t('filter')}</label>
              <select id="filter" name="filter" data-testid="petition-filter">
                <option value="" ?selected=${this.filter === ''}>${t('filterAll')}</option>
                ${petitionFilters.map((f) => html`<option value=${f} ?selected=${this.filter === f}>${t(`filter.${f}` as MessageKey)}</option>`)}
              </select>`}
        <label for="sort">${t('sort')}</label>
        <select id="sort" name="sort">
          ${petitionSorts.map((s) => html`<option value=${s} ?selected=${this.sort === s}>${t(`sort.${s}` as MessageKey)}</option>`)}
        </select>
        <div class="actions"><button type="submit">${t('apply')}</button></div>
      </form>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.items === null
        ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`
        : html`<p role="status">${t('resultsCount', { n: this.total })}</p>
            ${this.items.length === 0 ? html`<p>${t('noPetitions')}</p>` : nothing}
            <div data-testid="petition-list">${this.items.map((p) => html`<petition-card .petition=${p}></petition-card>`)}</div>`}
      <p><a href="/api/v1/petitions/export.csv" router-ignore>${t('openData')} (CSV)</a> · <a href="/api/v1/petitions/export.json" router-ignore>JSON</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petitions-page': PetitionsPage;
  }
}
