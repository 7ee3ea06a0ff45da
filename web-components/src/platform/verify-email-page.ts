import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api } from './api-client';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

/**
 * Opened from the verification e-mail (`/verify-email#<token>`). Only the button's POST
 * confirms: opening the link (what mail scanners do) changes nothing.
 */
@customElement('verify-email-page')
export class VerifyEmailPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private busy = false;
  @state() private done = false;
  @state() private error = '';

  private async confirm(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await api('/auth/email-verification/confirm', { json: { token: window.location.hash.slice(1) } });
      this.done = true;
    } catch (err) {
      this.error = err instanceof ApiError && err.status !== 0 ? t('verifyEmailInvalid') : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<h1>${t('verifyEmailTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.done
        ? html`<p class="notice" role="status" data-testid="verify-done">${t('verifyEmailDone')}</p>`
        : html`<p>${t('verifyEmailLead')}</p>
            <button type="button" data-testid="verify-confirm" ?disabled=${this.busy} @click=${this.confirm}>${t('verifyEmailConfirm')}</button>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'verify-email-page': VerifyEmailPage;
  }
}
