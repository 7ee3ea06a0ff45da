import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PasswordResetRequestSchema } from '../../../worker/platform/schemas';
import { ApiError, api } from './api-client';
import './error-summary';
import { checkLocally, messagesByField, problemMessage } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

/** Asks for a password-reset link; the answer is the same whether or not the address has an account. */
@customElement('forgot-password-page')
export class ForgotPasswordPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;
  @state() private sentTo = '';

  protected override pageTitle(): string {
    return this.sentTo ? t('checkMailboxTitle') : t('forgotTitle');
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const body = { email: String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim() };
    this.message = '';
    const checked = checkLocally(PasswordResetRequestSchema, body);
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      return;
    }
    this.errors = {};
    this.busy = true;
    try {
      await api('/auth/password-reset', { json: checked.data });
      this.sentTo = checked.data.email;
    } catch (err) {
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.sentTo) {
      return html`<h1>${t('checkMailboxTitle')}</h1>
        <div class="notice" role="status" data-testid="forgot-sent">${t('forgotSent', { email: this.sentTo })}</div>
        <p class="hint">${t('mailNotArrived')}</p>
        <p><a href="/login">${t('navLogin')}</a></p>`;
    }
    return html`<h1>${t('forgotTitle')}</h1>
      <p>${t('forgotLead')}</p>
      <error-summary .message=${this.message} .errors=${this.errors} .labels=${{ email: t('email') }}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="email" required aria-invalid=${this.errors.email ? 'true' : 'false'}
          aria-describedby=${this.errors.email ? 'email-error' : nothing} />
        ${this.errors.email ? html`<p class="field-error" id="email-error">${this.errors.email}</p>` : nothing}
        <div class="actions">
          <button type="submit" data-testid="forgot-submit" ?disabled=${this.busy}>${this.busy ? t('loading') : t('forgotSubmit')}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'forgot-password-page': ForgotPasswordPage;
  }
}
