import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { navigate } from '../platform/navigation';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import { problemText } from './problem-text';
import type { CommentView, ConsultationDetail, Progress } from './types';

const outcomes = ['adopted', 'partly_adopted', 'not_adopted', 'out_of_scope'] as const;

/**
 * The agency's disposition workspace: progress n of m (per article), the comments still without an
 * answer (select one or a group, choose the outcome, give the reason), identical comments to
 * answer together, the moderation queue, and the report publication, refused while incomplete.
 */
@customElement('consultation-workspace-page')
export class ConsultationWorkspacePage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .item {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .item input {
        width: auto;
        margin-top: 0.3rem;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      progress {
        width: 100%;
      }
    `,
  ];

  @property({ attribute: false }) location?: { params: Record<string, string | string[]> };
  @state() private c: ConsultationDetail | null = null;
  @state() private progress: Progress | null = null;
  @state() private comments: CommentView[] = [];
  @state() private selected = new Set<string>();
  @state() private outcome: (typeof outcomes)[number] = 'adopted';
  @state() private reason = '';
  @state() private finalText = '';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private error = '';
  @state() private moderationReason: Record<string, string> = {};

  private get consultationId(): string {
    return String(this.location?.params.id ?? '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [c, list, progress] = await Promise.all([
        api<ConsultationDetail>(`/consultations/${this.consultationId}`),
        api<{ items: CommentView[] }>(`/consultations/${this.consultationId}/comments`),
        api<Progress>(`/consultations/${this.consultationId}/progress`),
      ]);
      this.c = c;
      this.comments = list.items;
      this.progress = progress;
    } catch (e) {
      this.error = e instanceof ApiError && e.status === 404 ? t('notFoundBody') : problemText(e);
    }
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private async answer(e: Event): Promise<void> {
    e.preventDefault();
    this.errors = {};
    this.message = '';
    try {
      this.progress = await api<Progress>(`/consultations/${this.consultationId}/dispositions`, {
        json: { outcome: this.outcome, reason: this.reason, commentIds: [...this.selected] },
      });
      this.selected = new Set();
      this.reason = '';
      this.comments = (await api<{ items: CommentView[] }>(`/consultations/${this.consultationId}/comments`)).items;
      this.message = t('progress', { answered: this.progress.answered, total: this.progress.total });
    } catch (err) {
      const field = err instanceof ApiError ? Object.keys(err.fieldErrors())[0] : undefined;
      this.errors = { reason: field === 'reason' ? t('reasonHint') : problemText(err) };
    }
  }

  private async moderate(commentId: string, action: 'restore' | 'remove'): Promise<void> {
    try {
      await api(`/consultations/${this.consultationId}/comments/${commentId}/moderation`, { json: { action, reason: this.moderationReason[commentId] ?? '' } });
      await this.load();
    } catch (err) {
      this.errors = { moderation: problemText(err) };
    }
  }

  private async publishReport(): Promise<void> {
    this.errors = {};
    try {
      await api(`/consultations/${this.consultationId}/report`, { json: this.finalText.trim() ? { finalText: this.finalText } : {} });
      navigate(`/consultations/${this.consultationId}/report`);
    } catch (err) {
      this.errors = { report: problemText(err) };
    }
  }

  override render() {
    if (this.error) return html`<div class="alert" role="alert">${this.error}</div>`;
    const c = this.c;
    const p = this.progress;
    if (!c || !p) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    const open = this.comments.filter((k) => k.parentId === null && k.moderation === 'visible' && k.disposition === null);
    const answered = this.comments.filter((k) => k.parentId === null && k.disposition !== null);
    const hidden = this.comments.filter((k) => k.moderation === 'hidden');
    const closed = c.state === 'closed';
    return html`
      <h1>${t('workspace')}</h1>
      <p><a href="/consultations/${c.id}">${c.title}</a></p>
      <p>${t('workspaceLead')}</p>
      <h2 id="progress-heading">${t('progress', { answered: p.answered, total: p.total })}</h2>
      <progress aria-labelledby="progress-heading" max=${Math.max(p.total, 1)} .value=${p.answered} data-testid="progress"></progress>
      <table>
        <caption>${t('perArticle')}</caption>
        <thead><tr><th scope="col">${t('target')}</th><th scope="col">${t('answeredCol')}</th></tr></thead>
        <tbody>
          ${p.perArticle.map(
            (a) => html`<tr data-article=${a.article ?? 'general'}>
              <td>${a.label ?? t('generalComments')}</td>
              <td>
                ${a.answered} / ${a.total}
                <progress max=${a.total} .value=${a.answered} aria-label="${a.label ?? t('generalComments')} ${a.answered} / ${a.total}"></progress>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>

      ${hidden.length
        ? html`<h2>${t('moderationQueue')}</h2>
            ${hidden.map(
              (k) => html`<div class="card" data-comment-id=${k.id}>
                <p class="body">${k.body}</p>
                <label for="mod-${k.id}">${t('moderationReason')}</label>
                <input id="mod-${k.id}" .value=${this.moderationReason[k.id] ?? ''}
                  @input=${(e: Event) => (this.moderationReason = { ...this.moderationReason, [k.id]: (e.target as HTMLInputElement).value })} />
                <div class="actions">
                  <button class="secondary" @click=${() => this.moderate(k.id, 'restore')}>${t('restore')}</button>
                  <button class="secondary" @click=${() => this.moderate(k.id, 'remove')}>${t('remove')}</button>
                </div>
              </div>`,
            )}
            ${this.errors.moderation ? html`<p class="field-error" role="alert">${this.errors.moderation}</p>` : nothing}`
        : nothing}

      ${closed && p.suggestedGroups.length
        ? html`<h2>${t('suggestedGroups')}</h2>
            ${p.suggestedGroups.map(
              (g) => html`<p>${g.length} ・ <button class="secondary" @click=${() => (this.selected = new Set(g))}>${t('selectGroup')}</button></p>`,
            )}`
        : nothing}

      <h2>${t('unanswered')}</h2>
      ${open.length === 0 ? html`<p>${t('allAnswered')}</p>` : nothing}
      ${closed && open.length
        ? html`<form class="card" @submit=${this.answer} novalidate>
            <fieldset style="border:0;padding:0;margin:0">
              <legend class="visually-hidden">${t('selectForAnswer')}</legend>
              ${open.map(
                (k) => html`<div class="item" data-comment-id=${k.id}>
                  <input type="checkbox" id="pick-${k.id}" .checked=${this.selected.has(k.id)}
                    @change=${(e: Event) => this.toggle(k.id, (e.target as HTMLInputElement).checked)} />
                  <label for="pick-${k.id}" style="font-weight:normal;margin:0">
                    <strong>${k.articleLabel ?? t('generalComments')}</strong>${k.passage ? html`「${k.passage.text}」` : nothing}
                    <span class="body">${k.body}</span>
                  </label>
                </div>`,
              )}
            </fieldset>
            <label for="outcome">${t('outcome')}</label>
            <select id="outcome" .value=${this.outcome} @change=${(e: Event) => (this.outcome = (e.target as HTMLSelectElement).value as (typeof outcomes)[number])}>
              ${outcomes.map((o) => html`<option value=${o} ?selected=${o === this.outcome}>${t(`outcome.${o}` as MessageKey)}</option>`)}
            </select>
            <label for="reason">${t('reason')}</label>
            <p class="hint" id="reason-hint">${t('reasonHint')}</p>
            <textarea id="reason" aria-describedby="reason-hint" .value=${this.reason} aria-invalid=${this.errors.reason ? 'true' : 'false'}
              @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
            ${this.errors.reason || this.errors.commentIds
              ? html`<p class="field-error" role="alert">${this.errors.reason ?? this.errors.commentIds}</p>`
              : nothing}
            <div class="actions">
              <button type="submit" data-testid="answer" ?disabled=${this.selected.size === 0}>${t('answerSelected', { n: this.selected.size })}</button>
            </div>
          </form>`
        : nothing}
      <p role="status">${this.message}</p>

      ${answered.length
        ? html`<details><summary>${t('disposition')} (${answered.length})</summary>
            ${answered.map(
              (k) => html`<p data-comment-id=${k.id}><strong>${t(`outcome.${k.disposition!.outcome}` as MessageKey)}</strong>
                ${k.articleLabel ?? t('generalComments')}：<span class="body">${k.body}</span></p>`,
            )}
          </details>`
        : nothing}

      ${closed
        ? html`<h2>${t('publishReport')}</h2>
            ${!p.canPublish ? html`<p class="notice">${t('reportBlocked', { missing: p.missingDisposition.length, pending: p.pendingModeration.length })}</p>` : nothing}
            <label for="final">${t('finalText')}</label>
            <p class="hint" id="final-hint">${t('finalTextHint')}</p>
            <textarea id="final" aria-describedby="final-hint" .value=${this.finalText} @input=${(e: Event) => (this.finalText = (e.target as HTMLTextAreaElement).value)}></textarea>
            ${this.errors.report ? html`<p class="field-error" role="alert">${this.errors.report}</p>` : nothing}
            <div class="actions">
              <button data-testid="publish-report" ?disabled=${!p.canPublish} @click=${this.publishReport}>${t('publishReport')}</button>
            </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-workspace-page': ConsultationWorkspacePage;
  }
}
