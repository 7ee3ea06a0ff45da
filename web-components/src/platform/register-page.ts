import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { RegisterRequestSchema } from '../../../worker/platform/schemas';
import { ApiError, api } from './api-client';
import './error-summary';
import { checkLocally, messagesByField, problemMessage } from './field-messages';
import { locale, t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

/**
 * Registration. The API answers alike for every address, so this page always ends in "check your
 * mailbox": the e-mail says what happens next (finish creating the account, or sign in / reset
 * the password when the address has an account already).
 */
@customElement('register-page')
export class RegisterPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;
  @state() private sentTo = '';

  protected override pageTitle(): string {
    return this.sentTo ? t('checkMailboxTitle') : t('registerTitle');
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body = {
      email: String(f.get('email') ?? '').trim(),
      displayName: String(f.get('displayName') ?? ''),
      password: String(f.get('password') ?? ''),
      locale: locale(),
    };
    this.message = '';
    const checked = checkLocally(RegisterRequestSchema, body);
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      return;
    }
    this.errors = {};
    this.busy = true;
    try {
      await api('/auth/register', { json: checked.data });
      this.sentTo = checked.data.email;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) this.errors = err.fieldErrors();
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.sentTo) {
      return html`<h1>${t('checkMailboxTitle')}</h1>
        <div class="notice" role="status" data-testid="register-sent">${t('registerSent', { email: this.sentTo })}</div>
        <p class="hint">${t('mailNotArrived')}</p>
        <p><a href="/login">${t('navLogin')}</a></p>`;
    }
    const err = (k: string) => (this.errors[k] ? html`<p class="field-error" id="${k}-error">${this.errors[k]}</p>` : nothing);
    const invalid = (k: string) => (this.errors[k] ? 'true' : 'false');
    return html`<h1>${t('registerTitle')}</h1>
      <p>${t('registerLead')}</p>
      <error-summary .message=${this.message} .errors=${this.errors}
        .labels=${{ email: t('email'), displayName: t('displayName'), password: t('password') }}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="email" required aria-invalid=${invalid('email')}
          aria-describedby=${this.errors.email ? 'email-error' : nothing} />
        ${err('email')}
        <label for="displayName">${t('displayName')}</label>
        <input id="displayName" name="displayName" autocomplete="name" required aria-invalid=${invalid('displayName')}
          aria-describedby=${this.errors.displayName ? 'displayName-error' : nothing} />
        ${err('displayName')}
        <label for="password">${t('password')}</label>
        <p class="hint" id="password-hint">${t('passwordHint')}</p>
        <input id="password" name="password" type="password" autocomplete="new-password" required aria-invalid=${invalid('password')}
          aria-describedby=${this.errors.password ? 'password-hint password-error' : 'password-hint'} />
        ${err('password')}
        <div class="actions">
          <button type="submit" data-testid="register-submit" ?disabled=${this.busy}>${this.busy ? t('loading') : t('registerSubmit')}</button>
        </div>
        <p><a href="/login">${t('navLogin')}</a></p>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'register-page': RegisterPage;
  }
}
