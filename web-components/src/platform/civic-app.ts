import { css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { api } from './api-client';
import type { User } from './api-types';
import { LocalizedElement } from './localized-element';
import { locale, t } from './i18n';
import { navigate } from './navigation';
import { menuFor } from './role-menu';
import { chooseLocale, loadSession, onSessionChange, signOut } from './session';

/**
 * The application shell: skip link, header with navigation, language switch and sign-out,
 * and the outlet the router renders pages into.
 */
@customElement('civic-app')
export class CivicApp extends LocalizedElement {
  // Light DOM: the skip link and its target must share one document for assistive technology
  // (and axe) to resolve href="#main"; pages below keep their own shadow roots.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private static shellStyles = css`
      civic-app .skip {
        position: absolute;
        left: -999px;
        top: 0;
        background: #fff;
        padding: 0.5rem 1rem;
        z-index: 10;
      }
      .skip:focus {
        left: 0.5rem;
      }
      header {
        background: var(--civic-primary);
        color: #fff;
      }
      /* Printed pages (e.g. a consultation report) carry the content only. */
      @media print {
        civic-app header,
        civic-app .skip {
          display: none;
        }
      }
      .bar {
        max-width: 64rem;
        margin: 0 auto;
        padding: 0.25rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
      }
      .brand {
        color: #fff;
        font-weight: 700;
        font-size: 1.1rem;
        text-decoration: none;
        margin-right: auto;
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        margin: 0;
        padding: 0;
      }
      nav a {
        color: #fff;
        font-weight: 600;
        /* Touch targets of at least 44 × 44 px (WCAG 2.5.5). */
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      header button {
        font: inherit;
        font-weight: 600;
        border: 2px solid #fff;
        border-radius: 6px;
        cursor: pointer;
        background: #fff;
        color: var(--civic-primary);
        border-color: #fff;
        padding: 0.3rem 0.8rem;
        min-height: 44px;
        min-width: 44px;
      }
      header .menu-toggle {
        display: none;
      }
      main {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1.25rem 1rem 3rem;
      }
      main:focus {
        outline: none;
      }
      /* A dark ring with a light halo: at least 3:1 on white pages and on the blue header alike. */
      *:focus-visible {
        outline: 3px solid var(--civic-focus);
        outline-offset: 2px;
        box-shadow: 0 0 0 5px var(--civic-focus-halo);
      }
      @media (max-width: 700px) {
        .bar {
          padding: 0.25rem 0.75rem;
        }
        .brand {
          font-size: 1rem;
        }
        header .menu-toggle {
          display: inline-block;
        }
        header nav {
          display: none;
          flex-basis: 100%;
        }
        header nav.open {
          display: block;
        }
        nav ul {
          flex-direction: column;
        }
        main {
          padding: 1rem 0.75rem 2rem;
        }
      }
  `;

  @state() private user: User | null = null;
  @state() private unread = 0;
  /** The menu on narrow screens is a disclosure, so the header stays one line high. */
  @state() private menuOpen = false;
  /** Where the router renders pages; `main.ts` hands it to the router. */
  @query('#outlet') outlet!: HTMLElement;

  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    const sheet = CivicApp.shellStyles.styleSheet;
    if (sheet && !document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    this.unsubscribe = onSessionChange((u) => {
      this.user = u;
      void this.refreshUnread();
    });
    void loadSession().catch(() => null);
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    super.disconnectedCallback();
  }

  override firstUpdated(): void {
    // Move focus to the new page so screen readers announce it.
    window.addEventListener('vaadin-router-location-changed', () => {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
      void this.refreshUnread();
    });
  }

  private async refreshUnread(): Promise<void> {
    if (!this.user) {
      this.unread = 0;
      return;
    }
    try {
      this.unread = (await api<{ unread: number }>('/notifications?unread=true&limit=1')).unread;
    } catch {
      /* the badge is a convenience; the inbox page shows errors */
    }
  }

  private async logout(): Promise<void> {
    await signOut().catch(() => undefined);
    navigate('/');
  }

  private toggleLanguage(): void {
    // A failed save only loses the account's copy; the page has switched already.
    void chooseLocale(locale() === 'en' ? 'zh-TW' : 'en').catch(() => undefined);
  }

  override render() {
    const u = this.user;
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        this.renderRoot.querySelector<HTMLElement>('main')?.focus();
      }}>${t('skipToContent')}</a>
      <header>
        <div class="bar">
          <a class="brand" href="/">${t('appTitle')}</a>
          <button type="button" class="menu-toggle" data-testid="menu-toggle" aria-expanded=${this.menuOpen ? 'true' : 'false'} aria-controls="main-nav"
            @click=${() => (this.menuOpen = !this.menuOpen)}>${t('menu')}</button>
          <nav id="main-nav" aria-label=${t('mainNav')} class=${this.menuOpen ? 'open' : ''}>
            <ul>
              ${menuFor(u).map(
                (m) => html`<li>
                  <a href=${m.href}>${t(m.label)}${m.href === '/notifications' && this.unread ? html` (${t('unreadCount', { n: this.unread })})` : ''}</a>
                </li>`,
              )}
            </ul>
          </nav>
          <button type="button" data-testid="lang-toggle" lang=${locale() === 'en' ? 'zh-Hant-TW' : 'en'} @click=${this.toggleLanguage}>
            ${t('langToggle')}
          </button>
          ${u ? html`<button type="button" data-testid="logout" @click=${this.logout}>${t('logout')}</button>` : ''}
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div id="outlet"></div>
      </main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-app': CivicApp;
  }
}
