import { LitElement } from 'lit';
import { onLocaleChange } from './i18n';

/** Base class: re-renders when the language changes. */
export class LocalizedElement extends LitElement {
  private unsubscribeLocale?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribeLocale = onLocaleChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    this.unsubscribeLocale?.();
    super.disconnectedCallback();
  }
}
