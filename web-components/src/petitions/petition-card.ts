import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatDate, taipeiDate } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import './petition-progress';
import './petition-state-badge';
import type { PetitionSummary } from './types';

/** One petition in a list: title, state, progress, days left or the response deadline. */
@customElement('petition-card')
export class PetitionCard extends LocalizedElement {
  static override styles = [sharedStyles, css`h2 { margin: 0 0 0.25rem; font-size: 1.1rem; } p { margin: 0.25rem 0; }`];
  @property({ attribute: false }) petition?: PetitionSummary;

  override render() {
    const p = this.petition;
    if (!p) return nothing;
    const daysLeft = p.state === 'open' && p.windowEndsAt ? Math.max(0, Math.ceil((Date.parse(p.windowEndsAt) - Date.now()) / 86_400_000)) : null;
    return html`<article class="card" data-petition-id=${p.id}>
      <h2><a href="/petitions/${p.id}">${p.title}</a></h2>
      <petition-state-badge state=${p.state} ?overdue=${p.responseOverdue}></petition-state-badge>
      <p>${p.summary}</p>
      <petition-progress .count=${p.endorsements} .threshold=${p.threshold}></petition-progress>
      ${daysLeft !== null ? html`<p class="muted">${t('daysLeft', { n: daysLeft })}</p>` : nothing}
      ${p.responseDueAt ? html`<p class="muted">${t('responseDue')}：${formatDate(taipeiDate(p.responseDueAt))}${p.extended ? ` · ${t('extendedBadge')}` : ''}</p>` : nothing}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-card': PetitionCard;
  }
}
