import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { TALLY_RULES } from '../../../domain/tally/rules';
import { CreateRoundRequestSchema, UpdateRoundRequestSchema, ballotProblems, districtProblems, scheduleProblems } from '../../../worker/budgets/schemas';
import { ApiError, api } from '../platform/api-client';
import '../platform/char-counter';
import '../platform/error-summary';
import { type FieldProblem, checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { navigate } from '../platform/navigation';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import type { RoundDetail } from './types';

const KINDS = ['approval', 'knapsack', 'cumulative', 'ordinal', 'choose-one'] as const;
type Kind = (typeof KINDS)[number];
const PHASES = ['proposals', 'review', 'voting', 'results'] as const;
const NUMBERS = ['minProjects', 'maxProjects', 'maxSumPoints', 'minSumPoints', 'maxPointsPerProject', 'minRank', 'maxRank'] as const;
/** Which limits each ballot type has (the API's BallotSettingsSchema); the first of cumulative and ordinal is required. */
const LIMITS: Record<Kind, readonly (typeof NUMBERS)[number][]> = {
  approval: ['minProjects', 'maxProjects'],
  knapsack: ['minProjects', 'maxProjects'],
  cumulative: ['maxSumPoints', 'minSumPoints', 'maxPointsPerProject', 'minProjects', 'maxProjects'],
  ordinal: ['maxRank', 'minRank'],
  'choose-one': [],
};
const REQUIRED = new Set(['maxSumPoints', 'maxRank']);

interface DistrictRow {
  code: string;
  name: string;
  budget: string;
}

/** A number field's text → number (blank: left out; anything else goes to the schema, which says what is wrong). */
const num = (v: string | undefined): number | undefined => (v === undefined || v.trim() === '' ? undefined : Number(v));
/** `datetime-local` (Taipei wall clock) ↔ ISO instant with the +08:00 offset. */
const toInstant = (v: string) => (v ? `${v}:00+08:00` : '');

/**
 * Creating a round (managers), or editing it until voting opens: title, description, counting
 * rule, ballot type and its limits, districts with budgets, eligibility, and (when creating) the
 * phase dates. Checked locally with the API's own schema and cross-field checks, so the same
 * coded errors are worded from the catalogue before and after sending.
 */
@customElement('budget-round-form-page')
export class BudgetRoundFormPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      fieldset { border: 1px solid var(--civic-border); border-radius: 8px; padding: 0.75rem; margin: 1rem 0; }
      legend { font-weight: 700; padding: 0 0.25rem; }
      .district { border-style: dashed; }
    `,
  ];
  @property({ attribute: false }) location?: { params: { id?: string } };
  @state() private v: Record<string, string> = { rule: 'greedy', kind: 'approval', minAge: '0', identityLevel: 'verified', districtRule: 'residence' };
  @state() private districts: DistrictRow[] = [{ code: '', name: '', budget: '' }];
  @state() private round: RoundDetail | null = null;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private saved = false;
  @state() private busy = false;
  @state() private loading = false;

  private get editId(): string | undefined {
    return this.location?.params.id;
  }

  protected override pageTitle(): string {
    return this.editId ? t('formEditTitle', { title: this.round?.title ?? '' }) : t('formNewTitle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.editId) void this.load(this.editId);
  }

  private async load(id: string): Promise<void> {
    this.loading = true;
    try {
      const r = await api<RoundDetail>(`/budget-rounds/${id}`);
      this.round = r;
      const b = r.ballot as Record<string, unknown>;
      this.v = {
        title: r.title,
        description: r.description,
        rule: r.rule,
        kind: r.ballot.kind,
        minProjectScore: '',
        ...Object.fromEntries(NUMBERS.filter((k) => b[k] !== undefined).map((k) => [k, String(b[k])])),
        minAge: String(r.eligibility.minAge),
        identityLevel: r.eligibility.identityLevel,
        districtRule: r.eligibility.districtRule,
      };
      this.districts = r.districts.map((d) => ({ code: d.code, name: d.name, budget: String(d.budget) }));
    } catch (err) {
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.loading = false;
    }
  }

  private ballot(): Record<string, unknown> {
    const kind = this.v.kind as Kind;
    const out: Record<string, unknown> = { kind };
    for (const k of LIMITS[kind]) {
      const n = num(this.v[k]);
      if (n !== undefined || REQUIRED.has(k)) out[k] = n;
    }
    return out;
  }

  private body(): Record<string, unknown> {
    const score = num(this.v.minProjectScore);
    return {
      title: this.v.title ?? '',
      description: this.v.description ?? '',
      rule: this.v.rule,
      ...(score !== undefined ? { minProjectScore: score } : {}),
      ballot: this.ballot(),
      districts: this.districts.map((d) => ({ code: d.code.trim(), name: d.name, budget: num(d.budget) })),
      eligibility: { minAge: num(this.v.minAge), identityLevel: this.v.identityLevel, districtRule: this.v.districtRule },
      ...(this.editId ? {} : { schedule: Object.fromEntries(PHASES.map((p) => [p, toInstant(this.v[`s_${p}`] ?? '')])) }),
    };
  }

  /** The coded problems the API would answer with, found before sending. */
  private localProblems(body: Record<string, unknown>): FieldProblem[] {
    const checked = checkLocally(this.editId ? UpdateRoundRequestSchema : CreateRoundRequestSchema, body);
    if (!checked.ok) return checked.errors;
    const d = checked.data as { ballot: Parameters<typeof ballotProblems>[0]; districts: { code: string }[]; schedule?: Parameters<typeof scheduleProblems>[0] };
    return [...(d.schedule ? scheduleProblems(d.schedule) : []), ...ballotProblems(d.ballot), ...districtProblems(d.districts)];
  }

  private show(problems: readonly FieldProblem[]): void {
    // '/districts/0/code' → 'districts-0-code', the id of its input.
    const byField = messagesByField(problems, { depth: 3 });
    this.errors = Object.fromEntries(Object.entries(byField).map(([k, m]) => [k.replaceAll('.', '-'), m]));
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.saved = false;
    this.message = '';
    const body = this.body();
    const problems = this.localProblems(body);
    this.show(problems);
    if (problems.length) return;
    this.busy = true;
    try {
      if (this.editId) {
        this.round = await api<RoundDetail>(`/budget-rounds/${this.editId}`, { method: 'PATCH', json: body });
        this.saved = true;
      } else {
        const created = await api<RoundDetail>('/budget-rounds', { json: body });
        navigate(`/budgets/${created.id}/manage`);
      }
    } catch (err) {
      if (err instanceof ApiError) {
        this.show(err.problem.errors ?? []);
        const slug = err.problem.type.split('/').pop() ?? '';
        this.message = slug === 'wrong-phase' ? t('editClosed') : problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private set(name: string) {
    return (e: Event) => {
      this.v = { ...this.v, [name]: (e.target as HTMLInputElement).value };
    };
  }

  private labels(): Record<string, string> {
    const out: Record<string, string> = {
      title: t('f_title'),
      description: t('f_description'),
      rule: t('f_rule'),
      minProjectScore: t('f_minProjectScore'),
      'ballot-kind': t('f_ballotKind'),
      'eligibility-minAge': t('f_minAge'),
      districts: t('districtsLegend'),
    };
    for (const k of NUMBERS) out[`ballot-${k}`] = t(`f_${k}`);
    for (const p of PHASES) out[`schedule-${p}`] = t('schedEnd', { phase: t(`phase_${p}` as MessageKey) });
    this.districts.forEach((_, i) => {
      for (const f of ['code', 'name', 'budget'] as const) out[`districts-${i}-${f}`] = `${t('districtN', { n: i + 1 })} ${t(`f_district${f[0]!.toUpperCase()}${f.slice(1)}` as MessageKey)}`;
    });
    return out;
  }

  /** One input with its label, error and (for texts) limits; `id` is the pointer with dashes. */
  private input(id: string, label: string, value: string, onInput: (e: Event) => void, opts: { type?: string; hint?: string; optional?: boolean; counter?: { min: number; max: number } | null } = {}) {
    const err = this.errors[id];
    const described = [err ? `${id}-error` : '', opts.hint ? `${id}-hint` : '', opts.counter ? `${id}-limits` : ''].filter(Boolean).join(' ');
    return html`<label for=${id}>${label}${opts.optional ? t('optional') : ''}</label>
      ${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : nothing}
      ${opts.type === 'textarea'
        ? html`<textarea id=${id} .value=${value} @input=${onInput} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described || nothing}></textarea>`
        : html`<input id=${id} type=${opts.type ?? 'text'} inputmode=${opts.type === 'number' ? 'numeric' : nothing} .value=${value} @input=${onInput}
            aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described || nothing} />`}
      ${opts.counter ? html`<char-counter for=${id} .value=${value} min=${opts.counter.min} max=${opts.counter.max}></char-counter>` : nothing}
      ${err ? html`<p class="field-error" id="${id}-error">${err}</p>` : nothing}`;
  }

  private select(id: string, label: string, value: string, options: [string, string][], onChange: (e: Event) => void) {
    return html`<label for=${id}>${label}</label>
      <select id=${id} @change=${onChange}>${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}</select>`;
  }

  private districtRows() {
    const change = (i: number, f: keyof DistrictRow) => (e: Event) => {
      this.districts = this.districts.map((d, j) => (j === i ? { ...d, [f]: (e.target as HTMLInputElement).value } : d));
    };
    return html`<fieldset>
      <legend>${t('districtsLegend')}</legend>
      ${this.errors.districts ? html`<p class="field-error" id="districts">${this.errors.districts}</p>` : nothing}
      ${this.districts.map(
        (d, i) => html`<fieldset class="district" data-district-row=${i}>
          <legend>${t('districtN', { n: i + 1 })}</legend>
          ${this.input(`districts-${i}-code`, t('f_districtCode'), d.code, change(i, 'code'))}
          ${this.input(`districts-${i}-name`, t('f_districtName'), d.name, change(i, 'name'))}
          ${this.input(`districts-${i}-budget`, t('f_districtBudget'), d.budget, change(i, 'budget'), { type: 'number' })}
          ${this.districts.length > 1
            ? html`<p><button type="button" class="secondary" @click=${() => (this.districts = this.districts.filter((_, j) => j !== i))}>${t('removeDistrict', { n: i + 1 })}</button></p>`
            : nothing}
        </fieldset>`,
      )}
      <button type="button" class="secondary" @click=${() => (this.districts = [...this.districts, { code: '', name: '', budget: '' }])}>${t('addDistrict')}</button>
    </fieldset>`;
  }

  private focusField(e: CustomEvent<string>): void {
    this.renderRoot.querySelector<HTMLElement>(`#${e.detail}`)?.focus();
  }

  override render() {
    const edit = Boolean(this.editId);
    const r = this.round;
    if (edit && !r) {
      return this.message
        ? html`<div class="alert" role="alert">${this.message}</div>`
        : html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    }
    const title = edit ? t('formEditTitle', { title: r!.title }) : t('formNewTitle');
    if (r && r.phase !== 'proposals' && r.phase !== 'review') {
      return html`<h1>${title}</h1><p class="notice">${t('editClosed')}</p><p><a href="/budgets/${r.id}/manage">${t('manageRound')}</a></p>`;
    }
    const limits = (f: 'title' | 'description') => lengthLimits(CreateRoundRequestSchema.shape[f]);
    const phase = (p: string) => t(`phase_${p}` as MessageKey);
    return html`
      <h1>${title}</h1>
      ${edit ? html`<p>${t('formEditLead')}</p>` : nothing}
      <error-summary .message=${this.message} .errors=${this.errors} .labels=${this.labels()} @civic-focus-field=${this.focusField}></error-summary>
      ${this.saved ? html`<p class="notice" role="status">${t('savedNote')} <a href="/budgets/${this.editId}/manage">${t('manageRound')}</a></p>` : nothing}
      <form class="card" @submit=${this.submit} novalidate>
        ${this.input('title', t('f_title'), this.v.title ?? '', this.set('title'), { counter: limits('title') })}
        ${this.input('description', t('f_description'), this.v.description ?? '', this.set('description'), { type: 'textarea', optional: true, counter: limits('description') })}
        ${this.select('rule', t('f_rule'), this.v.rule!, TALLY_RULES.map((x) => [x, t(`rule_${x}` as MessageKey)]), this.set('rule'))}
        ${this.v.rule === 'greedy-threshold' ? this.input('minProjectScore', t('f_minProjectScore'), this.v.minProjectScore ?? '', this.set('minProjectScore'), { type: 'number', optional: true }) : nothing}
        <fieldset>
          <legend>${t('f_ballotKind')}</legend>
          ${this.select('ballot-kind', t('f_ballotKind'), this.v.kind!, KINDS.map((k) => [k, t(`kind_${k}` as MessageKey)]), this.set('kind'))}
          ${LIMITS[this.v.kind as Kind].map((k) => this.input(`ballot-${k}`, t(`f_${k}`), this.v[k] ?? '', this.set(k), { type: 'number', optional: !REQUIRED.has(k) }))}
        </fieldset>
        ${this.districtRows()}
        <fieldset>
          <legend>${t('eligibilityLegend')}</legend>
          ${this.input('eligibility-minAge', t('f_minAge'), this.v.minAge ?? '', this.set('minAge'), { type: 'number' })}
          ${this.select('eligibility-identityLevel', t('f_identityLevel'), this.v.identityLevel!, [['basic', t('identity_basic')], ['verified', t('identity_verified')]], this.set('identityLevel'))}
          ${this.select('eligibility-districtRule', t('f_districtRule'), this.v.districtRule!, [['residence', t('districtRule_residence')], ['any', t('districtRule_any')]], this.set('districtRule'))}
        </fieldset>
        <fieldset>
          <legend>${t('scheduleLegend')}</legend>
          ${edit
            ? html`<ul>${PHASES.map((p) => html`<li>${t('phaseEnds', { phase: phase(p), at: formatInstant(r!.schedule[p]) })}</li>`)}</ul>`
            : html`<p class="hint" id="schedule-hint">${t('scheduleHint')}</p>
                ${PHASES.map((p) => this.input(`schedule-${p}`, t('schedEnd', { phase: phase(p) }), this.v[`s_${p}`] ?? '', this.set(`s_${p}`), { type: 'datetime-local' }))}`}
        </fieldset>
        <div class="actions">
          <button type="submit" data-testid="round-submit" ?disabled=${this.busy}>${this.busy ? t('saving') : edit ? t('saveRound') : t('createRound')}</button>
        </div>
        ${this.busy ? html`<progress aria-label=${t('saving')}></progress>` : nothing}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-round-form-page': BudgetRoundFormPage;
  }
}
