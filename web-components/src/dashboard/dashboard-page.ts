import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, api } from '../platform/api-client';
import type { Agency, ServiceType, User } from '../platform/api-types';
import type { Performance, PerformanceRow, PriorityTier, SlaBoard, SlaState } from './types';
import '../platform/bar-chart';
import type { BarDatum } from '../platform/bar-chart';
import '../platform/due-date';
import '../platform/line-chart';
import { LocalizedElement } from '../platform/localized-element';
import '../cases/contract';
import '../consultations/contract';
import type { MessageKey } from './i18n';
import { formatDate, formatInstant, formatNumber, formatPercent, locale, taipeiDate, textLang } from '../platform/i18n';
import { t } from './i18n';
import { loadSession } from '../platform/session';
import { problemMessage } from '../platform/field-messages';
import { sharedStyles } from '../platform/styles';
import '../petitions/contract';

const slaStates: { state: SlaState; key: MessageKey; tone: NonNullable<BarDatum['tone']> }[] = [
  { state: 'on_track', key: 'slaOnTrack', tone: 'ok' },
  { state: 'warned_50', key: 'slaWarned50', tone: 'warn' },
  { state: 'warned_75', key: 'slaWarned75', tone: 'warn' },
  { state: 'breached', key: 'slaBreached', tone: 'danger' },
  { state: 'paused', key: 'slaPaused', tone: 'neutral' },
];
const slaKey = Object.fromEntries(slaStates.map((s) => [s.state, s.key])) as Record<SlaState, MessageKey>;
const priorities: PriorityTier[] = ['most_urgent', 'urgent', 'normal'];
const DAY_MS = 86_400_000;

interface Filters {
  agencyId: string;
  serviceTypeCode: string;
  priority: string;
  assigneeId: string;
  sla: string;
}

type GroupBy = Performance['groupBy'];

const FILTER_KEYS = ['agencyId', 'serviceTypeCode', 'priority', 'assigneeId', 'sla'] as const;
const PAGE_SIZE = 50;

/** The view in the address bar, so that it can be shared and reloaded: filters, page and period. */
function viewFromUrl(): { filters: Filters; page: number; range: { from: string; to: string } | null; groupBy: GroupBy | null } {
  const q = new URLSearchParams(location.search);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) ?? ''])) as unknown as Filters;
  const page = Math.max(1, Math.floor(Number(q.get('page') ?? '1')) || 1);
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const groupBy = q.get('groupBy');
  return {
    filters,
    page,
    range: date.test(from) && date.test(to) ? { from, to } : null,
    groupBy: groupBy === 'agency' || groupBy === 'service_type' ? groupBy : null,
  };
}

/** The last 12 ISO weeks, this one included: Monday eleven weeks ago to today (Taipei). */
function defaultRange(nowMs = Date.now()): { from: string; to: string } {
  const to = taipeiDate(nowMs);
  const today = Date.parse(`${to}T00:00:00Z`);
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return { from: new Date(monday - 11 * 7 * DAY_MS).toISOString().slice(0, 10), to };
}

/** What went wrong, in the reader's words, or the network message when there was no answer. */
function problemText(err: unknown): string {
  if (err instanceof ApiError && err.status !== 0) return problemMessage(err.problem);
  return t('networkError');
}

/**
 * The manager dashboard: open cases by deadline status (tiles, chart and table, filtered by
 * agency, category, priority and status) and performance over a date range (per agency or
 * category, with the weekly on-time trend and a CSV download). The API decides the scope:
 * supervisors see their agency, oversight officers the agencies they oversee, managers all.
 */
@customElement('dashboard-page')
export class DashboardPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .filters {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: 0 1rem;
      }
      .range {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: 0 1rem;
        max-width: 32rem;
      }
      fieldset {
        border: none;
        padding: 0;
        margin: 1rem 0 0;
      }
      legend {
        font-weight: 600;
        padding: 0;
      }
      .radios {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.5rem;
      }
      .radios label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-weight: 400;
        margin: 0.25rem 0 0;
        min-height: 44px;
      }
      .radios input {
        width: 1.25rem;
        height: 1.25rem;
        margin: 0;
      }
      .tiles {
        list-style: none;
        padding: 0;
        margin: 0 0 1rem;
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: 0.75rem;
      }
      .tile {
        background: var(--civic-surface);
        border: 1px solid var(--civic-border);
        border-left: 8px solid var(--civic-primary);
        border-radius: 8px;
        padding: 0.5rem 0.75rem;
        display: flex;
        flex-direction: column;
      }
      .tile .count {
        font-size: 1.8rem;
        line-height: 1.2;
      }
      .tile.ok { border-left-color: var(--civic-ok); }
      .tile.warn { border-left-color: var(--civic-warn); }
      .tile.danger { border-left-color: var(--civic-danger); }
      .tile.neutral { border-left-color: var(--civic-muted); }
      .overdue {
        color: var(--civic-danger);
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding: 0 0 0.5rem;
      }
      td.num,
      th.num {
        text-align: right;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-top: 2px solid var(--civic-border);
      }
      details {
        margin: 1rem 0;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        color: var(--civic-primary);
        padding: 0.6rem 0;
      }
      .perf-head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: baseline;
        gap: 0.5rem 1rem;
      }
      @media (max-width: 600px) {
        table.stack thead {
          display: none;
        }
        table.stack tr {
          display: block;
          border-bottom: 2px solid #d0d3d8;
          padding: 0.5rem 0;
        }
        table.stack td,
        table.stack th {
          display: block;
          border: none;
          padding: 0.15rem 0.5rem;
          text-align: left;
        }
        table.stack td[data-label]::before {
          content: attr(data-label) '：';
          font-weight: 600;
        }
        :host(:lang(en)) table.stack td[data-label]::before {
          content: attr(data-label) ': ';
        }
        table.compact th,
        table.compact td {
          padding: 0.4rem 0.3rem;
        }
        table.compact time {
          white-space: nowrap;
        }
      }
    `,
  ];

  @state() private user: User | null = null;
  @state() private agencies: Agency[] = [];
  @state() private serviceTypes: ServiceType[] = [];
  @state() private filters: Filters = { agencyId: '', serviceTypeCode: '', priority: '', assigneeId: '', sla: '' };
  @state() private staff: { id: string; displayName: string; agencyId: string }[] = [];
  /** The agency chosen in the form but not yet applied (narrows the category list). */
  @state() private draftAgency = '';
  @state() private board: SlaBoard | null = null;
  @state() private boardError = '';
  @state() private range = defaultRange();
  @state() private groupBy: GroupBy = 'agency';
  @state() private rangeErrors: { from?: string; to?: string } = {};
  @state() private perf: Performance | null = null;
  @state() private perfError = '';
  @state() private forbidden = false;
  @state() private page = 1;
  private boardSeq = 0;
  private perfSeq = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const view = viewFromUrl();
    this.filters = view.filters;
    this.draftAgency = view.filters.agencyId;
    this.page = view.page;
    if (view.range) this.range = view.range;
    if (view.groupBy) this.groupBy = view.groupBy;
    void loadSession().then((u) => (this.user = u), () => null);
    void api<{ items: Agency[] }>('/agencies').then((r) => (this.agencies = r.items), () => undefined);
    void api<{ items: ServiceType[] }>('/service-types').then((r) => (this.serviceTypes = r.items), () => undefined);
    void api<{ items: { id: string; displayName: string; agencyId: string }[] }>('/dashboard/officers').then(
      (r) => (this.staff = r.items),
      () => undefined,
    );
    void this.loadBoard();
    void this.loadPerf();
  }

  private async loadBoard(): Promise<void> {
    const seq = ++this.boardSeq;
    this.board = null;
    this.boardError = '';
    const query = new URLSearchParams(Object.entries(this.filters).filter(([, v]) => v !== ''));
    if (this.page > 1) query.set('page', String(this.page));
    query.set('pageSize', String(PAGE_SIZE));
    try {
      const board = await api<SlaBoard>(`/dashboard/sla${query.size ? `?${query}` : ''}`);
      if (seq === this.boardSeq) this.board = board;
    } catch (err) {
      if (seq !== this.boardSeq) return;
      if (err instanceof ApiError && err.status === 403) this.boardError = this.refused();
      else this.boardError = problemText(err);
    }
  }

  /**
   * 403: without an agency filter the viewer has no scope at all (the whole page says so);
   * with one, only that agency is out of scope (the section says so, the filters stay).
   */
  private refused(): string {
    if (!this.filters.agencyId) this.forbidden = true;
    return t('dashboardForbidden');
  }

  private perfQuery(): URLSearchParams {
    return new URLSearchParams({
      from: this.range.from,
      to: this.range.to,
      groupBy: this.groupBy,
      ...(this.filters.agencyId ? { agencyId: this.filters.agencyId } : {}),
    });
  }

  private async loadPerf(): Promise<void> {
    const seq = ++this.perfSeq;
    this.perf = null;
    this.perfError = '';
    try {
      const perf = await api<Performance>(`/dashboard/performance?${this.perfQuery()}`);
      if (seq === this.perfSeq) this.perf = perf;
    } catch (err) {
      if (seq !== this.perfSeq) return;
      if (err instanceof ApiError && err.status === 403) this.perfError = this.refused();
      else if (err instanceof ApiError && err.status === 422) {
        const fields = err.fieldErrors();
        this.rangeErrors = { from: fields.from, to: fields.to };
        this.perfError = problemText(err);
      } else this.perfError = problemText(err);
    }
  }

  /** Writes the view into the address bar (replacing, so Back leaves the dashboard as before). */
  private syncUrl(): void {
    const q = new URLSearchParams(Object.entries(this.filters).filter(([, v]) => v !== ''));
    if (this.page > 1) q.set('page', String(this.page));
    q.set('from', this.range.from);
    q.set('to', this.range.to);
    if (this.groupBy !== 'agency') q.set('groupBy', this.groupBy);
    history.replaceState(history.state, '', `${location.pathname}?${q}`);
  }

  private goToPage(page: number): void {
    this.page = page;
    this.syncUrl();
    void this.loadBoard();
    this.renderRoot.querySelector<HTMLElement>('#open-heading')?.focus();
  }

  private applyFilters(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (name: keyof Filters) => String(data.get(name) ?? '');
    this.filters = {
      agencyId: get('agencyId'),
      serviceTypeCode: get('serviceTypeCode'),
      priority: get('priority'),
      assigneeId: get('assigneeId'),
      sla: get('sla'),
    };
    this.page = 1;
    this.syncUrl();
    void this.loadBoard();
    void this.loadPerf();
  }

  private applyRange(e: SubmitEvent): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    const errors: { from?: string; to?: string } = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) errors.from = t('perfDateRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) errors.to = t('perfDateRequired');
    if (!errors.from && !errors.to && from > to) errors.from = t('perfRangeInvalid');
    this.rangeErrors = errors;
    if (errors.from || errors.to) {
      this.renderRoot.querySelector<HTMLElement>(errors.from ? '#from' : '#to')?.focus();
      return;
    }
    this.range = { from, to };
    this.syncUrl();
    void this.loadPerf();
  }

  private chooseGroupBy(e: Event): void {
    this.groupBy = (e.target as HTMLInputElement).value as GroupBy;
    this.syncUrl();
    void this.loadPerf();
  }

  private agencyName(id: string): string {
    const a = this.agencies.find((x) => x.id === id);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : id;
  }

  private serviceTypeName(code: string): string {
    const s = this.serviceTypes.find((x) => x.code === code);
    return s ? (locale() === 'en' ? s.nameEn : s.nameZh) : code;
  }

  /** Agencies in tree order with their depth; a supervisor only gets their own branch. */
  private agencyTree(): { agency: Agency; depth: number }[] {
    const ids = new Set(this.agencies.map((a) => a.id));
    const children = new Map<string | null, Agency[]>();
    for (const a of this.agencies) {
      const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
      children.set(parent, [...(children.get(parent) ?? []), a]);
    }
    const out: { agency: Agency; depth: number }[] = [];
    const walk = (a: Agency, depth: number) => {
      out.push({ agency: a, depth });
      for (const c of children.get(a.id) ?? []) walk(c, depth + 1);
    };
    const own = this.user?.role === 'supervisor' ? this.agencies.find((a) => a.id === this.user?.agencyId) : undefined;
    for (const root of own ? [own] : (children.get(null) ?? [])) walk(root, 0);
    return out;
  }

  /** The chosen agency and its sub-agencies (all agencies when none is chosen). */
  private branch(agencyId: string): Set<string> | null {
    if (!agencyId) return null;
    const out = new Set([agencyId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const a of this.agencies) {
        if (a.parentId && out.has(a.parentId) && !out.has(a.id)) {
          out.add(a.id);
          grew = true;
        }
      }
    }
    return out;
  }

  private daysLeft(n: number | null) {
    if (n === null) return html`<span class="muted">${t('beingComputed')}</span>`;
    if (n > 0) return html`${t('workingDaysLeft', { n })}`;
    if (n === 0) return html`<strong>${t('dueToday')}</strong>`;
    return html`<strong class="overdue">${t('workingDaysOverdue', { n: -n })}</strong>`;
  }

  private renderFilters() {
    const branch = this.branch(this.draftAgency);
    const en = locale() === 'en';
    return html`<form class="card" aria-labelledby="filters-heading" @submit=${this.applyFilters} novalidate>
      <h2 id="filters-heading" style="margin-top: 0">${t('filtersTitle')}</h2>
      <p class="hint">${t('filtersHint')}</p>
      <div class="filters">
        <div>
          <label for="agencyId">${t('agency')}</label>
          <select id="agencyId" name="agencyId" data-testid="filter-agency" @change=${(e: Event) => (this.draftAgency = (e.target as HTMLSelectElement).value)}>
            <option value="">${t('allAgencies')}</option>
            ${this.agencyTree().map(
              ({ agency, depth }) =>
                html`<option value=${agency.id} ?selected=${this.filters.agencyId === agency.id}>${'　'.repeat(depth)}${en ? agency.nameEn : agency.nameZh}</option>`,
            )}
          </select>
        </div>
        <div>
          <label for="serviceTypeCode">${t('serviceType')}</label>
          <select id="serviceTypeCode" name="serviceTypeCode" data-testid="filter-service-type">
            <option value="">${t('allServiceTypes')}</option>
            ${this.serviceTypes
              .filter((s) => !branch || branch.has(s.agencyId))
              .map((s) => html`<option value=${s.code} ?selected=${this.filters.serviceTypeCode === s.code}>${en ? s.nameEn : s.nameZh}</option>`)}
          </select>
        </div>
        <div>
          <label for="priority">${t('priority')}</label>
          <select id="priority" name="priority" data-testid="filter-priority">
            <option value="">${t('allPriorities')}</option>
            ${priorities.map((p) => html`<option value=${p} ?selected=${this.filters.priority === p}>${t(`priority.${p}`)}</option>`)}
          </select>
        </div>
        <div>
          <label for="assigneeId">${t('officerFilter')}</label>
          <select id="assigneeId" name="assigneeId" data-testid="filter-assignee">
            <option value="">${t('allOfficers')}</option>
            ${this.staff
              .filter((p) => !branch || branch.has(p.agencyId))
              .map((p) => html`<option value=${p.id} ?selected=${this.filters.assigneeId === p.id}>${p.displayName}</option>`)}
          </select>
        </div>
        <div>
          <label for="sla">${t('slaFilter')}</label>
          <select id="sla" name="sla" data-testid="filter-sla">
            <option value="">${t('slaAll')}</option>
            ${slaStates.map((s) => html`<option value=${s.state} ?selected=${this.filters.sla === s.state}>${t(s.key)}</option>`)}
          </select>
        </div>
      </div>
      <div class="actions">
        <button type="submit" data-testid="filter-apply">${t('apply')}</button>
      </div>
    </form>`;
  }

  private renderBoard() {
    if (this.boardError) {
      return html`<div class="alert" role="alert">${this.boardError} <button class="secondary" type="button" @click=${this.loadBoard}>${t('retry')}</button></div>`;
    }
    const b = this.board;
    if (!b) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    return html`<p class="muted">${t('asOf', { when: formatInstant(b.asOf) })}</p>
      ${b.stuckProjections.stuck > 0
        ? html`<div class="alert" role="alert" data-testid="stuck-projections">
            ${t('stuckProjections', { n: b.stuckProjections.stuck, code: b.stuckProjections.lastCode ?? '—' })}
          </div>`
        : nothing}
      <ul class="tiles" data-testid="sla-tiles">
        ${slaStates.map(
          (s) => html`<li class="tile ${s.tone}" data-sla=${s.state}>
            <span>${t(s.key)}</span>
            <strong class="count">${formatNumber(b.counts[s.state], 0)}</strong>
          </li>`,
        )}
      </ul>
      <bar-chart data-testid="sla-chart" label=${t('slaChartLabel')}
        .data=${slaStates.map((s) => ({ label: t(s.key), value: b.counts[s.state], tone: s.tone }))}></bar-chart>

      <h2 id="open-heading" tabindex="-1">${t('openCasesTitle')}</h2>
      ${this.renderPager(b)}
      ${b.items.length === 0
        ? html`<p data-testid="sla-empty">${t('noOpenCases')}</p>`
        : html`<table class="stack" data-testid="sla-table" aria-labelledby="open-heading">
            <thead>
              <tr>
                <th scope="col">${t('subject')}</th>
                <th scope="col">${t('agency')}</th>
                <th scope="col">${t('state')}</th>
                <th scope="col">${t('slaFilter')}</th>
                <th scope="col">${t('resolutionDue')}</th>
                <th scope="col">${t('workingDaysCol')}</th>
              </tr>
            </thead>
            <tbody>
              ${b.items.map(
                (c) => html`<tr data-case-id=${c.id}>
                  <td>
                    <a href="/cases/${c.id}" lang=${ifDefined(textLang(c.subject))}>${c.subject}</a><br />
                    <span class="muted">${c.id} · ${t(`priority.${c.priorityTier}`)}</span>
                  </td>
                  <td data-label=${t('agency')}>${this.agencyName(c.agencyId)}</td>
                  <td data-label=${t('state')}><state-badge state=${c.state}></state-badge></td>
                  <td data-label=${t('slaFilter')}>${t(slaKey[c.slaState])}</td>
                  <td data-label=${t('resolutionDue')}><due-date date=${c.resolutionDueAt ? taipeiDate(c.resolutionDueAt) : ''}></due-date></td>
                  <td data-label=${t('workingDaysCol')}>${this.daysLeft(c.workingDaysLeft)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}`;
  }

  private renderPager(b: SlaBoard) {
    if (b.total === 0) return nothing;
    const first = (b.page - 1) * b.pageSize + 1;
    const last = Math.min(b.total, b.page * b.pageSize);
    const pages = Math.max(1, Math.ceil(b.total / b.pageSize));
    return html`<nav class="pager" aria-label=${t('pagerLabel')} data-testid="sla-pager">
      <p role="status" data-testid="sla-range">${t('pagerRange', { first: formatNumber(first, 0), last: formatNumber(last, 0), total: formatNumber(b.total, 0) })}</p>
      <div class="actions" style="margin-top: 0">
        <button type="button" class="secondary" data-testid="sla-prev" ?disabled=${b.page <= 1} @click=${() => this.goToPage(b.page - 1)}>${t('pagerPrev')}</button>
        <span class="muted" style="align-self: center">${t('pagerPage', { page: b.page, pages })}</span>
        <button type="button" class="secondary" data-testid="sla-next" ?disabled=${b.page >= pages} @click=${() => this.goToPage(b.page + 1)}>${t('pagerNext')}</button>
      </div>
    </nav>`;
  }

  private perfCells(r: PerformanceRow) {
    const none = html`<span class="muted">${t('noData')}</span>`;
    const pct = (v: number | null) => (v === null ? none : formatPercent(v));
    const num = (v: number | null, digits: number) => (v === null ? none : formatNumber(v, digits));
    return html`<td class="num" data-label=${t('colCases')}>${formatNumber(r.cases, 0)}</td>
      <td class="num" data-label=${t('colMet')}>${formatNumber(r.met, 0)}</td>
      <td class="num" data-label=${t('colBreached')}>
        ${formatNumber(r.breached, 0)}${r.missedAck > 0
          ? html`<br /><span class="muted">${t('missedSplit', { ack: formatNumber(r.missedAck, 0), answer: formatNumber(r.missedAnswer, 0) })}</span>`
          : nothing}
      </td>
      <td class="num" data-label=${t('colOpenOverdue')}>${formatNumber(r.openOverdue, 0)}</td>
      <td class="num" data-label=${t('colNotProcessed')}>${formatNumber(r.notProcessed, 0)}</td>
      <td class="num" data-label=${t('colOnTimeRate')}>${pct(r.onTimeRate)}</td>
      <td class="num" data-label=${t('colP50')}>${num(r.p50HandlingDays, 1)}</td>
      <td class="num" data-label=${t('colP90')}>${num(r.p90HandlingDays, 1)}</td>
      <td class="num" data-label=${t('colTransfers')}>${num(r.transfersPerCase, 2)}</td>
      <td class="num" data-label=${t('colReopenRate')}>${pct(r.reopenRate)}</td>
      <td class="num" data-label=${t('colSatisfaction')}>${r.satisfaction === null ? none : html`${formatNumber(r.satisfaction, 1)} <span class="muted">(${formatNumber(r.satisfactionResponses, 0)})</span>`}</td>`;
  }

  private renderPerf() {
    const err = (f: 'from' | 'to') => (this.rangeErrors[f] ? html`<p class="field-error" id="${f}-error">${this.rangeErrors[f]}</p>` : nothing);
    const p = this.perf;
    const csv = `/api/v1/dashboard/performance.csv?${this.perfQuery()}`;
    return html`<section aria-labelledby="perf-heading">
      <div class="perf-head">
        <h2 id="perf-heading">${t('perfTitle')}</h2>
        <a href=${csv} download="performance-${this.range.from}-${this.range.to}.csv" data-testid="perf-csv">${t('downloadCsv')}</a>
      </div>
      <form class="card" aria-labelledby="perf-heading" @submit=${this.applyRange} novalidate>
        <p class="hint" id="range-hint" style="margin: 0">${t('perfRangeHint')}</p>
        <div class="range">
          <div>
            <label for="from">${t('perfFrom')}</label>
            <input id="from" name="from" type="date" data-testid="perf-from" .value=${this.range.from} required
              aria-invalid=${this.rangeErrors.from ? 'true' : 'false'} aria-describedby=${this.rangeErrors.from ? 'from-error range-hint' : 'range-hint'} />
            ${err('from')}
          </div>
          <div>
            <label for="to">${t('perfTo')}</label>
            <input id="to" name="to" type="date" data-testid="perf-to" .value=${this.range.to} required
              aria-invalid=${this.rangeErrors.to ? 'true' : 'false'} aria-describedby=${ifDefined(this.rangeErrors.to ? 'to-error' : undefined)} />
            ${err('to')}
          </div>
        </div>
        <fieldset>
          <legend>${t('groupBy')}</legend>
          <div class="radios">
            ${(
              [
                ['agency', 'groupByAgency'],
                ['service_type', 'groupByServiceType'],
              ] as const
            ).map(
              ([value, key]) => html`<label>
                <input type="radio" name="groupBy" value=${value} data-testid="group-by-${value}" .checked=${this.groupBy === value} @change=${this.chooseGroupBy} />
                ${t(key)}
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit" data-testid="perf-apply">${t('apply')}</button>
        </div>
      </form>
      ${this.perfError
        ? html`<div class="alert" role="alert">${this.perfError} <button class="secondary" type="button" @click=${this.loadPerf}>${t('retry')}</button></div>`
        : nothing}
      ${!p && !this.perfError ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${p ? this.renderPerfData(p) : nothing}
    </section>`;
  }

  private renderPerfData(p: Performance) {
    const byAgency = p.groupBy === 'agency';
    const name = (key: string) => (byAgency ? this.agencyName(key) : this.serviceTypeName(key));
    const headers: MessageKey[] = ['colCases', 'colMet', 'colBreached', 'colOpenOverdue', 'colNotProcessed', 'colOnTimeRate', 'colP50', 'colP90', 'colTransfers', 'colReopenRate', 'colSatisfaction'];
    return html`${p.rows.length === 0 ? html`<p data-testid="perf-empty">${t('perfEmpty')}</p>` : nothing}
      <table class="stack" data-testid="perf-table">
        <caption>${t('perfTableCaption', { from: formatDate(p.from), to: formatDate(p.to) })}</caption>
        <thead>
          <tr>
            <th scope="col">${t(byAgency ? 'agency' : 'serviceType')}</th>
            ${headers.map((h) => html`<th scope="col" class="num">${t(h)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${p.rows.map((r) => html`<tr data-key=${r.key}><th scope="row">${name(r.key)}</th>${this.perfCells(r)}</tr>`)}
        </tbody>
        <tfoot>
          <tr><th scope="row">${t('total')}</th>${this.perfCells(p.total)}</tr>
        </tfoot>
      </table>

      <h3 id="trend-heading">${t('trendTitle')}</h3>
      <line-chart data-testid="trend-chart" label=${t('trendChartLabel')}
        .points=${p.trend.map((w) => ({ x: w.weekStart.slice(5), y: w.onTimeRate === null ? null : w.onTimeRate * 100 }))}></line-chart>
      <details>
        <summary>${t('viewAsTable')}</summary>
        <table class="compact" data-testid="trend-table">
          <caption>${t('trendTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">${t('weekStart')}</th>
              <th scope="col" class="num">${t('trendMet')}</th>
              <th scope="col" class="num">${t('trendBreached')}</th>
              <th scope="col" class="num">${t('colOnTimeRate')}</th>
            </tr>
          </thead>
          <tbody>
            ${p.trend.map(
              (w) => html`<tr>
                <th scope="row"><time datetime=${w.weekStart}>${w.weekStart}</time></th>
                <td class="num">${formatNumber(w.met, 0)}</td>
                <td class="num">${formatNumber(w.breached, 0)}</td>
                <td class="num">${w.onTimeRate === null ? html`<span class="muted">${t('noData')}</span>` : formatPercent(w.onTimeRate)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>`;
  }

  protected override pageTitle(): string {
    return t('dashboardTitle');
  }

  override render() {
    if (this.forbidden) {
      return html`<h1>${t('dashboardTitle')}</h1>
        <div class="alert" role="alert" data-testid="dashboard-forbidden">${t('dashboardForbidden')}</div>
        <p><a href="/">${t('backHome')}</a></p>`;
    }
    return html`<h1>${t('dashboardTitle')}</h1>
      <p>${t('dashboardLead')}</p>
      ${this.renderFilters()}
      <section aria-labelledby="sla-heading">
        <h2 id="sla-heading">${t('slaSummaryTitle')}</h2>
        ${this.renderBoard()}
      </section>
      ${this.renderPerf()}
      <petition-accountability-table></petition-accountability-table>
      <consultation-figures></consultation-figures>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dashboard-page': DashboardPage;
  }
}
