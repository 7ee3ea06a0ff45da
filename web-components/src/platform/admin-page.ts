import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ClosureSchema } from '../../../worker/platform/schemas';
import { ApiError, api } from './api-client';
import type { Agency } from './api-types';
import './char-counter';
import './error-summary';
import './identity-verification-form';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from './field-messages';
import { formatDate, locale, t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

interface Closure {
  date: string;
  scope: string;
  reason: string;
}

/** Where an admin lands: office closures (typhoon days) and the operator's links. */
@customElement('admin-page')
export class AdminPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private closures: Closure[] | null = null;
  @state() private agencies: Agency[] = [];
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private status = '';
  @state() private busy = false;
  @state() private reason = '';

  protected override pageTitle(): string {
    return t('navAdmin');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [closures, agencies] = await Promise.all([api<{ items: Closure[] }>('/admin/closures'), api<{ items: Agency[] }>('/agencies')]);
      this.closures = closures.items;
      this.agencies = agencies.items;
    } catch (err) {
      this.message = err instanceof ApiError && err.status !== 0 ? problemMessage(err.problem) : t('networkError');
    }
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { date: String(data.get('date') ?? ''), scope: String(data.get('scope') ?? '*'), reason: String(data.get('reason') ?? '') };
    const checked = checkLocally(ClosureSchema, body);
    this.status = '';
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      return;
    }
    this.busy = true;
    this.errors = {};
    this.message = '';
    try {
      await api('/admin/closures', { json: checked.data });
      form.reset();
      this.reason = '';
      this.status = t('closureSaved');
      await this.load();
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = err.fieldErrors();
        this.message = problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private scopeName(scope: string): string {
    if (scope === '*') return t('closureAllAgencies');
    const a = this.agencies.find((x) => x.id === scope);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : scope;
  }

  override render() {
    const err = (f: string) => (this.errors[f] ? html`<p class="field-error" id="${f}-error">${this.errors[f]}</p>` : nothing);
    const limits = lengthLimits(ClosureSchema.shape.reason);
    return html`<h1>${t('navAdmin')}</h1>
      <div role="status" aria-live="polite">${this.status}</div>
      <error-summary .message=${this.message} .errors=${this.errors}
        .labels=${{ date: t('closureDate'), scope: t('closureScope'), reason: t('closureReason') }}></error-summary>
      <h2>${t('closuresTitle')}</h2>
      <p class="hint">${t('closuresLead')}</p>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="date">${t('closureDate')}</label>
        <input id="date" name="date" type="date" required aria-invalid=${this.errors.date ? 'true' : 'false'} />
        ${err('date')}
        <label for="scope">${t('closureScope')}</label>
        <select id="scope" name="scope">
          <option value="*">${t('closureAllAgencies')}</option>
          ${this.agencies.map((a) => html`<option value=${a.id}>${locale() === 'en' ? a.nameEn : a.nameZh}</option>`)}
        </select>
        ${err('scope')}
        <label for="reason">${t('closureReason')}</label>
        <input id="reason" name="reason" required aria-describedby="reason-limits" aria-invalid=${this.errors.reason ? 'true' : 'false'}
          @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
        ${limits ? html`<char-counter for="reason" .value=${this.reason} min=${limits.min} max=${limits.max}></char-counter>` : nothing}
        ${err('reason')}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('closureSubmit')}</button></div>
      </form>
      ${this.closures === null
        ? html`<p role="status">${t('loading')}</p>`
        : this.closures.length === 0
          ? html`<p>${t('noData')}</p>`
          : html`<ul class="plain">
              ${this.closures.map((c) => html`<li class="card">${formatDate(c.date)} · ${this.scopeName(c.scope)} · ${c.reason}</li>`)}
            </ul>`}
      <identity-verification-form></identity-verification-form>
      <h2>${t('adminLinks')}</h2>
      <ul>
        <li><a href="/api/v1/docs">${t('adminApiDocs')}</a></li>
        <li><a href="/dev/mailbox">${t('adminMailbox')}</a></li>
        <li><a href="/api/v1/health">${t('adminHealth')}</a></li>
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-page': AdminPage;
  }
}
