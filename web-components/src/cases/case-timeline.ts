import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CaseEvent } from './types';
import type { MessageKey } from './i18n';
import { formatDate, formatInstant, taipeiDate, textLang } from '../platform/i18n';
import { zh } from './messages';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';
import { LocalizedElement } from '../platform/localized-element';

/**
 * A case's timeline, oldest first, with the texts people wrote (replies, supplement requests).
 * @property events - the case's timeline events
 */
@customElement('case-timeline')
export class CaseTimeline extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        border-left: 3px solid var(--civic-primary);
      }
      li {
        padding: 0 0 1rem 1rem;
        position: relative;
      }
      li::before {
        content: '';
        position: absolute;
        left: -0.5rem;
        top: 0.45rem;
        width: 0.7rem;
        height: 0.7rem;
        border-radius: 50%;
        background: var(--civic-primary);
      }
      .who {
        color: var(--civic-muted);
        font-size: 0.9rem;
      }
      blockquote {
        margin: 0.25rem 0 0;
        padding: 0.5rem 0.75rem;
        background: var(--civic-surface);
        border: 1px solid #d0d3d8;
        border-radius: 6px;
        white-space: pre-wrap;
      }
    `,
  ];

  @property({ attribute: false }) events: CaseEvent[] = [];
  /** Agency id → name in the reader's language, to say which agency acted. */
  @property({ attribute: false }) agencyNames: Record<string, string> = {};

  private detail(e: CaseEvent) {
    const text = e.body.message ?? e.body.reason;
    const level = e.body.level;
    const { ackDueAt, resolutionDueAt } = e.body;
    const moved =
      e.type === 'deadlines_moved' && typeof ackDueAt === 'string' && typeof resolutionDueAt === 'string'
        ? html`<div>${t('newDeadlines')}: ${t('ackDue')} ${formatDate(taipeiDate(ackDueAt))} · ${t('resolutionDue')} ${formatDate(taipeiDate(resolutionDueAt))}</div>`
        : '';
    return html`${level !== undefined ? html` (${level}%)` : ''}${moved}${typeof text === 'string' && text && e.type !== 'deadlines_moved' ? html`<blockquote lang=${ifDefined(textLang(text))}>${text}</blockquote>` : ''}`;
  }

  /** Event types from a newer worker than this UI still show, under a generic label. */
  private label(type: string) {
    const key = `event.${type}`;
    return key in zh ? t(key as MessageKey) : `${t('event.other')} (${type})`;
  }

  override render() {
    return html`<ol data-testid="timeline">
      ${this.events.map(
        (e) => html`<li>
          <strong>${this.label(e.type)}</strong>${e.type === 'filed' && e.body.onBehalfOf ? html` · ${t('filedOnBehalf')}` : ''}${this.detail(e)}
          <div class="who">
            <time datetime=${e.occurredAt}>${formatInstant(e.occurredAt)}</time> ·
            ${e.actorRole ? t(`role.${e.actorRole}` as MessageKey) : t('system')}${e.actorAgencyId
              ? html` · <span data-testid="event-agency">${this.agencyNames[e.actorAgencyId] ?? e.actorAgencyId}</span>`
              : ''}
          </div>
        </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'case-timeline': CaseTimeline;
  }
}
