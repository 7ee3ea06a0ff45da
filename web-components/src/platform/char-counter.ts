import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { countedLength } from './field-messages';
import { t } from './i18n';
import { LocalizedElement } from './localized-element';

/**
 * The limits of a text field stated beside it, with a live count. Nothing a person types is cut
 * off (no `maxlength`): past the limit the count turns red and says by how much, and the form's
 * check refuses to send it.
 * @property value - the field's current text
 * @property min - fewest characters (0: optional)
 * @property max - most characters
 */
@customElement('char-counter')
export class CharCounter extends LocalizedElement {
  // Light DOM: the field's aria-describedby must reach the limits text in the page's shadow root.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }
  /** The id of the field; the limits text gets `<for>-limits`, for its aria-describedby. */
  @property() for = '';
  @property() value = '';
  @property({ type: Number }) min = 0;
  @property({ type: Number }) max = 0;

  override render() {
    const n = countedLength(this.value);
    const over = this.max > 0 && n > this.max;
    const limits = this.min > 1 ? t('charLimits', { min: this.min, max: this.max }) : t('charLimitMax', { max: this.max });
    return html`<p class="hint" style="display: flex; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; margin: 0.25rem 0 0">
      <span id="${this.for}-limits">${limits}</span>
      <span data-testid="char-count" style=${over ? 'color: var(--civic-danger); font-weight: 600' : ''}>${t('charCount', { n, max: this.max })}</span>
      ${over ? html`<span role="status" style="color: var(--civic-danger); font-weight: 600; flex-basis: 100%">${t('charsOver', { n: n - this.max })}</span>` : nothing}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'char-counter': CharCounter;
  }
}
