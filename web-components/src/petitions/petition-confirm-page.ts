import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import { problemText } from './problem-text';

interface Confirmed {
  petitionId: string;
  title: string;
  state: 'pending' | 'valid';
}

/**
 * Opened from the endorsement confirmation e-mail (`/petitions/confirm#<token>`). The token is in
 * the fragment (never sent to the server by a GET) and only the button's POST confirms: mail
 * scanners that open the link change nothing.
 */
@customElement('petition-confirm-page')
export class PetitionConfirmPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private busy = false;
  @state() private done: Confirmed | null = null;
  @state() private error = '';
  @state() private petitionId: string | null = null;
  private readonly token = window.location.hash.slice(1);

  private async confirm(): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      this.done = await api<Confirmed>('/petitions/endorsement-confirmations', { json: { token: this.token } });
      this.petitionId = this.done.petitionId;
    } catch (err) {
      this.error = problemText(err);
      const id = err instanceof ApiError ? (err.problem as unknown as Record<string, unknown>).petitionId : undefined;
      if (typeof id === 'string') this.petitionId = id;
    } finally {
      this.busy = false;
    }
  }

  private back() {
    return this.petitionId
      ? html`<p><a href="/petitions/${encodeURIComponent(this.petitionId)}" data-testid="confirm-back">${t('confirmBack')}</a></p>`
      : nothing;
  }

  override render() {
    const valid = /^[A-Za-z0-9_-]{20,100}$/.test(this.token);
    return html`<h1>${t('confirmTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert" data-testid="confirm-error">${this.error}</div>` : nothing}
      ${this.done
        ? html`<p class="notice" role="status" data-testid="confirm-done">
            ${t(this.done.state === 'valid' ? 'confirmDone' : 'confirmDoneHeld', { title: this.done.title })}
          </p>`
        : !valid
          ? html`<p class="alert" role="alert">${t('confirmNoToken')}</p>`
          : this.error
            ? nothing
            : html`<p>${t('confirmLead')}</p>
                <button type="button" data-testid="confirm-endorsement" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'} @click=${this.confirm}>
                  ${this.busy ? t('confirmBusy') : t('confirmButton')}
                </button>`}
      ${this.back()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-confirm-page': PetitionConfirmPage;
  }
}
