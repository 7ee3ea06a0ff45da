import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocalizedElement } from '../platform/localized-element';
import { type MessageKey, t } from './i18n';

const tone: Record<string, string> = { passed: 'ok', responded: 'ok', closed: 'ok', rejected: 'neutral', not_passed: 'neutral', awaiting_response: 'warn' };

/** A petition state as text in a tinted box; the words carry the meaning. */
@customElement('petition-state-badge')
export class PetitionStateBadge extends LocalizedElement {
  static override styles = css`
    span { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 999px; border: 1px solid currentColor; font-weight: 600; font-size: 0.9rem; color: #0b4f8a; background: #eef4fb; white-space: nowrap; }
    .ok { color: #1d6b34; background: #eaf6ee; }
    .warn { color: #7a4b00; background: #fff4e0; }
    .neutral { color: #3d3d3d; background: #f0f0f0; }
    .danger { color: #a4161a; background: #fdecea; }
  `;
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
