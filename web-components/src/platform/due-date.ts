import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { daysUntil, formatDate, t } from './i18n';
import { LocalizedElement } from './localized-element';

/**
 * A due date with the days left or overdue, in words (not colour alone).
 * @property date - YYYY-MM-DD, or empty while being computed
 * @property countdown - also say how many days are left
 */
@customElement('due-date')
export class DueDate extends LocalizedElement {
  // Light DOM: the date is part of the surrounding text (and of its textContent).
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  @property() date = '';
  @property({ type: Boolean }) countdown = false;

  override render() {
    if (!this.date) return html`<span>${t('beingComputed')}</span>`;
    const n = daysUntil(this.date);
    const left = n > 0 ? t('daysLeft', { n }) : n === 0 ? t('dueToday') : t('daysOverdue', { n: -n });
    return html`<time datetime=${this.date}>${formatDate(this.date)}</time>${this.countdown ? html` · <strong>${left}</strong>` : ''}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'due-date': DueDate;
  }
}
