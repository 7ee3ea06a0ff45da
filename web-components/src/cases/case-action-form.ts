import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import type { CaseDetail } from './types';
import { t } from './i18n';
import { problemText } from './problem-text';
import { sharedStyles } from '../platform/styles';
import { LocalizedElement } from '../platform/localized-element';
import { countedLength, fieldMessage } from '../platform/field-messages';
import '../platform/char-counter';
import '../platform/file-picker';

export interface ActionField {
  name: string;
  label: string;
  kind: 'textarea' | 'text' | 'select';
  options?: { value: string; label: string }[];
  testId?: string;
  /** The API's length limits for a text, stated beside the field with a counter. */
  limits?: { min: number; max: number } | null;
}

/**
 * One action on a case (reply, request a supplement, transfer ...) as a small form that posts
 * to /api/v1/cases/{id}/{action} with an idempotency key, so a double click acts once.
 * @property caseId - the case
 * @property action - the action path, e.g. 'reply'
 * @property heading - the form's title
 * @property submitLabel - the button text
 * @property fields - the inputs to show
 * @property submitTestId - data-testid of the submit button
 * @property extra - fixed values sent with the form
 * @fires civic-case-updated - detail: the case after the action
 */
@customElement('case-action-form')
export class CaseActionForm extends LocalizedElement {
  static override styles = sharedStyles;
  @property() caseId = '';
  @property() action = '';
  @property() heading = '';
  @property() submitLabel = '';
  @property() submitTestId = '';
  @property({ attribute: false }) fields: ActionField[] = [];
  /** Fixed values sent with the form (e.g. the assignee for "assign to me"). */
  @property({ attribute: false }) extra: Record<string, string> = {};
  /** Offer photos and documents with the action (reply, supplement). */
  @property({ type: Boolean }) attachments = false;
  @state() private busy = false;
  @state() private error = '';
  @state() private fieldErrors: Record<string, string> = {};
  @state() private texts: Record<string, string> = {};
  private key = crypto.randomUUID();

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, string | string[]> = { ...this.extra };
    for (const f of this.fields) body[f.name] = String(data.get(f.name) ?? '');
    const picker = this.renderRoot.querySelector('file-picker');
    if (picker?.ids.length) body.attachmentIds = picker.ids;
    // Said here, before sending: a text over its limit is never cut short silently.
    const over = this.fields.find((f) => f.limits && countedLength(String(body[f.name] ?? '')) > f.limits.max);
    if (over?.limits) {
      this.fieldErrors = { [over.name]: fieldMessage({ code: 'too_long', max: over.limits.max }) };
      return;
    }
    this.busy = true;
    this.error = '';
    this.fieldErrors = {};
    try {
      const updated = await api<CaseDetail>(`/cases/${this.caseId}/${this.action}`, {
        json: body,
        headers: { 'idempotency-key': this.key },
      });
      this.key = crypto.randomUUID();
      form.reset();
      picker?.reset();
      this.texts = {};
      this.dispatchEvent(new CustomEvent('civic-case-updated', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) {
        this.fieldErrors = err.fieldErrors();
        // A 504 (outcome unknown) keeps the Idempotency-Key: retrying applies the action at most once.
        this.error = problemText(err.problem);
      } else this.error = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const id = (name: string) => `${this.action}-${name}`;
    return html`<form class="card" @submit=${this.submit} novalidate aria-labelledby="${this.action}-heading">
      <h2 id="${this.action}-heading">${this.heading}</h2>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.fields.map((f) => {
        const err = this.fieldErrors[f.name];
        const common = { id: id(f.name), invalid: err ? 'true' : 'false' };
        const describedBy = [err ? `${common.id}-error` : '', f.limits ? `${common.id}-limits` : ''].filter(Boolean).join(' ') || nothing;
        const track = (e: Event) => (this.texts = { ...this.texts, [f.name]: (e.target as HTMLTextAreaElement).value });
        return html`<label for=${common.id}>${f.label}</label>
          ${f.kind === 'textarea'
            ? html`<textarea id=${common.id} name=${f.name} data-testid=${f.testId ?? nothing} aria-invalid=${common.invalid}
                aria-describedby=${describedBy} required @input=${track}></textarea>`
            : f.kind === 'select'
              ? html`<select id=${common.id} name=${f.name} aria-invalid=${common.invalid} aria-describedby=${err ? `${common.id}-error` : nothing}>
                  ${f.options?.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
                </select>`
              : html`<input id=${common.id} name=${f.name} data-testid=${f.testId ?? nothing} aria-invalid=${common.invalid}
                  aria-describedby=${err ? `${common.id}-error` : nothing} />`}
          ${f.limits ? html`<char-counter for=${common.id} .value=${this.texts[f.name] ?? ''} min=${f.limits.min} max=${f.limits.max}></char-counter>` : nothing}
          ${err ? html`<p class="field-error" id="${common.id}-error">${err}</p>` : nothing}`;
      })}
      ${this.attachments ? html`<file-picker label=${t('attachmentsTitle')}></file-picker>` : nothing}
      <div class="actions">
        <button type="submit" data-testid=${this.submitTestId || nothing} ?disabled=${this.busy}>${this.busy ? t('submitting') : this.submitLabel}</button>
      </div>
      ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'case-action-form': CaseActionForm;
  }
}
