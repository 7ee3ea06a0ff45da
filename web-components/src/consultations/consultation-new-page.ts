import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, type FieldError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { navigate } from '../platform/navigation';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import { zh } from './messages';
import { problemText } from './problem-text';
import type { ConsultationDetail } from './types';

interface DraftProblem {
  line: number;
  message: string;
}

/** An officer prepares a consultation: the notice, the draft (imported from text or Markdown) and the periods. */
@customElement('consultation-new-page')
export class ConsultationNewPage extends LocalizedElement {
  static override styles = sharedStyles;

  @state() private values: Record<string, string> = { identityLevel: 'email_verified', commentDays: '60', responsePeriod: '30d' };
  @state() private errors: Record<string, string> = {};
  @state() private draftProblems: DraftProblem[] = [];
  @state() private sending = false;

  private field(name: string, label: string, opts: { multiline?: boolean; hint?: string } = {}) {
    const err = this.errors[name];
    const hintId = opts.hint ? `${name}-hint` : undefined;
    const onInput = (e: Event) => (this.values = { ...this.values, [name]: (e.target as HTMLInputElement).value });
    return html`<label for=${name}>${label}</label>
      ${opts.hint ? html`<p class="hint" id=${hintId!}>${opts.hint}</p>` : nothing}
      ${opts.multiline
        ? html`<textarea id=${name} aria-describedby=${hintId ?? nothing} aria-invalid=${err ? 'true' : 'false'} .value=${this.values[name] ?? ''} @input=${onInput}></textarea>`
        : html`<input id=${name} aria-describedby=${hintId ?? nothing} aria-invalid=${err ? 'true' : 'false'} .value=${this.values[name] ?? ''} @input=${onInput} />`}
      ${err ? html`<p class="field-error">${err}</p>` : nothing}`;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    this.errors = {};
    this.draftProblems = [];
    this.sending = true;
    const v = this.values;
    const json: Record<string, unknown> = {
      title: v.title ?? '',
      legalBasis: v.legalBasis ?? '',
      summary: v.summary ?? '',
      contact: v.contact ?? '',
      draft: v.draft ?? '',
      identityLevel: v.identityLevel,
      commentPeriod: `${v.commentDays || '60'}d`,
      responsePeriod: v.responsePeriod || '30d',
      ...(v.urgencyReason?.trim() ? { urgencyReason: v.urgencyReason } : {}),
      // Metadata only: the files themselves are published elsewhere.
      attachments: (v.attachments ?? '')
        .split('\n')
        .map((line) => line.split('|').map((part) => part.trim()))
        .filter(([name, url]) => name && url)
        .map(([name, url]) => ({ name, url })),
    };
    try {
      const created = await api<ConsultationDetail>('/consultations', { json });
      navigate(`/consultations/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors();
        if (fields.commentPeriod) fields.commentDays = fields.commentPeriod;
        // Each invalid field is marked; the words come from the problem type, not the English detail.
        const hints: Record<string, string> = { urgencyReason: t('urgencyHint'), commentDays: t('periodDays') };
        this.errors = Object.keys(fields).length
          ? Object.fromEntries(Object.keys(fields).map((k) => [k, hints[k] ?? t('checkField')]))
          : { title: problemText(err) };
        // One field error per failing line of the draft, with its stable code and line.
        this.draftProblems = ((err.problem.errors ?? []) as (FieldError & { code?: string; line?: number })[])
          .filter((f) => f.pointer === '/draft' && f.line !== undefined)
          .map((f) => {
            const key = `draftError.${f.code ?? ''}`;
            return { line: f.line!, message: key in zh ? t(key as MessageKey) : f.detail };
          });
        if (this.draftProblems.length) this.errors = { ...this.errors, draft: t('draftProblems') };
      } else this.errors = { title: problemText(err) };
    } finally {
      this.sending = false;
    }
  }

  override render() {
    return html`<h1>${t('newTitle')}</h1>
      <p>${t('draftNotice')}</p>
      <form @submit=${this.submit} novalidate>
        ${this.field('title', t('title'))} ${this.field('legalBasis', t('legalBasis'))}
        ${this.field('summary', t('summary'), { multiline: true })} ${this.field('contact', t('contact'))}
        ${this.field('draft', t('draftSource'), { multiline: true, hint: t('draftSourceHint') })}
        ${this.draftProblems.length
          ? html`<div class="alert" role="alert" data-testid="draft-problems">
              <p>${t('draftProblems')}</p>
              <ul>${this.draftProblems.map((p) => html`<li>${t('lineN', { line: p.line })}：${p.message}</li>`)}</ul>
            </div>`
          : nothing}
        ${this.field('attachments', t('attachmentsInput'), { multiline: true, hint: t('attachmentsHint') })}
        ${this.field('commentDays', t('periodDays'))} ${this.field('urgencyReason', t('urgencyReason'), { hint: t('urgencyHint') })}
        ${this.field('responsePeriod', t('responsePeriod'))}
        <label for="identityLevel">${t('identityLevel')}</label>
        <select id="identityLevel" @change=${(e: Event) => (this.values = { ...this.values, identityLevel: (e.target as HTMLSelectElement).value })}>
          <option value="email_verified">${t('identityEmail')}</option>
          <option value="account">${t('identityAccount')}</option>
        </select>
        <div class="actions"><button type="submit" ?disabled=${this.sending}>${this.sending ? t('submitting') : t('createDraft')}</button></div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-new-page': ConsultationNewPage;
  }
}
