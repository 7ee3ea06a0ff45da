import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { User } from './api-types';
import { LocalizedElement } from './localized-element';
import { t } from './i18n';
import { isStaff, loadSession, onSessionChange } from './session';
import { sharedStyles } from './styles';

/** Landing page: what the service is and where to go next for the signed-in role. */
@customElement('home-page')
export class HomePage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private user: User | null = null;
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = onSessionChange((u) => (this.user = u));
    void loadSession().then((u) => (this.user = u), () => null);
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    super.disconnectedCallback();
  }

  override render() {
    const u = this.user;
    return html`
      <h1>${t('appTitle')}</h1>
      <p>${t('homeLead')}</p>
      <div class="card">
        ${u?.role === 'citizen'
          ? html`<p>${t('homeCitizen')}</p>
              <p><a href="/cases/new">${t('navNewCase')}</a> · <a href="/cases">${t('navMyCases')}</a></p>`
          : isStaff(u)
            ? html`<p>${t('homeOfficer')}</p>
                <p><a href="/inbox">${t('navInbox')}</a></p>`
            : u
              ? html`<p><a href="/notifications">${t('navNotifications')}</a></p>`
              : html`<p>${t('homeAnonymous')}</p>
                  <p><a href="/login">${t('navLogin')}</a></p>`}
      </div>
    `;
  }
}
