import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import { problemText } from './problem-text';
import type { PetitionDetail } from './types';

export interface PetitionField {
  name: string;
  label: string;
  kind: 'textarea' | 'text' | 'select' | 'date';
  options?: { value: string; label: string }[];
  optional?: boolean;
}

/**
 * One staff or agency action on a petition as a small form posting to
 * /api/v1/petitions/{id}/{action} with an idempotency key, so a double click acts once.
 * @fires civic-petition-updated - detail: the petition after the action
 */
@customElement('petition-action-form')
export class PetitionActionForm extends LocalizedElement {
  static override styles = sharedStyles;
  @property() petitionId = '';
  @property() action = '';
  @property() heading = '';
  @property() submitLabel = '';
  @property({ attribute: false }) fields: PetitionField[] = [];
  @state() private busy = false;
  @state() private error = '';
  @state() private fieldErrors: Record<string, string> = {};
  private key = crypto.randomUUID();

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, string> = {};
    for (const f of this.fields) {
      const v = String(data.get(f.name) ?? '');
      if (!(f.optional && v === '')) body[f.name] = v;
    }
    this.busy = true;
    this.error = '';
    this.fieldErrors = {};
    try {
      const updated = await api<PetitionDetail>(`/petitions/${this.petitionId}/${this.action}`, { json: body, headers: { 'idempotency-key': this.key } });
      this.key = crypto.randomUUID();
      form.reset();
      this.dispatchEvent(new CustomEvent('civic-petition-updated', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) this.fieldErrors = err.fieldErrors();
      this.error = problemText(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const id = (name: string) => `${this.action}-${name}`;
    return html`<form class="card" @submit=${this.submit} novalidate aria-labelledby="${this.action}-heading">
      <h3 id="${this.action}-heading">${this.heading}</h3>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.fields.map((f) => {
        const err = this.fieldErrors[f.name];
        const described = err ? `${id(f.name)}-error` : nothing;
        return html`<label for=${id(f.name)}>${f.label}</label>
          ${f.kind === 'textarea'
            ? html`<textarea id=${id(f.name)} name=${f.name} data-testid="${this.action}-${f.name}" aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described}></textarea>`
            : f.kind === 'select'
              ? html`<select id=${id(f.name)} name=${f.name} data-testid="${this.action}-${f.name}" aria-describedby=${described}>
                  ${f.options?.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
                </select>`
              : html`<input id=${id(f.name)} name=${f.name} type=${f.kind === 'date' ? 'date' : 'text'} data-testid="${this.action}-${f.name}"
                  aria-invalid=${err ? 'true' : 'false'} aria-describedby=${described} />`}
          ${err ? html`<p class="field-error" id="${id(f.name)}-error">${err}</p>` : nothing}`;
      })}
      <div class="actions">
        <button type="submit" data-testid="${this.action}-submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : this.submitLabel}</button>
      </div>
      ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-action-form': PetitionActionForm;
  }
}
