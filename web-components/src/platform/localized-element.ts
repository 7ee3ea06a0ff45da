import { LitElement, type PropertyValues } from 'lit';
import { onLocaleChange, t } from './i18n';

/** Base class: re-renders when the language changes; pages name themselves in the document title. */
export class LocalizedElement extends LitElement {
  private unsubscribeLocale?: () => void;

  /** A page's own title (without the site name); components leave it null. */
  protected pageTitle(): string | null {
    return null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeLocale = onLocaleChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    this.unsubscribeLocale?.();
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const title = this.pageTitle();
    if (title !== null) {
      const full = title ? `${title} · ${t('appTitle')}` : t('appTitle');
      if (document.title !== full) document.title = full;
    }
  }
}
