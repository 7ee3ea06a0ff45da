import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from './api-client';
import './error-summary';
import { LocalizedElement } from './localized-element';
import { t } from './i18n';
import { navigate } from './navigation';
import { landingPath } from './role-menu';
import { signIn, takeAfterSignIn } from './session';
import { sharedStyles } from './styles';

/** E-mail and password sign-in; returns to the page that asked for it, else to the role's home. */
@customElement('login-page')
export class LoginPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private busy = false;
  @state() private error = '';

  protected override pageTitle(): string {
    return t('loginTitle');
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const user = await signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      navigate(takeAfterSignIn() ?? landingPath(user));
    } catch (err) {
      this.error =
        err instanceof ApiError && (err.status === 401 || err.status === 422)
          ? t('loginFailed')
          : err instanceof ApiError && err.status === 429
            ? t('problem.rate-limited')
            : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1>${t('loginTitle')}</h1>
      <error-summary .message=${this.error}></error-summary>
      <form class="card" @submit=${this.submit} novalidate>
        <label for="email">${t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">${t('password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit" data-testid="login-submit" ?disabled=${this.busy}>${this.busy ? t('loading') : t('loginSubmit')}</button>
        </div>
        <p class="hint">${t('demoHint')}</p>
        <p><a href="/forgot-password">${t('loginForgotLink')}</a></p>
        <p><a href="/register">${t('loginRegisterLink')}</a></p>
        <p><a href="/claim">${t('loginClaimLink')}</a></p>
      </form>
    `;
  }
}
