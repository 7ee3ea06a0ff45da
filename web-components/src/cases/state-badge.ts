import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey } from './i18n';
import { t } from './i18n';
import { LocalizedElement } from '../platform/localized-element';

const tone: Record<string, string> = {
  replied: 'ok',
  closed: 'ok',
  not_processed: 'neutral',
  awaiting_supplement: 'warn',
};

/**
 * A case state as text in a tinted box; the words carry the meaning, the colour only helps.
 * @property state - the case state, e.g. 'received'
 */
@customElement('state-badge')
export class StateBadge extends LocalizedElement {
  static override styles = css`
    span {
      display: inline-block;
      padding: 0.1rem 0.6rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-weight: 600;
      font-size: 0.9rem;
      color: #0b4f8a;
      background: #eef4fb;
      white-space: nowrap;
    }
    .ok { color: #1d6b34; background: #eaf6ee; }
    .warn { color: #7a4b00; background: #fff4e0; }
    .neutral { color: #3d3d3d; background: #f0f0f0; }
  `;

  @property() state = '';

  override render() {
    return html`<span class=${tone[this.state] ?? 'info'}>${t(`state.${this.state}` as MessageKey)}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'state-badge': StateBadge;
  }
}
