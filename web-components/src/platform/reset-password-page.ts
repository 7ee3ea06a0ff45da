import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { PasswordResetCompleteSchema } from '../../../worker/platform/schemas';
import { type LinkState, checkLink, linkMessage, linkTokenFromUrl, stateOfRefusal } from './account-link';
import { ApiError, api } from './api-client';
import type { User } from './api-types';
import './error-summary';
import { checkLocally, messagesByField, problemMessage } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { navigate } from './navigation';
import { landingPath } from './role-menu';
import { adoptSession } from './session';
import { sharedStyles } from './styles';

/**
 * Opened from the password-reset e-mail (`/reset-password#<token>`): says at once whether the link
 * still works; the form's POST sets the new password, which signs out everywhere else.
 */
@customElement('reset-password-page')
export class ResetPasswordPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private link: LinkState = 'checking';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private busy = false;

  protected override pageTitle(): string {
    return t('resetTitle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void checkLink('reset').then((s) => (this.link = s));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const body = { token: linkTokenFromUrl(), password: String(new FormData(e.target as HTMLFormElement).get('password') ?? '') };
    this.message = '';
    const checked = checkLocally(PasswordResetCompleteSchema, body);
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      if (!this.errors.password) this.link = 'invalid';
      return;
    }
    this.errors = {};
    this.busy = true;
    try {
      const r = await api<{ user: User }>('/auth/password-reset/complete', { json: checked.data });
      adoptSession(r.user);
      navigate(landingPath(r.user));
    } catch (err) {
      const refused = stateOfRefusal(err);
      if (refused) this.link = refused;
      else this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = this.link;
    if (s === 'checking') return html`<h1>${t('resetTitle')}</h1><p role="status">${t('linkChecking')}</p><progress aria-label=${t('linkChecking')}></progress>`;
    if (s === 'expired' || s === 'used' || s === 'invalid') {
      return html`<h1>${t('resetTitle')}</h1>
        <div class="alert" role="alert" data-testid="link-state">${t(linkMessage[s])}</div>
        <p><a href="/forgot-password">${t('forgotAgain')}</a> · <a href="/login">${t('navLogin')}</a></p>`;
    }
    return html`<h1>${t('resetTitle')}</h1>
      <p>${t('resetLead')}</p>
      <error-summary .message=${this.message} .errors=${this.errors} .labels=${{ password: t('newPassword') }}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="password">${t('newPassword')}</label>
        <p class="hint" id="password-hint">${t('passwordHint')}</p>
        <input id="password" name="password" type="password" autocomplete="new-password" required
          aria-invalid=${this.errors.password ? 'true' : 'false'}
          aria-describedby=${this.errors.password ? 'password-hint password-error' : 'password-hint'} />
        ${this.errors.password ? html`<p class="field-error" id="password-error">${this.errors.password}</p>` : nothing}
        <div class="actions">
          <button type="submit" data-testid="reset-submit" ?disabled=${this.busy}>${this.busy ? t('loading') : t('resetSubmit')}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reset-password-page': ResetPasswordPage;
  }
}
