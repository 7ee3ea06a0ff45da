import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { User } from './api-types';
import { LocalizedElement } from './localized-element';
import { t } from './i18n';
import { landingPath, menuFor } from './role-menu';
import { loadSession, onSessionChange } from './session';
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

  protected override pageTitle(): string {
    return '';
  }

  override render() {
    const u = this.user;
    return html`
      <h1>${t('appTitle')}</h1>
      <p>${t('homeLead')}</p>
      <div class="card">
        ${u
          ? html`<p>${u.role === 'citizen' ? t('homeCitizen') : u.role === 'officer' && !u.oversees ? t('homeOfficer') : t('homeLanding')}</p>
              <p><a href=${landingPath(u)} data-testid="landing-link"><strong>${t('homeLanding')}</strong></a></p>
              <ul>
                ${menuFor(u).map((m) => html`<li><a href=${m.href}>${t(m.label)}</a></li>`)}
              </ul>`
          : html`<p>${t('homeAnonymous')}</p>
              <p><a href="/login">${t('navLogin')}</a></p>
              <p><a href="/register">${t('loginRegisterLink')}</a></p>`}
      </div>
    `;
  }
}
