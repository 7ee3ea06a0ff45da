import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocalizedElement } from '../platform/localized-element';
import { badgeStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';

const tone: Record<string, string> = { passed: 'ok', responded: 'ok', closed: 'ok', rejected: 'neutral', not_passed: 'neutral', awaiting_response: 'warn' };

/** A petition state as text in a tinted box; the words carry the meaning. */
@customElement('petition-state-badge')
export class PetitionStateBadge extends LocalizedElement {
  static override styles = badgeStyles;
  @property() state = '';
  @property({ type: Boolean }) overdue = false;

  override render() {
    return html`<span class=${tone[this.state] ?? 'info'}>${t(`state.${this.state}` as MessageKey)}</span>${this.overdue
        ? html` <span class="danger">${t('overdueBadge')}</span>`
        : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-state-badge': PetitionStateBadge;
  }
}
