import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { identityLevels, type IdentityLevel } from '../../../domain/identity';
import { ApiError, api } from './api-client';
import { problemMessage } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

/**
 * The admin's identity verification: an account (by e-mail address) and the platform level it
 * now has. One level for every leg, so this is the only place staff raise or lower it.
 */
@customElement('identity-verification-form')
export class IdentityVerificationForm extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private busy = false;
  @state() private message = '';
  @state() private status = '';

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const level = String(data.get('level') ?? '') as IdentityLevel;
    this.status = '';
    this.message = '';
    if (!form.reportValidity()) return;
    this.busy = true;
    try {
      const r = await api<{ level: IdentityLevel; previous: IdentityLevel }>('/admin/identity-verifications', { json: { email, level } });
      this.status = t('identitySaved', { level: t(`identityLevel.${r.level}`), previous: t(`identityLevel.${r.previous}`) });
      this.dispatchEvent(new CustomEvent('identity-level-set', { detail: { email, level: r.level }, bubbles: true, composed: true }));
    } catch (err) {
      this.message = err instanceof ApiError && err.status !== 0 ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<h2>${t('identityTitle')}</h2>
      <p class="hint">${t('identityLead')}</p>
      ${this.message ? html`<div class="alert" role="alert">${this.message}</div>` : nothing}
      <form @submit=${this.submit} novalidate>
        <label for="identity-email">${t('identityEmail')}</label>
        <input id="identity-email" name="email" type="email" required maxlength="254" autocomplete="off" />
        <label for="identity-level">${t('identityLevelLabel')}</label>
        <select id="identity-level" name="level">
          ${identityLevels.map((l) => html`<option value=${l} ?selected=${l === 'verified_person'}>${t(`identityLevel.${l}`)}</option>`)}
        </select>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('identitySubmit')}</button></div>
      </form>
      <p role="status">${this.status}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'identity-verification-form': IdentityVerificationForm;
  }
}
