import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type LinkState, checkLink, linkMessage, linkTokenFromUrl, stateOfRefusal } from './account-link';
import { ApiError, api } from './api-client';
import type { User } from './api-types';
import { problemMessage } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { navigate } from './navigation';
import { landingPath } from './role-menu';
import { adoptSession } from './session';
import { sharedStyles } from './styles';

/**
 * Opened from the registration e-mail (`/register/confirm#<token>`). Only the button's POST
 * creates the account: opening the link, as mail scanners do, changes nothing.
 */
@customElement('register-confirm-page')
export class RegisterConfirmPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private link: LinkState = 'checking';
  @state() private busy = false;
  @state() private error = '';

  protected override pageTitle(): string {
    return t('registerConfirmTitle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void checkLink('register').then((s) => (this.link = s));
  }

  private async confirm(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      const r = await api<{ user: User }>('/auth/register/confirm', { json: { token: linkTokenFromUrl() } });
      adoptSession(r.user);
      navigate(landingPath(r.user));
    } catch (err) {
      const refused = stateOfRefusal(err);
      if (refused) this.link = refused;
      else this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const s = this.link;
    return html`<h1>${t('registerConfirmTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${s === 'checking'
        ? html`<p role="status">${t('linkChecking')}</p><progress aria-label=${t('linkChecking')}></progress>`
        : s === 'valid' || s === 'offline'
          ? html`<p>${t('registerConfirmLead')}</p>
              <button type="button" data-testid="register-confirm" ?disabled=${this.busy} @click=${this.confirm}>
                ${this.busy ? t('loading') : t('registerConfirmSubmit')}</button>`
          : html`<div class="alert" role="alert" data-testid="link-state">${t(linkMessage[s])}</div>
              <p>${s === 'used' ? html`<a href="/login">${t('navLogin')}</a> · <a href="/forgot-password">${t('loginForgotLink')}</a>` : html`<a href="/register">${t('registerAgain')}</a>`}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'register-confirm-page': RegisterConfirmPage;
  }
}
