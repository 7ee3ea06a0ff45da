import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { CreateCaseRequestSchema } from '../../../worker/schemas';
import { ApiError, api } from '../api/client';
import type { Agency, CaseDetail, ServiceType } from '../api/types';
import '../components/error-summary';
import { LocalizedElement } from '../components/localized-element';
import { locale, t } from '../i18n/i18n';
import { navigate } from '../routes';
import { sharedStyles } from '../styles/shared';

type Field = 'serviceTypeCode' | 'subject' | 'description' | 'location';

/** Filing a grievance: category, subject, details and location, checked with the API's own schema. */
@customElement('case-new-page')
export class CaseNewPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private types: ServiceType[] = [];
  @state() private agencies = new Map<string, Agency>();
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private message = '';
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [types, agencies] = await Promise.all([
        api<{ items: ServiceType[] }>('/service-types?kind=grievance'),
        api<{ items: Agency[] }>('/agencies'),
      ]);
      this.types = types.items;
      this.agencies = new Map(agencies.items.map((a) => [a.id, a]));
    } catch {
      this.message = t('networkError');
    }
  }

  private labels(): Record<Field, string> {
    return { serviceTypeCode: t('serviceType'), subject: t('subject'), description: t('description'), location: t('location') };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const location = String(form.get('location') ?? '').trim();
    const body = {
      serviceTypeCode: String(form.get('serviceTypeCode') ?? ''),
      subject: String(form.get('subject') ?? ''),
      description: String(form.get('description') ?? ''),
      ...(location ? { location } : {}),
    };
    const parsed = CreateCaseRequestSchema.safeParse(body);
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message;
      this.errors = errors;
      this.message = '';
      return;
    }
    this.busy = true;
    this.errors = {};
    this.message = '';
    try {
      const created = await api<CaseDetail>('/cases', { json: parsed.data });
      navigate(`/cases/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors() as Partial<Record<Field, string>>;
        this.message = err.problem.detail ?? err.problem.title;
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private focusField(e: CustomEvent<string>): void {
    this.renderRoot.querySelector<HTMLElement>(`#${e.detail}`)?.focus();
  }

  private fieldAttrs(field: Field) {
    return { invalid: this.errors[field] ? 'true' : 'false', describedBy: this.errors[field] ? `${field}-error` : `${field}-hint` };
  }

  override render() {
    const en = locale() === 'en';
    const err = (f: Field) => (this.errors[f] ? html`<p class="field-error" id="${f}-error">${this.errors[f]}</p>` : '');
    return html`
      <h1>${t('newCaseTitle')}</h1>
      <error-summary .message=${this.message} .errors=${this.errors} .labels=${this.labels()} @civic-focus-field=${this.focusField}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="serviceTypeCode">${t('serviceType')}</label>
        <select id="serviceTypeCode" name="serviceTypeCode" data-testid="service-type" required
          aria-invalid=${this.fieldAttrs('serviceTypeCode').invalid} aria-describedby=${this.errors.serviceTypeCode ? 'serviceTypeCode-error' : ''}>
          <option value="">${t('chooseServiceType')}</option>
          ${this.types.map((s) => {
            const agency = this.agencies.get(s.agencyId);
            return html`<option value=${s.code}>${en ? s.nameEn : s.nameZh}（${agency ? (en ? agency.nameEn : agency.nameZh) : s.agencyId}）</option>`;
          })}
        </select>
        ${err('serviceTypeCode')}

        <label for="subject">${t('subject')}</label>
        <p class="hint" id="subject-hint">${t('subjectHint')}</p>
        <input id="subject" name="subject" data-testid="subject" maxlength="120" required
          aria-invalid=${this.fieldAttrs('subject').invalid} aria-describedby=${this.fieldAttrs('subject').describedBy} />
        ${err('subject')}

        <label for="description">${t('description')}</label>
        <p class="hint" id="description-hint">${t('descriptionHint')}</p>
        <textarea id="description" name="description" data-testid="description" maxlength="5000" required
          aria-invalid=${this.fieldAttrs('description').invalid} aria-describedby=${this.fieldAttrs('description').describedBy}></textarea>
        ${err('description')}

        <label for="location">${t('location')}</label>
        <input id="location" name="location" data-testid="location" maxlength="200"
          aria-invalid=${this.fieldAttrs('location').invalid} aria-describedby=${this.errors.location ? 'location-error' : ''} />
        ${err('location')}

        <div class="actions">
          <button type="submit" data-testid="case-submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('submitCase')}</button>
        </div>
        ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : ''}
      </form>
    `;
  }
}
