import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { t } from './i18n';

/**
 * Progress towards the threshold: a labelled progress bar with the count in words beside it
 * (the bar only repeats what the text says).
 * @property count - valid endorsements
 * @property threshold - endorsements needed
 */
@customElement('petition-progress')
export class PetitionProgress extends LocalizedElement {
  static override styles = css`
    :host { display: block; margin: 0.5rem 0; }
    .track { height: 0.75rem; background: #dfe3e8; border-radius: 999px; overflow: hidden; }
    .fill { height: 100%; background: #0b6e3f; }
    p { margin: 0.25rem 0 0; font-weight: 600; }
  `;
  @property({ type: Number }) count = 0;
  @property({ type: Number }) threshold = 1;

  override render() {
    // Integer percent, floored: never 100 % before the threshold is truly reached.
    const pct = this.count >= this.threshold ? 100 : Math.floor((this.count * 100) / Math.max(1, this.threshold));
    const text = t('endorsementsOf', { n: formatNumber(this.count, 0), threshold: formatNumber(this.threshold, 0) });
    return html`<div class="track" role="progressbar" aria-label=${t('progressLabel')} aria-valuemin="0" aria-valuemax=${this.threshold}
        aria-valuenow=${Math.min(this.count, this.threshold)} aria-valuetext=${text}>
        <div class="fill" style="width:${pct}%"></div>
      </div>
      <p data-testid="endorsement-count">${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-progress': PetitionProgress;
  }
}
