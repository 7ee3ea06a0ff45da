import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { rejectionGrounds } from '../../../workflows/petition/contract';
import { ApiError, api } from '../platform/api-client';
import type { Agency, User } from '../platform/api-types';
import '../platform/bar-chart';
import { formatDate, formatInstant, locale, taipeiDate } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { currentUser, loadSession } from '../platform/session';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, t } from './i18n';
import './petition-action-form';
import './petition-progress';
import './petition-response-editor';
import './petition-state-badge';
import { problemText } from './problem-text';
import type { PetitionDetail } from './types';

const POLL_MS = 2_000;

/**
 * One petition: text, progress bar towards the threshold, days left, endorse / withdraw, share
 * link, per-day chart, timeline, and the agency's response. Reviewers, the assigned agency and
 * staff get their actions here. Polls while the workflow is being set up.
 */
@customElement('petition-page')
export class PetitionPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .body { white-space: pre-wrap; }
      ol.timeline { padding-left: 1.2rem; }
      .point { border-left: 4px solid var(--civic-primary); padding-left: 0.75rem; margin: 0.75rem 0; }
      .share { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .share input { flex: 1 1 12rem; }
    `,
  ];
  @property({ attribute: false }) location?: { params: Record<string, string | string[]> };
  @state() private data: PetitionDetail | null = null;
  @state() private error = '';
  @state() private actionError = '';
  @state() private status = '';
  @state() private busy = false;
  @state() private user: User | null = currentUser();
  @state() private agencies: Agency[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  private get petitionId(): string {
    return String(this.location?.params.id ?? '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loadSession().then((u) => (this.user = u), () => null);
    void api<{ items: Agency[] }>('/agencies').then((r) => (this.agencies = r.items), () => undefined);
    void this.load();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  private async load(): Promise<void> {
    clearTimeout(this.timer);
    try {
      this.data = await api<PetitionDetail>(`/petitions/${encodeURIComponent(this.petitionId)}`);
      this.error = '';
    } catch (err) {
      this.error = err instanceof ApiError && (err.status === 404 || err.status === 422) ? t('petitionNotFound') : problemText(err);
    }
    if (this.isConnected && this.data && !this.data.workflowStarted) this.timer = setTimeout(() => void this.load(), POLL_MS);
  }

  private agencyName(id: string | null): string {
    const a = this.agencies.find((x) => x.id === id);
    return a ? (locale() === 'en' ? a.nameEn : a.nameZh) : (id ?? '');
  }

  private async endorse(withdraw: boolean): Promise<void> {
    this.busy = true;
    this.actionError = '';
    try {
      const follow = this.renderRoot.querySelector<HTMLInputElement>('#follow')?.checked ?? false;
      await api(`/petitions/${this.petitionId}/endorsement`, withdraw ? { method: 'DELETE' } : { json: { follow } });
      this.status = t('done');
      await this.load();
    } catch (err) {
      this.actionError = problemText(err);
    } finally {
      this.busy = false;
    }
  }

  private updated_(e: CustomEvent<PetitionDetail>): void {
    this.data = e.detail;
    this.status = t('done');
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(`${window.location.origin}/petitions/${this.petitionId}`);
      this.status = t('copied');
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#share')?.select();
    }
  }

  private endorsePanel(p: PetitionDetail) {
    if (p.state !== 'open') return nothing;
    const v = p.viewer;
    if (!v) return html`<p><a href="/login">${t('signInToEndorse')}</a></p>`;
    if (v.endorsement) {
      const text =
        v.endorsement === 'valid'
          ? t('endorsed')
          : v.awaitingConfirmation
            ? t('endorsementAwaitingConfirmation')
            : v.endorsement === 'pending'
              ? t('endorsementPending')
              : t('endorsementInvalidated');
      return html`<p data-testid="endorsement-state">${text}</p>
        ${v.endorsement !== 'invalidated'
          ? html`<button type="button" class="secondary" data-testid="withdraw" ?disabled=${this.busy} @click=${() => this.endorse(true)}>${t('withdraw')}</button>`
          : nothing}`;
    }
    if (!v.canEndorse) return this.user?.role === 'citizen' ? html`<p>${t('needLevel')}</p>` : nothing;
    return html`<label><input type="checkbox" id="follow" style="width:auto" /> ${t('follow')}</label>
      <div class="actions"><button type="button" data-testid="endorse" ?disabled=${this.busy} @click=${() => this.endorse(false)}>${t('endorse')}</button></div>`;
  }

  private actions(p: PetitionDetail) {
    const u = this.user;
    if (!u) return nothing;
    const reviewer = u.role === 'manager' || u.role === 'admin';
    const ofAgency = (u.role === 'officer' || u.role === 'supervisor') && u.agencyId === p.agencyId;
    const agencyOptions = this.agencies.filter((a) => a.id !== p.agencyId).map((a) => ({ value: a.id, label: locale() === 'en' ? a.nameEn : a.nameZh }));
    const form = (action: string, heading: string, submit: string, fields: PetitionActionFormFields) =>
      html`<petition-action-form .petitionId=${p.id} action=${action} heading=${heading} submitLabel=${submit} .fields=${fields}
        @civic-petition-updated=${this.updated_}></petition-action-form>`;
    const reason = { name: 'reason', label: t('reason'), kind: 'textarea' as const };
    const parts = [];
    if (reviewer && p.state === 'in_review' && p.workflowStarted) {
      parts.push(form('publish', t('publish'), t('publish'), []));
      parts.push(
        form('reject', t('reject'), t('reject'), [
          { name: 'ground', label: t('ground'), kind: 'select', options: rejectionGrounds.map((g) => ({ value: g, label: t(`ground.${g}` as MessageKey) })) },
          { name: 'message', label: t('messageToProposer'), kind: 'textarea' },
          { name: 'duplicateOf', label: t('duplicateOf'), kind: 'text', optional: true },
        ]),
      );
    }
    if (reviewer && p.state === 'passed') parts.push(form('assign-agency', t('assignAgency'), t('assignAgency'), [{ name: 'agencyId', label: t('agency'), kind: 'select', options: agencyOptions }]));
    if (p.state === 'awaiting_response' && (ofAgency || reviewer)) {
      if (ofAgency) parts.push(html`<petition-response-editor .petitionId=${p.id} @civic-petition-updated=${this.updated_}></petition-response-editor>`);
      if (ofAgency && !p.extended) parts.push(form('extend', t('extend'), t('extend'), [{ name: 'period', label: t('extendPeriod'), kind: 'text' }, reason]));
      parts.push(form('transfer', t('transfer'), t('transfer'), [{ name: 'toAgencyId', label: t('transferTo'), kind: 'select', options: agencyOptions }, reason]));
    }
    if (p.state === 'responded' && ofAgency && !p.meeting) {
      parts.push(
        form('meeting', t('recordMeeting'), t('recordMeeting'), [
          { name: 'date', label: t('meetingDate'), kind: 'date' },
          { name: 'attendees', label: t('attendees'), kind: 'textarea' },
          { name: 'minutes', label: t('minutes'), kind: 'textarea' },
        ]),
      );
    }
    if (p.state === 'responded' && reviewer) parts.push(form('close', t('close'), t('close'), []));
    return parts.length ? html`<section aria-labelledby="staff-heading"><h2 id="staff-heading">${t('staffTitle')}</h2>${parts}</section>` : nothing;
  }

  override render() {
    if (this.error) return html`<h1>${this.petitionId}</h1><div class="alert" role="alert">${this.error}</div>`;
    const p = this.data;
    if (!p) return html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>`;
    const daysLeft = p.state === 'open' && p.windowEndsAt ? Math.max(0, Math.ceil((Date.parse(p.windowEndsAt) - Date.now()) / 86_400_000)) : null;
    const link = `${window.location.origin}/petitions/${p.id}`;
    return html`<article data-testid="petition-page" data-petition-id=${p.id} data-state=${p.state}>
      <h1>${p.title}</h1>
      <p><petition-state-badge state=${p.state} ?overdue=${p.responseOverdue}></petition-state-badge> <span class="muted">${p.id}</span></p>
      ${p.isProposer ? html`<p class="notice">${t('proposerNote')}</p>` : nothing}
      ${!p.workflowStarted && p.state === 'in_review' ? html`<p class="notice" role="status">${t('registering')}</p><progress aria-label=${t('registering')}></progress>` : nothing}
      ${p.rejectionGround
        ? html`<div class="alert"><strong>${t(`ground.${p.rejectionGround}` as MessageKey)}</strong>${p.rejectionMessage ? html`<p>${p.rejectionMessage}</p>` : nothing}
            ${p.duplicateOf ? html`<p><a href="/petitions/${p.duplicateOf}">${p.duplicateOf}</a></p>` : nothing}</div>`
        : nothing}
      <section class="card" aria-label=${t('progressLabel')}>
        <petition-progress .count=${p.endorsements} .threshold=${p.threshold}></petition-progress>
        ${daysLeft !== null ? html`<p data-testid="days-left">${t('daysLeft', { n: daysLeft })}</p>` : p.endedAt ? html`<p>${t('ended')}</p>` : nothing}
        ${this.actionError ? html`<div class="alert" role="alert">${this.actionError}</div>` : nothing}
        ${this.endorsePanel(p)}
        <p role="status" class="visually-hidden">${this.status}</p>
      </section>
      <p><strong>${p.summary}</strong></p>
      <p class="body">${p.body}</p>
      <div class="share">
        <label for="share" style="margin:0">${t('share')}</label>
        <input id="share" readonly .value=${link} />
        <button type="button" class="secondary" @click=${this.copy}>${t('copy')}</button>
      </div>
      ${p.daily.length
        ? html`<h2>${t('dailyChart')}</h2><bar-chart label=${t('dailyChart')} .data=${p.daily.map((d) => ({ label: d.day, value: d.count }))}></bar-chart>`
        : nothing}
      ${p.agencyId
        ? html`<h2>${t('agencyResponse')}</h2>
            <dl>
              <dt>${t('agency')}</dt><dd>${this.agencyName(p.agencyId)}</dd>
              ${p.responseDueAt ? html`<dt>${t('responseDue')}</dt><dd>${formatDate(taipeiDate(p.responseDueAt))}${p.extended ? ` · ${t('extendedBadge')}` : ''}</dd>` : nothing}
              ${p.extensionReason ? html`<dt>${t('reason')}</dt><dd>${p.extensionReason}</dd>` : nothing}
            </dl>`
        : nothing}
      ${p.response
        ? html`<section data-testid="response" aria-label=${t('agencyResponse')}>
            <p>${p.response.summary} <span class="muted">${p.respondedOnTime ? t('responseOnTime') : t('responseLate')}</span></p>
            ${p.response.points.map((pt, i) => html`<div class="point"><strong>${t('point', { n: i + 1 })}：${pt.heading}</strong><p class="body">${pt.answer}</p></div>`)}
          </section>`
        : nothing}
      ${p.meeting
        ? html`<h2>${t('meeting')}</h2><dl><dt>${t('meetingDate')}</dt><dd>${p.meeting.date}</dd><dt>${t('attendees')}</dt><dd>${p.meeting.attendees}</dd>
            <dt>${t('minutes')}</dt><dd class="body">${p.meeting.minutes}</dd></dl>`
        : nothing}
      <h2>${t('timeline')}</h2>
      <ol class="timeline" data-testid="timeline">
        ${p.timeline.map((e) => html`<li>${formatInstant(e.occurredAt)} · ${this.eventText(e.type)}</li>`)}
      </ol>
      ${this.actions(p)}
    </article>`;
  }

  private eventText(type: string): string {
    return t(`event.${type}` as MessageKey);
  }
}

type PetitionActionFormFields = import('./petition-action-form').PetitionField[];

declare global {
  interface HTMLElementTagNameMap {
    'petition-page': PetitionPage;
  }
}
