import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import './diff-text';
import { type MessageKey, t } from './i18n';
import { problemText } from './problem-text';
import type { CommentView, ComparisonRow } from './types';

/**
 * One comment with what it targets (article, quoted passage, proposed wording as a diff), its
 * supports, replies and, once published, the agency's answer. Bodies are rendered as text, so
 * HTML or script in a comment stays inert. Fires `changed` after an action.
 */
@customElement('consultation-comment-item')
export class ConsultationCommentItem extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      blockquote {
        margin: 0.5rem 0;
        padding: 0.25rem 0.75rem;
        border-left: 4px solid var(--civic-border);
      }
      .answer {
        border-left: 4px solid #1d6b34;
        padding: 0.25rem 0.75rem;
        background: #f3faf5;
      }
      .replies {
        margin-left: 1rem;
        border-left: 2px solid var(--civic-border);
        padding-left: 0.75rem;
      }
    `,
  ];

  @property({ attribute: false }) comment!: CommentView;
  @property({ attribute: false }) replies: CommentView[] = [];
  @property({ attribute: false }) draftRow?: ComparisonRow;
  @property({ attribute: 'consultation-id' }) consultationId = '';
  @property({ type: Boolean, attribute: 'can-act' }) canAct = false;
  @property({ type: Boolean, attribute: 'can-report' }) canReport = false;
  @state() private reply = '';
  @state() private message = '';

  private async act(path: string, json: unknown): Promise<void> {
    this.message = '';
    try {
      await api(`/consultations/${this.consultationId}/comments/${this.comment.id}/${path}`, { json });
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true, composed: true }));
      if (path === 'report') this.message = t('reported');
      if (path === 'replies') this.reply = '';
    } catch (e) {
      this.message = problemText(e);
    }
  }

  private renderBody(k: CommentView) {
    if (k.moderation === 'removed') return html`<p class="muted">${t('removedComment', { reason: k.moderationReason ?? '' })}</p>`;
    if (k.moderation === 'hidden' && !k.body) return html`<p class="muted">${t('hiddenComment')}</p>`;
    return html`<p class="body">${k.body}</p>`;
  }

  override render() {
    const k = this.comment;
    const replyId = `reply-${k.id}`;
    return html`<article class="card" data-comment-id=${k.id}>
      <p class="muted">
        ${k.articleLabel ? t('onArticle', { label: k.articleLabel }) : t('onWholeDraft')}
        ・${formatInstant(k.submittedAt)}${k.authorName ? html`・${k.authorName}` : nothing}
      </p>
      ${k.passage ? html`<blockquote><span class="visually-hidden">${t('quoted')}：</span>${k.passage.text}</blockquote>` : nothing}
      ${this.renderBody(k)}
      ${k.proposedChanges
        ? html`<p><strong>${t('proposal')}</strong></p><diff-text data-testid="comment-proposal" .segments=${k.proposedChanges} show="both"></diff-text>`
        : nothing}
      ${k.disposition
        ? html`<div class="answer" data-testid="disposition">
            <p><strong>${t('disposition')}：${t(`outcome.${k.disposition.outcome}` as MessageKey)}</strong></p>
            <p class="body">${k.disposition.reason}</p>
            ${k.disposition.groupSize > 1 ? html`<p class="muted">${t('groupedAnswer', { n: k.disposition.groupSize - 1 })}</p>` : nothing}
          </div>`
        : nothing}
      <div class="actions">
        <span class="muted">${t('supportsCount', { n: k.supports })}</span>
        ${this.canAct && !k.mine && k.moderation === 'visible'
          ? html`<button class="secondary" aria-pressed=${k.supportedByMe ? 'true' : 'false'} ?disabled=${k.supportedByMe}
              @click=${() => this.act('support', {})}>${k.supportedByMe ? t('supported') : t('support')}</button>`
          : nothing}
        ${this.canReport && !k.mine && k.moderation === 'visible'
          ? html`<button class="secondary" @click=${() => this.act('report', {})}>${t('reportAbuse')}</button>`
          : nothing}
      </div>
      ${this.replies.length
        ? html`<div class="replies">
            ${this.replies.map(
              (r) => html`<div data-comment-id=${r.id}>
                <p class="muted">${formatInstant(r.submittedAt)}${r.authorName ? html`・${r.authorName}` : nothing}</p>
                ${this.renderBody(r)}
              </div>`,
            )}
          </div>`
        : nothing}
      ${this.canAct && k.moderation === 'visible'
        ? html`<details>
            <summary>${t('reply')}</summary>
            <label for=${replyId}>${t('reply')}</label>
            <textarea id=${replyId} maxlength="5000" .value=${this.reply} @input=${(e: Event) => (this.reply = (e.target as HTMLTextAreaElement).value)}></textarea>
            <button @click=${() => this.act('replies', { body: this.reply })}>${t('replySubmit')}</button>
          </details>`
        : nothing}
      <p role="status">${this.message}</p>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-comment-item': ConsultationCommentItem;
  }
}
