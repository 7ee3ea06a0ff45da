import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ClaimCompleteSchema, ClaimRequestSchema } from '../../../worker/platform/schemas';
import { ApiError, api } from './api-client';
import { linkTokenFromUrl } from './account-link';
import type { User } from './api-types';
import './error-summary';
import { checkLocally, fieldMessage, messagesByField, problemMessage } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { navigate } from './navigation';
import { adoptSession } from './session';
import { sharedStyles } from './styles';

/**
 * Claiming an account that a counter officer or helper created when filing for the person: with
 * the link from the e-mail (`#token`; `?token=` in links mailed before), or with the phone number and the code from the counter;
 * or asking for the link again.
 */
@customElement('claim-page')
export class ClaimPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private status = '';
  @state() private busy = false;
  private token = linkTokenFromUrl() || (new URLSearchParams(location.search).get('token') ?? '');

  protected override pageTitle(): string {
    return t('claimTitle');
  }

  private async complete(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '');
    const body = this.token
      ? { token: this.token, password: get('password') }
      : { phone: get('phone'), code: get('code').trim(), password: get('password') };
    this.message = '';
    if (body.password.length < 10) {
      this.errors = { password: fieldMessage({ code: 'too_short', min: 10 }) };
      return;
    }
    const checked = checkLocally(ClaimCompleteSchema, body);
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      if (Object.keys(this.errors).length === 0) this.message = t('claimInvalid');
      return;
    }
    this.busy = true;
    this.errors = {};
    try {
      const r = await api<{ user: User }>('/auth/claim/complete', { json: checked.data });
      adoptSession(r.user);
      navigate('/cases');
    } catch (err) {
      this.message = err instanceof ApiError && err.status === 400 ? t('claimInvalid') : err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  private async requestLink(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const body = { email: String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim() };
    const checked = checkLocally(ClaimRequestSchema, body);
    if (!checked.ok) {
      this.errors = messagesByField(checked.errors);
      return;
    }
    this.errors = {};
    try {
      await api<void>('/auth/claim', { json: checked.data });
      this.status = t('claimLinkSent');
    } catch (err) {
      this.message = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  override render() {
    const err = (k: string) => (this.errors[k] ? html`<p class="field-error" id="${k}-error">${this.errors[k]}</p>` : nothing);
    return html`<h1>${t('claimTitle')}</h1>
      <p>${t('claimLead')}</p>
      <error-summary .message=${this.message} .errors=${this.errors}
        .labels=${{ phone: t('phone'), code: t('claimCode'), password: t('newPassword'), email: t('email') }}></error-summary>
      <div role="status" aria-live="polite">${this.status}</div>
      <form class="card" @submit=${this.complete} novalidate>
        ${this.token
          ? nothing
          : html`<label for="phone">${t('phone')}</label>
              <input id="phone" name="phone" type="tel" autocomplete="tel" required aria-invalid=${this.errors.phone ? 'true' : 'false'} />
              ${err('phone')}
              <label for="code">${t('claimCode')}</label>
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required aria-invalid=${this.errors.code ? 'true' : 'false'} />
              ${err('code')}`}
        <label for="password">${t('newPassword')}</label>
        <p class="hint" id="password-hint">${t('passwordHint')}</p>
        <input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint"
          aria-invalid=${this.errors.password ? 'true' : 'false'} />
        ${err('password')}
        <div class="actions"><button type="submit" data-testid="claim-submit" ?disabled=${this.busy}>${t('claimSubmit')}</button></div>
      </form>
      ${this.token
        ? nothing
        : html`<form class="card" @submit=${this.requestLink} novalidate>
            <h2 style="margin-top: 0">${t('claimByEmail')}</h2>
            <label for="email">${t('email')}</label>
            <input id="email" name="email" type="email" autocomplete="email" required aria-invalid=${this.errors.email ? 'true' : 'false'} />
            ${err('email')}
            <div class="actions"><button type="submit" class="secondary">${t('claimSendLink')}</button></div>
          </form>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'claim-page': ClaimPage;
  }
}
