import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocalizedElement } from '../platform/localized-element';
import { badgeStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';

const tone: Record<string, string> = { open: 'ok', reported: 'ok', closed: 'warn', draft: 'neutral' };

/** A consultation's state as words in a tinted box (the colour only helps). */
@customElement('consultation-state-badge')
export class ConsultationStateBadge extends LocalizedElement {
  static override styles = badgeStyles;

  @property() state = '';
  @property({ type: Boolean }) overdue = false;

  override render() {
    return html`<span class=${tone[this.state] ?? 'info'}>${t(`state.${this.state}` as MessageKey)}</span>${this.overdue
        ? html` <span class="danger">${t('overdueFlag')}</span>`
        : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-state-badge': ConsultationStateBadge;
  }
}
