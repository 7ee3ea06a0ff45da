import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { diffText } from '../../../domain/consultations';
import { ApiError, api } from '../platform/api-client';
import type { User } from '../platform/api-types';
import { formatInstant, locale } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { navigate } from '../platform/navigation';
import { loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import './consultation-comment-item';
import './consultation-state-badge';
import './diff-text';
import { t } from './i18n';
import { problemText } from './problem-text';
import type { CommentView, ComparisonRow, ConsultationDetail } from './types';

/**
 * One consultation: the notice (行政程序法 Art. 154), the draft as a 條文對照表 with the changes
 * marked, the comment form (whole draft, an article, a quoted passage, alternative wording shown
 * as a diff) and the comments with their replies and, once published, the agency's answers.
 */
@customElement('consultation-page')
export class ConsultationPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      table.compare td,
      table.compare th {
        vertical-align: top;
      }
      table.compare th[scope='row'] {
        white-space: nowrap;
      }
      .status {
        font-weight: 600;
        color: #0b4f8a;
      }
      .preview {
        border: 1px dashed var(--civic-border);
        padding: 0.5rem;
        border-radius: 6px;
      }
      @media (max-width: 640px) {
        table.compare,
        table.compare tbody,
        table.compare tr,
        table.compare td,
        table.compare th {
          display: block;
          width: auto;
        }
        table.compare thead {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip: rect(0 0 0 0);
        }
        table.compare td::before {
          content: attr(data-label);
          display: block;
          font-weight: 600;
          color: var(--civic-muted);
        }
        table.compare tr {
          border-top: 2px solid var(--civic-border);
          padding: 0.5rem 0;
        }
      }
    `,
  ];

  @property({ attribute: false }) location?: { params: Record<string, string | string[]> };
  @state() private c: ConsultationDetail | null = null;
  @state() private comments: CommentView[] = [];
  @state() private user: User | null = null;
  @state() private error = '';
  @state() private target = '';
  @state() private quote = '';
  @state() private proposing = false;
  @state() private proposed = '';
  @state() private body = '';
  @state() private fieldErrors: Record<string, string> = {};
  @state() private formMessage = '';
  @state() private sending = false;

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
      this.user = await loadSession().catch(() => null);
      const [c, list] = await Promise.all([
        api<ConsultationDetail>(`/consultations/${this.consultationId}`),
        api<{ items: CommentView[] }>(`/consultations/${this.consultationId}/comments`),
      ]);
      this.c = c;
      this.comments = list.items;
    } catch (e) {
      this.error = e instanceof ApiError && e.status === 404 ? t('notFoundBody') : t('networkError');
    }
  }

  private row(): ComparisonRow | undefined {
    return this.c?.table.find((r) => r.number === this.target);
  }

  private chooseArticle(number: string): void {
    this.target = number;
    this.quote = '';
    this.proposing = false;
    this.proposed = this.row()?.amended ?? '';
    const form = this.renderRoot.querySelector<HTMLElement>('#comment-form');
    form?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    this.renderRoot.querySelector<HTMLTextAreaElement>('#comment-body')?.focus();
  }

  private useSelection(): void {
    const root = this.renderRoot as ShadowRoot & { getSelection?: () => Selection | null };
    const text = (root.getSelection?.() ?? document.getSelection())?.toString().trim() ?? '';
    if (text) this.quote = text;
  }

  private async send(e: Event): Promise<void> {
    e.preventDefault();
    this.fieldErrors = {};
    this.formMessage = '';
    this.sending = true;
    const json: Record<string, unknown> = { body: this.body };
    if (this.target) {
      json.article = this.target;
      if (this.quote.trim()) json.passage = { quote: this.quote.trim() };
      if (this.proposing && this.proposed !== this.row()?.amended) json.proposedText = this.proposed;
    }
    try {
      await api(`/consultations/${this.consultationId}/comments`, { json });
      this.body = '';
      this.quote = '';
      this.proposing = false;
      this.formMessage = t('commentSent');
      this.comments = (await api<{ items: CommentView[] }>(`/consultations/${this.consultationId}/comments`)).items;
    } catch (err) {
      // The field the problem points at, described in the reader's language.
      const field = err instanceof ApiError ? (Object.keys(err.fieldErrors())[0] ?? 'body') : 'body';
      this.fieldErrors = { [field === 'article' || field === 'passage' ? field : 'body']: problemText(err) };
    } finally {
      this.sending = false;
    }
  }

  private async toggleFollow(): Promise<void> {
    if (!this.c) return;
    this.c = await api<ConsultationDetail>(`/consultations/${this.consultationId}/follow`, { method: 'PUT', json: { follow: !this.c.following } });
  }

  private async publish(): Promise<void> {
    try {
      this.c = await api<ConsultationDetail>(`/consultations/${this.consultationId}/publish`, { json: {} });
    } catch (err) {
      this.error = problemText(err);
    }
  }

  private renderNotice(c: ConsultationDetail) {
    return html`<dl>
      <dt>${t('issuingAgency')}</dt>
      <dd>${locale() === 'en' ? c.agencyNameEn : c.agencyNameZh}</dd>
      <dt>${t('legalBasis')}</dt>
      <dd>${c.legalBasis}</dd>
      ${c.opensAt && c.closesAt
        ? html`<dt>${t('commentPeriod')}</dt>
            <dd data-testid="period">${t('periodUntil', { from: formatInstant(c.opensAt), to: formatInstant(c.closesAt) })}</dd>`
        : nothing}
      ${c.urgencyReason ? html`<dt>${t('urgencyReason')}</dt><dd>${c.urgencyReason}</dd>` : nothing}
      ${c.responseDueAt ? html`<dt>${t('responseDue')}</dt><dd>${formatInstant(c.responseDueAt)}</dd>` : nothing}
      <dt>${t('contact')}</dt>
      <dd>${c.contact}</dd>
      ${c.attachments.length
        ? html`<dt>${t('attachments')}</dt>
            <dd>${c.attachments.map((a) => html`<a href=${a.url} rel="noopener">${a.name}</a> `)}</dd>`
        : nothing}
    </dl>
    <h2>${t('summary')}</h2>
    <p style="white-space: pre-wrap">${c.summary}</p>
    ${c.generalExplanation ? html`<details><summary>${t('generalExplanation')}</summary><p style="white-space: pre-wrap">${c.generalExplanation}</p></details>` : nothing}`;
  }

  private statusLabel(r: ComparisonRow) {
    if (r.status === 'new') return html`<span class="status">（${t('statusNew')}）</span>`;
    if (r.status === 'deleted') return html`<span class="status">（${t('statusDeleted')}）</span>`;
    if (r.status === 'unchanged') return html`<span class="status">（${t('statusUnchanged')}）</span>`;
    return nothing;
  }

  private renderTable(c: ConsultationDetail) {
    const amendment = c.draftKind === 'amendment';
    const canComment = c.state === 'open' && this.user?.role === 'citizen';
    return html`<h2 id="table-heading">${t('comparisonTable')}</h2>
      <table class="compare" aria-labelledby="table-heading" data-testid="comparison-table">
        <thead>
          <tr>
            <th scope="col">${t('state')}</th>
            <th scope="col">${amendment ? t('colAmended') : t('colText')}</th>
            ${amendment ? html`<th scope="col">${t('colCurrent')}</th>` : nothing}
            <th scope="col">${t('colExplanation')}</th>
          </tr>
        </thead>
        <tbody>
          ${c.table.map(
            (r) => html`<tr id=${r.anchor} data-article=${r.number}>
              <th scope="row">${r.label}${r.title ? html`<br /><span class="muted">（${r.title}）</span>` : nothing}<br />${this.statusLabel(r)}
                ${canComment
                  ? html`<br /><button class="secondary" data-testid="comment-on-${r.number}" @click=${() => this.chooseArticle(r.number)}>
                        ${t('commentOnArticle', { label: r.label })}</button>`
                  : nothing}</th>
              <td data-label=${amendment ? t('colAmended') : t('colText')}><diff-text .segments=${r.changes} show="new"></diff-text></td>
              ${amendment
                ? html`<td data-label=${t('colCurrent')}>${r.current === null ? html`<span class="muted">—</span>` : html`<diff-text .segments=${r.changes} show="old"></diff-text>`}</td>`
                : nothing}
              <td data-label=${t('colExplanation')} style="white-space: pre-wrap">${r.explanation ?? ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>`;
  }

  private renderForm(c: ConsultationDetail) {
    if (c.state === 'scheduled') return html`<p class="notice">${t('notOpenYet')}</p>`;
    if (c.state !== 'open') return html`<p class="notice" data-testid="closed-notice">${t('closedNotice')}</p>`;
    if (!this.user) return html`<p class="notice"><a href="/login">${t('signInToComment')}</a></p>`;
    if (this.user.role !== 'citizen') return nothing;
    const row = this.row();
    return html`<form id="comment-form" class="card" @submit=${this.send} novalidate>
      <h2>${t('commentTitle')}</h2>
      <label for="target">${t('target')}</label>
      <select id="target" .value=${this.target} @change=${(e: Event) => this.chooseArticle((e.target as HTMLSelectElement).value)}>
        <option value="">${t('wholeDraft')}</option>
        ${c.table.map((r) => html`<option value=${r.number} ?selected=${r.number === this.target}>${r.label}</option>`)}
      </select>
      ${this.fieldErrors.article ? html`<p class="field-error">${this.fieldErrors.article}</p>` : nothing}
      ${row
        ? html`<label for="quote">${t('passage')}</label>
            <p class="hint" id="quote-hint">${t('passageHint')}</p>
            <input id="quote" aria-describedby="quote-hint" .value=${this.quote} aria-invalid=${this.fieldErrors.passage ? 'true' : 'false'}
              @input=${(e: Event) => (this.quote = (e.target as HTMLInputElement).value)} />
            <button type="button" class="secondary" @click=${this.useSelection}>${t('useSelection')}</button>
            ${this.fieldErrors.passage ? html`<p class="field-error">${this.fieldErrors.passage}</p>` : nothing}
            <p>
              <input type="checkbox" id="propose" style="width:auto" .checked=${this.proposing}
                @change=${(e: Event) => {
                  this.proposing = (e.target as HTMLInputElement).checked;
                  if (this.proposing && !this.proposed) this.proposed = row.amended;
                }} />
              <label for="propose" style="display:inline">${t('proposeWording')}</label>
            </p>
            ${this.proposing
              ? html`<p class="hint" id="proposed-hint">${t('proposeWordingHint')}</p>
                  <textarea id="proposed" aria-label=${t('proposeWording')} aria-describedby="proposed-hint" .value=${this.proposed}
                    @input=${(e: Event) => (this.proposed = (e.target as HTMLTextAreaElement).value)}></textarea>
                  <p><strong>${t('yourDiff')}</strong></p>
                  <diff-text class="preview" data-testid="proposal-preview" .segments=${diffText(row.amended, this.proposed)} show="both"></diff-text>`
              : nothing}`
        : nothing}
      <label for="comment-body">${t('commentBody')}</label>
      <p class="hint" id="body-hint">${t('commentBodyHint')}</p>
      <textarea id="comment-body" aria-describedby="body-hint" maxlength="5000" .value=${this.body}
        aria-invalid=${this.fieldErrors.body ? 'true' : 'false'} @input=${(e: Event) => (this.body = (e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.fieldErrors.body ? html`<p class="field-error" role="alert">${this.fieldErrors.body}</p>` : nothing}
      <div class="actions">
        <button type="submit" data-testid="submit-comment" ?disabled=${this.sending}>${this.sending ? t('submitting') : t('submitComment')}</button>
      </div>
      <p role="status">${this.formMessage}</p>
    </form>`;
  }

  override render() {
    if (this.error) return html`<div class="alert" role="alert">${this.error} <button class="secondary" @click=${this.load}>${t('retry')}</button></div>`;
    const c = this.c;
    if (!c) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    const staff = (this.user?.role === 'officer' || this.user?.role === 'supervisor') && this.user.agencyId === c.agencyId;
    const top = this.comments.filter((k) => k.parentId === null);
    return html`
      <h1>${c.title}</h1>
      <p><consultation-state-badge state=${c.state} ?overdue=${c.overdue}></consultation-state-badge></p>
      ${c.state === 'draft' && staff
        ? html`<div class="notice"><p>${t('draftNotice')}</p><button data-testid="publish" @click=${this.publish}>${t('publish')}</button></div>`
        : nothing}
      <div class="actions">
        ${this.user && c.state !== 'draft'
          ? html`<button class="secondary" data-testid="follow" aria-pressed=${c.following ? 'true' : 'false'} @click=${this.toggleFollow}>
              ${c.following ? t('unfollow') : t('follow')}</button>`
          : nothing}
        ${c.state === 'reported' ? html`<a href="/consultations/${c.id}/report" data-testid="report-link">${t('openReport')}</a>` : nothing}
        ${staff && c.state !== 'draft'
          ? html`<a href="/consultations/${c.id}/workspace" @click=${(e: Event) => {
              e.preventDefault();
              navigate(`/consultations/${c.id}/workspace`);
            }}>${t('openWorkspace')}</a>`
          : nothing}
      </div>
      ${this.user && c.state !== 'draft' ? html`<p class="hint">${t('followingHint')}</p>` : nothing}
      ${this.renderNotice(c)} ${this.renderTable(c)} ${this.renderForm(c)}
      <h2>${t('comments')}</h2>
      ${top.length === 0 ? html`<p>${t('noComments')}</p>` : nothing}
      ${top.map(
        (k) => html`<consultation-comment-item
          .comment=${k}
          .replies=${this.comments.filter((r) => r.parentId === k.id)}
          .draftRow=${c.table.find((r) => r.number === k.article)}
          consultation-id=${c.id}
          ?can-act=${c.state === 'open' && this.user?.role === 'citizen'}
          ?can-report=${this.user?.role === 'citizen'}
          @changed=${this.load}
        ></consultation-comment-item>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'consultation-page': ConsultationPage;
  }
}
