import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement, state } from 'lit/decorators.js';
import { AssistedCaseRequestSchema } from '../../../worker/cases/schemas';
import { ApiError, api } from '../platform/api-client';
import type { ServiceType } from '../platform/api-types';
import type { CaseDetail, CaseSummary } from './types';
import '../platform/error-summary';
import { LocalizedElement } from '../platform/localized-element';
import './state-badge';
import { formatInstant, locale, textLang } from '../platform/i18n';
import { t } from './i18n';
import type { MessageKey } from './i18n';
import { navigate } from '../platform/navigation';
import '../platform/char-counter';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';
import { sharedStyles } from '../platform/styles';

const consentMethods: [string, MessageKey][] = [
  ['signed_form', 'consentSignedForm'],
  ['verbal_recorded', 'consentVerbal'],
  ['digital', 'consentDigital'],
];

/**
 * The assisted channel: a counter officer or community helper files for a citizen who cannot
 * use the web, records the citizen's consent, and follows the cases filed this way.
 */
@customElement('assisted-case-page')
export class AssistedCasePage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private types: ServiceType[] = [];
  @state() private mine: CaseSummary[] = [];
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;
  @state() private texts: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [types, mine] = await Promise.all([
        api<{ items: ServiceType[] }>('/service-types'),
        api<{ items: CaseSummary[] }>('/assisted-cases'),
      ]);
      // Service types with extra fields are filed through the citizen's own form for now.
      this.types = types.items.filter((s) => s.formSchema.length === 0);
      this.mine = mine.items;
    } catch {
      this.message = t('networkError');
    }
  }

  private labels(): Record<string, string> {
    return {
      serviceTypeCode: t('serviceType'),
      subject: t('subject'),
      description: t('description'),
      location: t('location'),
      email: t('citizenEmail'),
      phone: t('citizenPhone'),
      postalAddress: t('citizenAddress'),
      displayName: t('citizenName'),
      consent: t('consentStatement'),
    };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '').trim();
    const body = {
      serviceTypeCode: get('serviceTypeCode'),
      subject: get('subject'),
      description: get('description'),
      ...(get('location') ? { location: get('location') } : {}),
      citizen: {
        displayName: get('citizenName'),
        ...(get('citizenEmail') ? { email: get('citizenEmail') } : {}),
        ...(get('citizenPhone') ? { phone: get('citizenPhone') } : {}),
        ...(get('citizenAddress') ? { postalAddress: get('citizenAddress') } : {}),
      },
      consent: { method: get('consentMethod'), statement: get('consentStatement') },
    };
    const parsed = checkLocally(AssistedCaseRequestSchema, body);
    if (!parsed.ok) {
      this.errors = { ...messagesByField(parsed.errors), ...messagesByField(parsed.errors, { prefix: '/citizen/', depth: 1 }) };
      this.message = '';
      return;
    }
    this.busy = true;
    this.errors = {};
    this.message = '';
    try {
      const created = await api<CaseDetail>('/assisted-cases', { json: parsed.data });
      navigate(`/cases/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = { ...err.fieldErrors(), ...err.fieldErrors('/citizen/') };
        this.message = problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private track(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLTextAreaElement;
    this.texts = { ...this.texts, [el.name]: el.value };
  }

  private counter(name: string, schema: Parameters<typeof lengthLimits>[0]) {
    const limits = lengthLimits(schema);
    return limits ? html`<char-counter for=${name} .value=${this.texts[name] ?? ''} min=${limits.min} max=${limits.max}></char-counter>` : nothing;
  }

  private input(name: string, label: string, opts: { type?: string; required?: boolean; error?: string } = {}) {
    const error = opts.error;
    return html`<label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${opts.type ?? 'text'} ?required=${opts.required ?? true} aria-invalid=${error ? 'true' : 'false'} />
      ${error ? html`<p class="field-error">${error}</p>` : nothing}`;
  }

  protected override pageTitle(): string {
    return t('assistedTitle');
  }

  override render() {
    const en = locale() === 'en';
    return html`
      <h1>${t('assistedTitle')}</h1>
      <p>${t('assistedLead')}</p>
      <error-summary .message=${this.message} .errors=${Object.fromEntries(Object.entries(this.errors).filter(([k]) => k !== 'citizen'))}
        .labels=${this.labels()}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        ${this.input('citizenName', t('citizenName'), { error: this.errors.displayName })}
        <p class="hint" id="contact-hint">${t('contactHint')}</p>
        ${this.input('citizenEmail', t('citizenEmail'), { type: 'email', required: false, error: this.errors.email })}
        ${this.input('citizenPhone', t('citizenPhone'), { type: 'tel', required: false, error: this.errors.phone })}
        ${this.input('citizenAddress', t('citizenAddress'), { required: false, error: this.errors.postalAddress })}
        <label for="consentMethod">${t('consentMethod')}</label>
        <select id="consentMethod" name="consentMethod">
          ${consentMethods.map(([value, key]) => html`<option value=${value}>${t(key)}</option>`)}
        </select>
        <label for="consentStatement">${t('consentStatement')}</label>
        <textarea id="consentStatement" name="consentStatement" required @input=${this.track} aria-describedby="consentStatement-limits"
          aria-invalid=${this.errors.consent ? 'true' : 'false'}></textarea>
        ${this.counter('consentStatement', AssistedCaseRequestSchema.shape.consent.shape.statement)}
        ${this.errors.consent ? html`<p class="field-error">${this.errors.consent}</p>` : nothing}
        <label for="serviceTypeCode">${t('serviceType')}</label>
        <select id="serviceTypeCode" name="serviceTypeCode" required aria-invalid=${this.errors.serviceTypeCode ? 'true' : 'false'}>
          <option value="">${t('chooseServiceType')}</option>
          ${this.types.map((s) => html`<option value=${s.code}>${en ? s.nameEn : s.nameZh}</option>`)}
        </select>
        ${this.input('subject', t('subject'), { error: this.errors.subject })}
        <label for="description">${t('description')}</label>
        <textarea id="description" name="description" required @input=${this.track} aria-describedby="description-limits"
          aria-invalid=${this.errors.description ? 'true' : 'false'}></textarea>
        ${this.counter('description', AssistedCaseRequestSchema.shape.description)}
        ${this.errors.description ? html`<p class="field-error">${this.errors.description}</p>` : nothing}
        ${this.input('location', t('location'), { required: false })}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('submitCase')}</button>
        </div>
        ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
      </form>
      <h2>${t('assistedMine')}</h2>
      ${this.mine.length === 0
        ? html`<p>${t('noCases')}</p>`
        : html`<ul class="plain">
            ${this.mine.map(
              (c) => html`<li class="card">
                <a href="/cases/${c.id}" lang=${ifDefined(textLang(c.subject))}>${c.subject}</a> <state-badge state=${c.state}></state-badge>
                <div class="muted">${c.id} · ${formatInstant(c.receivedAt)}</div>
              </li>`,
            )}
          </ul>`}
    `;
  }
}
