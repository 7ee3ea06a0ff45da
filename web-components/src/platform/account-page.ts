import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiTokenRequestSchema } from '../../../worker/platform/schemas';
import { ApiError, api } from './api-client';
import type { User } from './api-types';
import { checkLocally, messagesByField, problemMessage } from './field-messages';
import { type Locale, formatInstant, locale, t } from './i18n';
import { LocalizedElement } from './localized-element';
import { chooseLocale, loadSession } from './session';
import { sharedStyles } from './styles';

interface TokenInfo {
  id: string;
  label: string;
  createdAt: string;
  expiresAt: string;
}

/** The account: its language (kept for the next sign-in) and its API tokens (list, issue, revoke). */
@customElement('account-page')
export class AccountPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private user: User | null = null;
  @state() private tokens: TokenInfo[] | null = null;
  @state() private issued = '';
  @state() private error = '';
  @state() private labelError = '';
  @state() private status = '';

  protected override pageTitle(): string {
    return t('accountTitle');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSession().then((u) => (this.user = u), () => null);
    void this.loadTokens();
  }

  private async loadTokens(): Promise<void> {
    try {
      this.tokens = (await api<{ items: TokenInfo[] }>('/auth/tokens')).items;
    } catch (err) {
      this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  private async chooseLanguage(e: Event): Promise<void> {
    const next = (e.target as HTMLInputElement).value as Locale;
    try {
      await chooseLocale(next);
      this.status = t('languageSaved');
    } catch {
      this.error = t('networkError');
    }
  }

  private async issue(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const checked = checkLocally(ApiTokenRequestSchema, { label: String(new FormData(form).get('label') ?? '') });
    if (!checked.ok) {
      this.labelError = messagesByField(checked.errors).label ?? '';
      return;
    }
    this.labelError = '';
    try {
      const r = await api<{ token: string }>('/auth/tokens', { json: checked.data });
      this.issued = r.token;
      form.reset();
      await this.loadTokens();
    } catch (err) {
      this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  private async revoke(id: string): Promise<void> {
    try {
      await api<void>(`/auth/tokens/${id}`, { method: 'DELETE' });
      this.status = t('tokenRevoked');
      await this.loadTokens();
    } catch (err) {
      this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  override render() {
    return html`<h1>${t('accountTitle')}</h1>
      ${this.user
        ? html`<p>${this.user.displayName} · ${this.user.email}</p>
            <p data-testid="identity-level">${t('identityLevelLabel')}: ${t(`identityLevel.${this.user.identityLevel}`)}</p>`
        : nothing}
      <div role="status" aria-live="polite" data-testid="account-status">${this.status}</div>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      <fieldset class="card">
        <legend><strong>${t('accountLanguage')}</strong></legend>
        ${(['zh-TW', 'en'] as const).map(
          (l) => html`<label style="font-weight: 400">
            <input type="radio" name="locale" value=${l} style="width: auto" .checked=${locale() === l} @change=${this.chooseLanguage} />
            <span lang=${l === 'en' ? 'en' : 'zh-Hant-TW'}>${l === 'en' ? 'English' : '中文（臺灣）'}</span>
          </label>`,
        )}
      </fieldset>
      <h2>${t('tokensTitle')}</h2>
      <p class="hint">${t('tokensLead')}</p>
      ${this.issued
        ? html`<div class="notice" data-testid="token-issued">${t('tokenIssued')} <code>${this.issued}</code></div>`
        : nothing}
      <form class="card" @submit=${this.issue} novalidate>
        <label for="label">${t('tokenLabel')}</label>
        <input id="label" name="label" required aria-invalid=${this.labelError ? 'true' : 'false'} />
        ${this.labelError ? html`<p class="field-error">${this.labelError}</p>` : nothing}
        <div class="actions"><button type="submit">${t('tokenIssue')}</button></div>
      </form>
      ${this.tokens === null
        ? html`<p role="status">${t('loading')}</p>`
        : this.tokens.length === 0
          ? html`<p>${t('noTokens')}</p>`
          : html`<ul class="plain" data-testid="tokens">
              ${this.tokens.map(
                (tok) => html`<li class="card" style="display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between">
                  <span><strong>${tok.label}</strong> <span class="muted">${t('tokenExpires', { when: formatInstant(tok.expiresAt) })}</span></span>
                  <button type="button" class="secondary" @click=${() => this.revoke(tok.id)} aria-label=${t('tokenRevokeNamed', { label: tok.label })}>
                    ${t('tokenRevoke')}
                  </button>
                </li>`,
              )}
            </ul>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'account-page': AccountPage;
  }
}
