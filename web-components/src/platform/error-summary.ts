import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from './i18n';
import { sharedStyles } from './styles';
import { LocalizedElement } from './localized-element';

/**
 * The summary of what is wrong with a form, announced to screen readers, linking to each field.
 * @property message - a general message (e.g. the problem's detail)
 * @property errors - field id → message
 * @fires civic-focus-field - detail: the field id the person chose to fix
 */
@customElement('error-summary')
export class ErrorSummary extends LocalizedElement {
  static override styles = sharedStyles;

  @property() message = '';
  @property({ attribute: false }) errors: Record<string, string> = {};
  @property({ attribute: false }) labels: Record<string, string> = {};

  override render() {
    const entries = Object.entries(this.errors);
    if (!this.message && entries.length === 0) return nothing;
    return html`<div class="alert" role="alert">
      <strong>${entries.length ? t('errorSummary') : this.message}</strong>
      ${entries.length
        ? html`<ul>
            ${entries.map(
              ([field, msg]) => html`<li>
                <a href="#${field}" @click=${(e: Event) => {
                  e.preventDefault();
                  this.dispatchEvent(new CustomEvent('civic-focus-field', { detail: field, bubbles: true, composed: true }));
                }}>${this.labels[field] ?? field}: ${msg}</a>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'error-summary': ErrorSummary;
  }
}
