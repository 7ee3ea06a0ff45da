import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MessageKey } from './i18n';
import { t } from './i18n';
import { LocalizedElement } from '../platform/localized-element';
import { badgeStyles } from '../platform/styles';

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
  static override styles = badgeStyles;

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
