import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import type { Agency, User } from '../platform/api-types';
import type { CaseDetail } from './types';
import './case-action-form';
import { ReasonRequestSchema, ReplyRequestSchema, SupplementRequestSchema, SupplementSchema } from '../../../worker/cases/schemas';
import { lengthLimits, problemMessage } from '../platform/field-messages';
import type { ActionField } from './case-action-form';
import './case-timeline';
import './satisfaction-survey';
import '../platform/due-date';
import { LocalizedElement } from '../platform/localized-element';
import './state-badge';
import { ifDefined } from 'lit/directives/if-defined.js';
import { formatInstant, formatNumber, locale, taipeiDate, textLang } from '../platform/i18n';
import { type MessageKey, t } from './i18n';
import { openCaseStates } from '../../../workflows/case/contract';
import { currentUser, isStaff, loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';

const consentKeys: Record<'signed_form' | 'verbal_recorded' | 'digital', MessageKey> = {
  signed_form: 'consentSignedForm',
  verbal_recorded: 'consentVerbal',
  digital: 'consentDigital',
};

const OPEN: readonly string[] = openCaseStates;
const POLL_MS = 2_000;

/**
 * One case: status, deadlines, timeline, and what the viewer may do next (reply and other
 * actions for the handling agency's staff; a supplement for the citizen when asked).
 * Polls while the case is still being registered.
 */
@customElement('case-page')
export class CasePage extends LocalizedElement {
  static override styles = sharedStyles;

  /** Set by the router: the route parameters. */
  @property({ attribute: false }) location?: { params: Record<string, string | string[]> };
  @state() private data: CaseDetail | null = null;
  @state() private agencies = new Map<string, Agency>();
  @state() private error = '';
  @state() private status = '';
  @state() private claimCode = '';
  @state() private user: User | null = currentUser();
  private timer?: ReturnType<typeof setTimeout>;

  private get caseId(): string {
    return String(this.location?.params.id ?? '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSession().then((u) => (this.user = u), () => null);
    void api<{ items: Agency[] }>('/agencies').then(
      (r) => (this.agencies = new Map(r.items.map((a) => [a.id, a]))),
      () => undefined,
    );
    void this.load();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    clearTimeout(this.timer);
    try {
      this.data = await api<CaseDetail>(`/cases/${encodeURIComponent(this.caseId)}`);
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError && (err.status === 404 || err.status === 422) ? t('caseNotFound') : t('networkError');
    }
    if (this.isConnected && this.data && (!this.data.workflowStarted || !this.data.ackDueDate)) {
      this.timer = setTimeout(() => void this.load(), POLL_MS);
    }
  }

  private updated_(e: CustomEvent<CaseDetail>): void {
    this.data = e.detail;
    this.status = t('done');
  }

  private agencyName(id: string): string {
    const a = this.agencies.get(id);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : id;
  }

  /** The counter officer who filed for a citizen hands them a code to claim their account. */
  private renderClaimCode(c: CaseDetail) {
    return html`<section class="card" aria-labelledby="claim-heading">
      <h2 id="claim-heading" style="margin-top: 0">${t('claimCodeTitle')}</h2>
      <p class="hint">${t('claimCodeLead')}</p>
      ${this.claimCode ? html`<p role="status" data-testid="claim-code"><strong>${this.claimCode}</strong></p>` : nothing}
      <button type="button" class="secondary" data-testid="claim-code-issue" @click=${() => this.issueClaimCode(c.id)}>${t('claimCodeIssue')}</button>
    </section>`;
  }

  private async issueClaimCode(id: string): Promise<void> {
    try {
      const r = await api<{ code: string; expiresAt: string }>(`/assisted-cases/${encodeURIComponent(id)}/claim-code`, { method: 'POST' });
      this.claimCode = t('claimCodeShown', { code: r.code, until: formatInstant(r.expiresAt) });
    } catch (err) {
      this.claimCode = err instanceof ApiError && err.status === 409 ? t('claimCodeNone') : err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    }
  }

  private staffActions(c: CaseDetail) {
    const form = (action: string, heading: string, submit: string, fields: ActionField[], submitTestId = '', extra: Record<string, string> = {}) =>
      html`<case-action-form .caseId=${c.id} action=${action} heading=${heading} submitLabel=${submit} submitTestId=${submitTestId}
        .fields=${fields} .extra=${extra} ?attachments=${action === 'reply'} @civic-case-updated=${this.updated_}></case-action-form>`;
    const reason: ActionField = { name: 'reason', label: t('reason'), kind: 'textarea', limits: lengthLimits(ReasonRequestSchema.shape.reason) };
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading">${t('actionsTitle')}</h2>
      ${form('reply', t('replyTitle'), t('replySubmit'), [{ name: 'message', label: t('replyMessage'), kind: 'textarea', testId: 'reply-message', limits: lengthLimits(ReplyRequestSchema.shape.message) }], 'reply-submit')}
      ${c.state === 'received' || c.state === 'transferred' ? form('accept', t('accept'), t('accept'), [], 'accept-submit') : nothing}
      ${this.user && c.assigneeId !== this.user.id ? form('assign', t('assignToMe'), t('assignToMe'), [], 'assign-submit', { assigneeId: this.user.id }) : nothing}
      ${c.state !== 'awaiting_supplement' && c.state !== 'transferred'
        ? form(
            'supplement-request',
            t('requestSupplement'),
            t('requestSupplement'),
            [{ name: 'message', label: t('requestSupplementMessage'), kind: 'textarea', testId: 'supplement-request-message', limits: lengthLimits(SupplementRequestSchema.shape.message) }],
            'supplement-request-submit',
          )
        : nothing}
      ${form('transfer', t('transfer'), t('transfer'), [
        {
          name: 'toAgencyId',
          label: t('transferTo'),
          kind: 'select',
          options: [...this.agencies.values()].filter((a) => a.id !== c.agencyId).map((a) => ({ value: a.id, label: locale() === 'en' ? a.nameEn : a.nameZh })),
        },
        reason,
      ])}
      ${c.kind === 'application' && !c.extended
        ? form('extend', t('extend'), t('extend'), [{ name: 'period', label: t('extendPeriod'), kind: 'text' }, reason])
        : nothing}
    </section>`;
  }

  protected override pageTitle(): string {
    return this.data ? `${this.data.subject} (${this.data.id})` : `${t('caseNumber')} ${this.caseId}`;
  }

  override render() {
    if (this.error) return html`<h1>${t('caseNumber')} ${this.caseId}</h1><div class="alert" role="alert">${this.error}</div>`;
    const c = this.data;
    if (!c) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    const u = this.user;
    const registering = !c.workflowStarted || !c.ackDueDate;
    const staffHere = isStaff(u) && u?.agencyId === c.agencyId;
    return html`<article data-testid="case-page" data-state=${c.state} data-case-id=${c.id}>
      <h1 lang=${ifDefined(textLang(c.subject))}>${c.subject}</h1>
      <p><state-badge state=${c.state}></state-badge> <span class="muted">${t('caseNumber')} ${c.id}</span></p>
      <div role="status" aria-live="polite">${this.status}</div>
      ${registering ? html`<div class="notice">${t('registering')}<progress aria-label=${t('registering')}></progress></div>` : nothing}
      ${c.ackMissed && OPEN.includes(c.state) ? html`<div class="alert" role="note" data-testid="ack-missed">${t('ackMissedNotice')}</div>` : nothing}
      ${c.missedDeadline
        ? html`<p class="notice" data-testid="missed-deadline">${t(({ ack: 'missedAck', answer: 'missedAnswer', ack_and_answer: 'missedBoth' } as const)[c.missedDeadline])}</p>`
        : nothing}
      ${c.pausedSince
        ? html`<div class="notice">${t('paused')}${c.supplementDueAt ? html` · ${t('supplementDue')}: <due-date date=${taipeiDate(c.supplementDueAt)} countdown></due-date>` : nothing}</div>`
        : nothing}
      <div class="card">
        <dl>
          <dt>${t('agency')}</dt><dd>${this.agencyName(c.agencyId)}</dd>
          <dt>${t('received')}</dt><dd>${formatInstant(c.receivedAt)}</dd>
          <dt>${t('ackDue')}</dt><dd data-testid="ack-due"><due-date date=${c.ackDueDate ?? ''}></due-date></dd>
          <dt>${t('resolutionDue')}</dt>
          <dd><due-date date=${c.resolutionDueDate ?? ''} ?countdown=${OPEN.includes(c.state)}></due-date></dd>
          ${c.extended && c.originalResolutionDueAt
            ? html`<dt>${t('originalDue')}</dt><dd><due-date date=${taipeiDate(c.originalResolutionDueAt)}></due-date></dd>`
            : nothing}
        </dl>
      </div>
      ${c.filedOnBehalf
        ? html`<div class="notice" data-testid="assistance">
            <p style="margin: 0">${c.filedBy ? t('filedByLine', { who: c.filedBy.displayName, role: t(c.filedBy.helper ? 'role.helper' : (`role.${c.filedBy.role}` as MessageKey)) }) : t('filedOnBehalf')}</p>
            ${c.consent
              ? html`<p style="margin: 0.25rem 0 0">${t('consentLine', { method: t(consentKeys[c.consent.method]) })}
                  <q lang=${ifDefined(textLang(c.consent.statement))}>${c.consent.statement}</q> (${formatInstant(c.consent.recordedAt)})</p>`
              : nothing}
          </div>`
        : nothing}
      ${u && c.filedBy?.id === u.id ? this.renderClaimCode(c) : nothing}
      <h2>${t('description')}</h2>
      <p style="white-space: pre-wrap" lang=${ifDefined(textLang(c.description))}>${c.description}</p>
      ${c.location ? html`<p><strong>${t('place')}</strong> <span lang=${ifDefined(textLang(c.location))}>${c.location}</span></p>` : nothing}
      ${Object.keys(c.formData).length
        ? html`<dl class="card">${Object.entries(c.formData).map(([k, v]) => html`<dt>${k}</dt><dd>${String(v)}</dd>`)}</dl>`
        : nothing}
      ${c.legs.length > 1
        ? html`<h2>${t('legs')}</h2>
            <ol>
              ${c.legs.map(
                (l) => html`<li>
                  ${this.agencyName(l.agencyId)} · ${formatInstant(l.startedAt)}${l.endedAt ? html` – ${formatInstant(l.endedAt)}` : nothing}
                  ${l.timely === null ? nothing : html` · ${l.timely ? t('timely') : t('late')}`}
                </li>`,
              )}
            </ol>`
        : nothing}
      ${c.attachments.length
        ? html`<h2>${t('attachmentsTitle')}</h2>
            <ul data-testid="attachments">
              ${c.attachments.map(
                (a) => html`<li>
                  <a href=${a.url} target="_blank" rel="noopener">${a.fileName}</a>
                  <span class="muted">(${formatNumber(a.size / 1024, 0)} KB · ${t(`role.${a.uploaderRole}` as MessageKey)} · ${formatInstant(a.createdAt)})</span>
                </li>`,
              )}
            </ul>`
        : nothing}
      <h2>${t('timeline')}</h2>
      <case-timeline .events=${c.timeline}
        .agencyNames=${Object.fromEntries([...this.agencies.values()].map((a) => [a.id, locale() === 'en' ? a.nameEn : a.nameZh]))}></case-timeline>
      ${u?.role === 'citizen' && c.state === 'awaiting_supplement'
        ? html`<case-action-form .caseId=${c.id} action="supplement" heading=${t('supplementTitle')} submitLabel=${t('supplementSubmit')}
            .fields=${[{ name: 'message', label: t('supplementMessage'), kind: 'textarea', testId: 'supplement-message', limits: lengthLimits(SupplementSchema.shape.message) }] as ActionField[]}
            submitTestId="supplement-submit" attachments @civic-case-updated=${this.updated_}></case-action-form>`
        : nothing}
      ${u?.role === 'citizen' && (c.state === 'replied' || c.state === 'closed')
        ? c.satisfactionScore === null
          ? html`<satisfaction-survey .caseId=${c.id} @civic-case-updated=${this.updated_}></satisfaction-survey>`
          : html`<p class="notice" data-testid="survey-result">${t('surveyThanks')} ${t('surveyYourScore', { score: t(`score.${c.satisfactionScore}` as MessageKey) })}</p>`
        : nothing}
      ${u?.role === 'citizen' && c.state === 'replied'
        ? html`<case-action-form .caseId=${c.id} action="reopen" heading=${t('reopen')} submitLabel=${t('reopen')}
            .fields=${[{ name: 'reason', label: t('reopenReason'), kind: 'textarea', limits: lengthLimits(ReasonRequestSchema.shape.reason) }] as ActionField[]}
            @civic-case-updated=${this.updated_}></case-action-form>`
        : nothing}
      ${staffHere && OPEN.includes(c.state) && c.workflowStarted ? this.staffActions(c) : nothing}
    </article>`;
  }
}
