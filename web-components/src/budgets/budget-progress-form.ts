import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ProjectUpdateRequestSchema } from '../../../worker/budgets/schemas';
import { ApiError, api } from '../platform/api-client';
import '../platform/char-counter';
import { checkLocally, lengthLimits, messagesByField, problemMessage } from '../platform/field-messages';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, money, t } from './i18n';
import type { BudgetProject, RoundDetail } from './types';

const STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;

/**
 * Implementation progress of one funded project (staff, after the results): a status, a public
 * note and optionally one photo link with its caption. The proposer and the round's followers
 * are told; the round page shows every update.
 * @fires round-changed - detail: the round after the update
 */
@customElement('budget-progress-form')
export class BudgetProgressForm extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) project!: BudgetProject;
  @property() roundId = '';
  @state() private status: (typeof STATUSES)[number] = 'in_progress';
  @state() private note = '';
  @state() private photoUrl = '';
  @state() private caption = '';
  @state() private errors: Record<string, string> = {};
  @state() private message = '';
  @state() private done = false;
  @state() private busy = false;

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.message = '';
    this.done = false;
    const body = { status: this.status, note: this.note, photos: this.photoUrl.trim() ? [{ url: this.photoUrl.trim(), caption: this.caption }] : [] };
    const checked = checkLocally(ProjectUpdateRequestSchema, body);
    // '/photos/0/url' → 'photos.0.url'.
    this.errors = checked.ok ? {} : messagesByField(checked.errors, { depth: 3 });
    if (!checked.ok) return;
    this.busy = true;
    try {
      const round = await api<RoundDetail>(`/budget-rounds/${this.roundId}/projects/${this.project.id}/updates`, { json: checked.data });
      this.done = true;
      this.note = '';
      this.photoUrl = '';
      this.caption = '';
      this.dispatchEvent(new CustomEvent<RoundDetail>('round-changed', { detail: round, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) {
        this.errors = messagesByField(err.problem.errors ?? [], { depth: 3 });
        this.message = problemMessage(err.problem);
      } else this.message = t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const p = this.project;
    const id = (f: string) => `${f}-${p.id}`;
    const err = (key: string, f: string) => (this.errors[key] ? html`<p class="field-error" id="${id(f)}-error">${this.errors[key]}</p>` : nothing);
    const aria = (key: string, f: string, extra = '') => [this.errors[key] ? `${id(f)}-error` : '', extra].filter(Boolean).join(' ') || nothing;
    const limits = lengthLimits(ProjectUpdateRequestSchema.shape.note);
    const last = p.updates.at(-1);
    return html`<form class="card" @submit=${this.submit} novalidate data-progress=${p.id} aria-labelledby=${id('ptitle')}>
      <h3 id=${id('ptitle')}>${p.title}</h3>
      <p class="muted">${t('cost')} ${money(p.cost ?? 0)}${last ? html` · ${t(`status_${last.status}` as MessageKey)}` : html` · ${t('noUpdates')}`}</p>
      ${this.message ? html`<div class="alert" role="alert">${this.message}</div>` : nothing}
      ${this.done ? html`<p class="notice" role="status">${t('progressSaved')}</p>` : nothing}
      <label for=${id('status')}>${t('f_status')}</label>
      <select id=${id('status')} @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as (typeof STATUSES)[number])}>
        ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${t(`status_${s}` as MessageKey)}</option>`)}
      </select>
      <label for=${id('note')}>${t('f_note')}</label>
      <textarea id=${id('note')} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}
        aria-invalid=${this.errors.note ? 'true' : 'false'} aria-describedby=${aria('note', 'note', `${id('note')}-limits`)}></textarea>
      ${limits ? html`<char-counter for=${id('note')} .value=${this.note} min=${limits.min} max=${limits.max}></char-counter>` : nothing}
      ${err('note', 'note')}
      <label for=${id('photo')}>${t('f_photoUrl')}${t('optional')}</label>
      <input id=${id('photo')} type="url" .value=${this.photoUrl} @input=${(e: Event) => (this.photoUrl = (e.target as HTMLInputElement).value)}
        aria-invalid=${this.errors['photos.0.url'] ? 'true' : 'false'} aria-describedby=${aria('photos.0.url', 'photo')} />
      ${err('photos.0.url', 'photo')}
      <label for=${id('caption')}>${t('f_caption')}${t('optional')}</label>
      <input id=${id('caption')} .value=${this.caption} @input=${(e: Event) => (this.caption = (e.target as HTMLInputElement).value)}
        aria-invalid=${this.errors['photos.0.caption'] ? 'true' : 'false'} aria-describedby=${aria('photos.0.caption', 'caption')} />
      ${err('photos.0.caption', 'caption')}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.busy ? t('saving') : t('postProgress')}</button></div>
      ${this.busy ? html`<progress aria-label=${t('saving')}></progress>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-progress-form': BudgetProgressForm;
  }
}
