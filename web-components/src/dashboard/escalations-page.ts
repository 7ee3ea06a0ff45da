import { css, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { EscalationAckSchema } from '../../../worker/dashboard/schemas';
import { ApiError, api } from '../platform/api-client';
import type { Agency } from '../platform/api-types';
import type { Escalation, EscalationList } from './types';
import '../platform/due-date';
import { LocalizedElement } from '../platform/localized-element';
import '../cases/contract';
import { formatInstant, locale, taipeiDate, textLang } from '../platform/i18n';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';
import '../platform/char-counter';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';

/**
 * Breached open cases in the viewer's scope (supervisors: their agency; oversight officers: the
 * agencies they oversee), with how far overdue each is, how often it was escalated and the last
 * comment, and a form to acknowledge the breach with a comment.
 */
@customElement('escalations-page')
export class EscalationsPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      li.card h2 {
        margin: 0 0 0.25rem;
        font-size: 1.1rem;
      }
      .overdue {
        color: var(--civic-danger);
      }
      blockquote {
        margin: 0.25rem 0 0;
        padding: 0.25rem 0.75rem;
        border-left: 4px solid var(--civic-border);
        white-space: pre-wrap;
      }
      form {
        margin-top: 0.5rem;
      }
      textarea {
        min-height: 5rem;
      }
    `,
  ];

  @state() private items: Escalation[] | null = null;
  @state() private agencies = new Map<string, Agency>();
  @state() private error = '';
  @state() private forbidden = false;
  @state() private busy = new Set<string>();
  @state() private errors: Record<string, string> = {};
  @state() private status = '';
  @state() private texts: Record<string, string> = {};

  override connectedCallback(): void {
    super.connectedCallback();
    void api<{ items: Agency[] }>('/agencies').then(
      (r) => (this.agencies = new Map(r.items.map((a) => [a.id, a]))),
      () => undefined,
    );
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      this.items = (await api<EscalationList>('/escalations')).items;
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) this.forbidden = true;
      else this.error = err instanceof ApiError && err.status !== 0 ? problemMessage(err.problem) : t('networkError');
    }
  }

  private counter(fieldId: string, id: string) {
    const limits = lengthLimits(EscalationAckSchema.shape.comment);
    return limits ? html`<char-counter for=${fieldId} .value=${this.texts[id] ?? ''} min=${limits.min} max=${limits.max}></char-counter>` : nothing;
  }

  private setBusy(id: string, on: boolean): void {
    const next = new Set(this.busy);
    if (on) next.add(id);
    else next.delete(id);
    this.busy = next;
  }

  private async acknowledge(e: SubmitEvent, id: string): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const parsed = checkLocally(EscalationAckSchema, { comment: String(new FormData(form).get('comment') ?? '') });
    this.status = '';
    if (!parsed.ok) {
      this.errors = { ...this.errors, [id]: messagesByField(parsed.errors).comment ?? t('ackCommentLength') };
      form.querySelector('textarea')?.focus();
      return;
    }
    this.errors = { ...this.errors, [id]: '' };
    this.setBusy(id, true);
    try {
      await api<void>(`/escalations/${encodeURIComponent(id)}/ack`, { json: parsed.data });
      form.reset();
      this.status = t('acknowledged');
      await this.load();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
        // Answered, closed or moved out of scope meanwhile: say so and refresh the list.
        this.status = t('ackGone');
        await this.load();
        return;
      }
      const message =
        err instanceof ApiError && err.status !== 0
          ? (err.fieldErrors().comment ?? problemMessage(err.problem))
          : t('networkError');
      this.errors = { ...this.errors, [id]: message };
    } finally {
      this.setBusy(id, false);
    }
  }

  private agencyName(id: string): string {
    const a = this.agencies.get(id);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : id;
  }

  private renderItem(c: Escalation) {
    const fieldId = `comment-${c.id}`;
    const error = this.errors[c.id];
    const busy = this.busy.has(c.id);
    return html`<li class="card" data-case-id=${c.id}>
      <h2><a href="/cases/${c.id}" lang=${ifDefined(textLang(c.subject))}>${c.subject}</a></h2>
      <p class="muted" style="margin: 0 0 0.5rem">${c.id} · ${this.agencyName(c.agencyId)}</p>
      ${c.ackMissed ? html`<p><strong class="overdue" data-testid="ack-missed">${t('ackMissedBreach')}</strong></p>` : nothing}
      <dl>
        <dt>${t('state')}</dt>
        <dd><state-badge state=${c.state}></state-badge></dd>
        <dt>${t('resolutionDue')}</dt>
        <dd>
          <due-date date=${c.resolutionDueAt ? taipeiDate(c.resolutionDueAt) : ''}></due-date>
          ${c.workingDaysOverdue !== null && c.workingDaysOverdue > 0
            ? html` · <strong class="overdue">${t('workingDaysOverdue', { n: c.workingDaysOverdue })}</strong>`
            : nothing}
        </dd>
        <dt>${t('navEscalations')}</dt>
        <dd>
          ${t('escalationCount', { n: c.escalations })} ·
          ${c.acknowledgedAt
            ? html`<time datetime=${c.acknowledgedAt}>${t('acknowledgedAt', { when: formatInstant(c.acknowledgedAt) })}</time>`
            : html`<strong>${t('notAcknowledged')}</strong>`}
        </dd>
        <dt>${t('lastComment')}</dt>
        <dd>${c.lastComment ? html`<blockquote>${c.lastComment}</blockquote>` : html`<span class="muted">${t('noComment')}</span>`}</dd>
      </dl>
      <form @submit=${(e: SubmitEvent) => this.acknowledge(e, c.id)} novalidate aria-label="${t('ackSubmit')} — ${c.subject}">
        <label for=${fieldId}>${t('ackComment')}</label>
        <p class="hint" id="${fieldId}-hint">${t('ackHint')}</p>
        <textarea id=${fieldId} name="comment" data-testid="ack-comment" required
          @input=${(e: Event) => (this.texts = { ...this.texts, [c.id]: (e.target as HTMLTextAreaElement).value })}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${fieldId}-error ${fieldId}-hint ${fieldId}-limits` : `${fieldId}-hint ${fieldId}-limits`}></textarea>
        ${this.counter(fieldId, c.id)}
        ${error ? html`<p class="field-error" id="${fieldId}-error" role="alert">${error}</p>` : nothing}
        <div class="actions">
          <button type="submit" data-testid="ack-submit" ?disabled=${busy}>${busy ? t('submitting') : t('ackSubmit')}</button>
        </div>
        ${busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
      </form>
    </li>`;
  }

  protected override pageTitle(): string {
    return t('escalationsTitle');
  }

  override render() {
    if (this.forbidden) {
      return html`<h1>${t('escalationsTitle')}</h1>
        <div class="alert" role="alert" data-testid="escalations-forbidden">${t('escalationsForbidden')}</div>
        <p><a href="/">${t('backHome')}</a></p>`;
    }
    return html`<h1>${t('escalationsTitle')}</h1>
      <p>${t('escalationsLead')}</p>
      <div role="status" aria-live="polite">${this.status}</div>
      ${this.error ? html`<div class="alert" role="alert">${this.error} <button class="secondary" type="button" @click=${this.load}>${t('retry')}</button></div>` : nothing}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${this.items
        ? html`<div data-testid="escalations" data-count=${this.items.length}>
            ${this.items.length === 0
              ? html`<p data-testid="escalations-empty">${t('escalationsEmpty')}</p>`
              : html`<ul class="plain">${repeat(this.items, (c) => c.id, (c) => this.renderItem(c))}</ul>`}
          </div>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'escalations-page': EscalationsPage;
  }
}
