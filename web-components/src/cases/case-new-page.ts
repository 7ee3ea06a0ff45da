import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CreateCaseRequestSchema } from '../../../worker/cases/schemas';
import { ApiError, api } from '../platform/api-client';
import type { Agency, ServiceType } from '../platform/api-types';
import type { CaseDetail } from './types';
import '../platform/error-summary';
import { LocalizedElement } from '../platform/localized-element';
import { locale } from '../platform/i18n';
import { t } from './i18n';
import { navigate } from '../platform/navigation';
import '../platform/char-counter';
import '../platform/file-picker';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';
import { sharedStyles } from '../platform/styles';

type Field = 'serviceTypeCode' | 'subject' | 'description' | 'location' | 'formData';

/** Filing a grievance: category, subject, details and location, checked with the API's own schema. */
@customElement('case-new-page')
export class CaseNewPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private types: ServiceType[] = [];
  @state() private agencies = new Map<string, Agency>();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private message = '';
  @state() private busy = false;
  @state() private selected: ServiceType | null = null;
  @state() private extraErrors: Record<string, string> = {};
  /** What is typed so far in the limited text fields, for their counters. */
  @state() private texts: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [types, agencies] = await Promise.all([
        api<{ items: ServiceType[] }>('/service-types'),
        api<{ items: Agency[] }>('/agencies'),
      ]);
      this.types = types.items;
      this.agencies = new Map(agencies.items.map((a) => [a.id, a]));
    } catch {
      this.message = t('networkError');
    }
  }

  private labels(): Record<Field, string> {
    return { serviceTypeCode: t('serviceType'), subject: t('subject'), description: t('description'), location: t('location'), formData: t('extraFields') };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const location = String(form.get('location') ?? '').trim();
    const formData = this.collectFormData(form);
    const attachmentIds = this.renderRoot.querySelector('file-picker')?.ids ?? [];
    const body = {
      ...(attachmentIds.length ? { attachmentIds } : {}),
      serviceTypeCode: String(form.get('serviceTypeCode') ?? ''),
      subject: String(form.get('subject') ?? ''),
      description: String(form.get('description') ?? ''),
      ...(location ? { location } : {}),
      ...(Object.keys(formData).length ? { formData } : {}),
    };
    const parsed = checkLocally(CreateCaseRequestSchema, body);
    if (!parsed.ok) {
      this.errors = messagesByField(parsed.errors);
      this.extraErrors = messagesByField(parsed.errors, { prefix: '/formData/' });
      this.message = '';
      return;
    }
    this.busy = true;
    this.errors = {};
    this.extraErrors = {};
    this.message = '';
    try {
      const created = await api<CaseDetail>('/cases', { json: parsed.data });
      this.texts = {};
      navigate(`/cases/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors() as Partial<Record<Field, string>>;
        this.extraErrors = err.fieldErrors('/formData/');
        this.message = problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  /** Values of the service type's extra fields, typed as its form schema says. */
  private collectFormData(form: FormData): Record<string, string | number | boolean> {
    const out: Record<string, string | number | boolean> = {};
    for (const f of this.selected?.formSchema ?? []) {
      const raw = form.get(`fd-${f.name}`);
      if (f.type === 'checkbox') out[f.name] = raw === 'on';
      else if (raw !== null && String(raw).trim() !== '') out[f.name] = f.type === 'number' ? Number(raw) : String(raw).trim();
    }
    return out;
  }

  private choose(e: Event): void {
    const code = (e.target as HTMLSelectElement).value;
    this.selected = this.types.find((s) => s.code === code) ?? null;
    this.extraErrors = {};
  }

  private renderExtraFields() {
    const en = locale() === 'en';
    return (this.selected?.formSchema ?? []).map((f) => {
      const id = `fd-${f.name}`;
      const error = this.extraErrors[f.name];
      const label = en ? f.labelEn : f.labelZh;
      const described = error ? `${id}-error` : undefined;
      const input =
        f.type === 'textarea'
          ? html`<textarea id=${id} name=${id} ?required=${f.required} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(described)}></textarea>`
          : f.type === 'select'
            ? html`<select id=${id} name=${id} ?required=${f.required} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(described)}>
                <option value="">—</option>
                ${f.options?.map((o) => html`<option value=${o.value}>${en ? o.labelEn : o.labelZh}</option>`)}
              </select>`
            : f.type === 'checkbox'
              ? html`<input id=${id} name=${id} type="checkbox" aria-describedby=${ifDefined(described)} />`
              : html`<input id=${id} name=${id} type=${f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'} ?required=${f.required}
                  aria-invalid=${error ? 'true' : 'false'} aria-describedby=${ifDefined(described)} />`;
      return html`<label for=${id}>${label}${f.required ? '' : ` (${t('optional')})`}</label>${input}
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}`;
    });
  }

  private focusField(e: CustomEvent<string>): void {
    this.renderRoot.querySelector<HTMLElement>(`#${e.detail}`)?.focus();
  }

  private fieldAttrs(field: Field) {
    const described = [this.errors[field] ? `${field}-error` : `${field}-hint`, `${field}-limits`].join(' ');
    return { invalid: this.errors[field] ? 'true' : 'false', describedBy: described };
  }

  /** The citizen chose to use a photo's removed location as the case location. */
  private useLocation(e: CustomEvent<{ lat: number; long: number }>): void {
    const field = this.renderRoot.querySelector<HTMLInputElement>('#location');
    if (!field) return;
    field.value = `${e.detail.lat.toFixed(6)}, ${e.detail.long.toFixed(6)}`;
    this.texts = { ...this.texts, location: field.value };
    field.focus();
  }

  private track(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLTextAreaElement;
    this.texts = { ...this.texts, [el.name]: el.value };
  }

  private counter(field: 'subject' | 'description' | 'location') {
    const limits = lengthLimits(CreateCaseRequestSchema.shape[field]);
    return limits ? html`<char-counter for=${field} .value=${this.texts[field] ?? ''} min=${limits.min} max=${limits.max}></char-counter>` : '';
  }

  protected override pageTitle(): string {
    return t('newCaseTitle');
  }

  override render() {
    const en = locale() === 'en';
    const err = (f: Field) => (this.errors[f] ? html`<p class="field-error" id="${f}-error">${this.errors[f]}</p>` : '');
    return html`
      <h1>${t('newCaseTitle')}</h1>
      <error-summary .message=${this.message} .errors=${this.errors} .labels=${this.labels()} @civic-focus-field=${this.focusField}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="serviceTypeCode">${t('serviceType')}</label>
        <select id="serviceTypeCode" name="serviceTypeCode" data-testid="service-type" required @change=${this.choose}
          aria-invalid=${this.fieldAttrs('serviceTypeCode').invalid} aria-describedby=${ifDefined(this.errors.serviceTypeCode ? 'serviceTypeCode-error' : undefined)}>
          <option value="">${t('chooseServiceType')}</option>
          ${(['grievance', 'application'] as const).map(
            (kind) => html`<optgroup label=${t(kind === 'grievance' ? 'kindGrievance' : 'kindApplication')}>
              ${this.types
                .filter((s) => s.kind === kind)
                .map((s) => {
                  const agency = this.agencies.get(s.agencyId);
                  return html`<option value=${s.code}>${en ? s.nameEn : s.nameZh}（${agency ? (en ? agency.nameEn : agency.nameZh) : s.agencyId}）</option>`;
                })}
            </optgroup>`,
          )}
        </select>
        ${err('serviceTypeCode')}

        <label for="subject">${t('subject')}</label>
        <p class="hint" id="subject-hint">${t('subjectHint')}</p>
        <input id="subject" name="subject" data-testid="subject" required @input=${this.track}
          aria-invalid=${this.fieldAttrs('subject').invalid} aria-describedby=${this.fieldAttrs('subject').describedBy} />
        ${this.counter('subject')} ${err('subject')}

        <label for="description">${t('description')}</label>
        <p class="hint" id="description-hint">${t('descriptionHint')}</p>
        <textarea id="description" name="description" data-testid="description" required @input=${this.track}
          aria-invalid=${this.fieldAttrs('description').invalid} aria-describedby=${this.fieldAttrs('description').describedBy}></textarea>
        ${this.counter('description')} ${err('description')}

        <label for="location">${t('location')}</label>
        <input id="location" name="location" data-testid="location" @input=${this.track}
          aria-invalid=${this.fieldAttrs('location').invalid} aria-describedby=${this.errors.location ? 'location-error location-limits' : 'location-limits'} />
        ${this.counter('location')} ${err('location')}
        ${this.renderExtraFields()}
        <file-picker label=${t('attachmentsTitle')} offerLocation @civic-use-location=${this.useLocation}></file-picker>

        <div class="actions">
          <button type="submit" data-testid="case-submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('submitCase')}</button>
        </div>
        ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : ''}
      </form>
    `;
  }
}
