/**
 * The rules of one petition as a plain, deterministic state machine: review, endorsement window,
 * passing at the threshold, the agency's response clock with its one public extension, and
 * closure. No Temporal imports and no clock of its own: the workflow passes `now` in.
 */
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { type Deadline, PetitionClocks } from '../../domain/petitions/clocks';
import type { QuietPeriod } from '../../domain/petitions/quiet-periods';
import { checkPetitionSettings } from '../../domain/petitions/settings';
import { thresholdReached } from '../../domain/petitions/threshold';
import { type SlaPeriod, parseSlaPeriod } from '../../domain/sla/sla-period';
import {
  type MeetingInput,
  type PetitionActor,
  type PetitionAudience,
  type PetitionEventType,
  type PetitionSnapshot,
  type PetitionState,
  type PetitionWorkflowInput,
  type QuietPeriodInput,
  type RejectionGround,
  type ResponsePoint,
  rejectionGrounds,
} from './contract';

export class PetitionRuleError extends Error {
  override readonly name = 'PetitionRuleError';
}

export interface PetitionEventDraft {
  type: PetitionEventType;
  actorId?: string;
  body?: Record<string, string | number | boolean>;
  notify?: PetitionAudience[];
}

export type PetitionTimerKind =
  | 'review_warn_50'
  | 'review_warn_75'
  | 'review_due'
  | 'window_end'
  | 'response_warn_50'
  | 'response_warn_75'
  | 'response_due'
  | 'auto_close';

export interface PetitionTimer {
  kind: PetitionTimerKind;
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const reviewerRoles: readonly PetitionActor['role'][] = ['manager', 'admin'];
const agencyRoles: readonly PetitionActor['role'][] = ['officer', 'supervisor'];
const MAX_POINTS = 50;

/** Checks a start payload before anything relies on it (it arrives over HTTP from the outbox). */
export function checkPetitionInput(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return ['input must be an object'];
  const i = input as Partial<PetitionWorkflowInput>;
  const problems: string[] = [];
  if (typeof i.petitionId !== 'string' || !i.petitionId) problems.push('petitionId must be a non-empty string');
  if (typeof i.submittedAt !== 'string' || Number.isNaN(Date.parse(i.submittedAt))) problems.push('submittedAt must be an ISO instant');
  if (typeof i.rules !== 'object' || i.rules === null) problems.push('rules must be an object');
  else problems.push(...checkPetitionSettings({ ...i.rules, endorseLevel: 'none' }).map((p) => `rules.${p}`));
  if (!Array.isArray(i.closures) || !i.closures.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))) {
    problems.push('closures must be an array of YYYY-MM-DD dates');
  }
  if (!Array.isArray(i.quietPeriods) || !i.quietPeriods.every(isQuietPeriodInput)) problems.push('quietPeriods must be an array of {from, until}');
  return problems;
}

function isQuietPeriodInput(p: unknown): p is QuietPeriodInput {
  const q = p as QuietPeriodInput;
  return typeof q === 'object' && q !== null && !Number.isNaN(Date.parse(q.from)) && !Number.isNaN(Date.parse(q.until)) && Date.parse(q.until) > Date.parse(q.from);
}

export class PetitionProcess {
  private readonly clocks: PetitionClocks;
  private readonly reviewPeriod: SlaPeriod;
  private readonly window: SlaPeriod;
  private readonly responsePeriod: SlaPeriod;
  private readonly closeAfter: SlaPeriod;
  private readonly submittedMs: number;
  private readonly review: Deadline;
  private quiet: QuietPeriod[];

  private state: PetitionState = 'in_review';
  private reviewWarned50 = false;
  private reviewWarned75 = false;
  private reviewOverdue = false;
  private publishedMs: number | null = null;
  private windowEndMs: number | null = null;
  private passedMs: number | null = null;
  private endedMs: number | null = null;
  private agencyId: string | null = null;
  private assignedMs: number | null = null;
  private response: Deadline | null = null;
  private originalResponseDueMs: number | null = null;
  private extended = false;
  private responseWarned50 = false;
  private responseWarned75 = false;
  private responseOverdue = false;
  private respondedMs: number | null = null;
  private respondedOnTime: boolean | null = null;
  private closedMs: number | null = null;
  private rejectionGround: RejectionGround | null = null;

  constructor(readonly input: PetitionWorkflowInput) {
    this.clocks = new PetitionClocks(twOfficialCalendar(input.closures.map(parsePlainDate)));
    this.reviewPeriod = parseSlaPeriod(input.rules.reviewPeriod);
    this.window = parseSlaPeriod(input.rules.endorsementWindow);
    this.responsePeriod = parseSlaPeriod(input.rules.responsePeriod);
    this.closeAfter = parseSlaPeriod(input.rules.closeAfter);
    this.submittedMs = Date.parse(input.submittedAt);
    this.review = this.clocks.deadline(this.submittedMs, this.reviewPeriod);
    this.quiet = toQuiet(input.quietPeriods);
  }

  get currentState(): PetitionState {
    return this.state;
  }

  get finished(): boolean {
    return this.state === 'closed' || this.state === 'rejected' || this.state === 'not_passed';
  }

  get threshold(): number {
    return this.input.rules.threshold;
  }

  snapshot(): PetitionSnapshot {
    const at = (ms: number | null) => (ms === null ? null : iso(ms));
    return {
      state: this.state,
      agencyId: this.agencyId,
      submittedAt: this.input.submittedAt,
      reviewDueAt: iso(this.review.dueMs),
      reviewOverdue: this.reviewOverdue,
      publishedAt: at(this.publishedMs),
      windowEndsAt: at(this.windowEndMs),
      passedAt: at(this.passedMs),
      endedAt: at(this.endedMs),
      assignedAt: at(this.assignedMs),
      responseDueAt: this.response ? iso(this.response.dueMs) : null,
      originalResponseDueAt: at(this.originalResponseDueMs),
      extended: this.extended,
      responseOverdue: this.responseOverdue,
      respondedAt: at(this.respondedMs),
      respondedOnTime: this.respondedOnTime,
      closedAt: at(this.closedMs),
      rejectionGround: this.rejectionGround,
    };
  }

  // ---- checks ------------------------------------------------------------------------------

  private requireActor(actor: unknown): asserts actor is PetitionActor {
    const a = actor as PetitionActor | undefined;
    if (!a || typeof a.id !== 'string' || !a.id || typeof a.role !== 'string') throw new PetitionRuleError('actor is required.');
  }

  private requireReviewer(actor: PetitionActor): void {
    this.requireActor(actor);
    if (!reviewerRoles.includes(actor.role)) throw new PetitionRuleError('Only platform staff (managers, admins) can do this.');
  }

  private requireAgencyStaff(actor: PetitionActor): void {
    this.requireActor(actor);
    if (!agencyRoles.includes(actor.role) || actor.agencyId !== this.agencyId) {
      throw new PetitionRuleError(`Only staff of the competent agency (${this.agencyId ?? 'none yet'}) can do this.`);
    }
  }

  private requireState(allowed: readonly PetitionState[], what: string): void {
    if (!allowed.includes(this.state)) throw new PetitionRuleError(`Cannot ${what} a petition in state "${this.state}".`);
  }

  private requireText(text: unknown, field: string, min: number, max: number): void {
    if (typeof text !== 'string' || text.trim().length < min || text.length > max) {
      throw new PetitionRuleError(`${field} must be ${min}–${max} characters.`);
    }
  }

  // ---- review ------------------------------------------------------------------------------

  started(): PetitionEventDraft {
    return { type: 'review_started', body: { reviewDueAt: iso(this.review.dueMs) }, notify: ['proposer', 'reviewers'] };
  }

  validatePublish(actor: PetitionActor): void {
    this.requireReviewer(actor);
    this.requireState(['in_review'], 'publish');
  }

  publish(actor: PetitionActor, nowMs: number): PetitionEventDraft {
    this.validatePublish(actor);
    this.state = 'open';
    this.publishedMs = nowMs;
    this.windowEndMs = this.clocks.endorsementWindowEnd(nowMs, this.window, this.quiet);
    return {
      type: 'published',
      actorId: actor.id,
      body: { windowEndsAt: iso(this.windowEndMs), onTime: nowMs <= this.review.dueMs },
      notify: ['proposer'],
    };
  }

  validateReject(actor: PetitionActor, ground: RejectionGround, message: string, duplicateOf?: string): void {
    this.requireReviewer(actor);
    this.requireState(['in_review'], 'reject');
    if (!rejectionGrounds.includes(ground)) throw new PetitionRuleError(`ground must be one of ${rejectionGrounds.join(', ')}.`);
    this.requireText(message, 'message', 5, 2000);
    if (ground === 'duplicate' && (typeof duplicateOf !== 'string' || !duplicateOf)) {
      throw new PetitionRuleError('A duplicate must name the existing petition (duplicateOf).');
    }
    if (duplicateOf === this.input.petitionId) throw new PetitionRuleError('A petition cannot duplicate itself.');
  }

  reject(actor: PetitionActor, ground: RejectionGround, message: string, duplicateOf: string | undefined, nowMs: number): PetitionEventDraft {
    this.validateReject(actor, ground, message, duplicateOf);
    this.state = 'rejected';
    this.rejectionGround = ground;
    this.closedMs = nowMs;
    return {
      type: 'rejected',
      actorId: actor.id,
      body: { ground, message, ...(ground === 'duplicate' && duplicateOf ? { duplicateOf } : {}) },
      notify: ['proposer'],
    };
  }

  // ---- endorsement window ------------------------------------------------------------------

  /** The edge saw the threshold reached: pass at once (a repeated or stale signal is ignored). */
  thresholdSignal(validCount: number, nowMs: number): PetitionEventDraft | null {
    if (this.state !== 'open' || !Number.isSafeInteger(validCount) || !thresholdReached(validCount, this.threshold)) return null;
    return this.pass(validCount, nowMs);
  }

  private pass(validCount: number, nowMs: number): PetitionEventDraft {
    this.state = 'passed';
    this.passedMs = nowMs;
    this.endedMs = nowMs;
    return { type: 'passed', body: { validCount, threshold: this.threshold }, notify: ['proposer', 'followers', 'reviewers'] };
  }

  /** The window closed: the final count decides. */
  windowClosed(validCount: number, nowMs: number): PetitionEventDraft | null {
    if (this.state !== 'open') return null;
    if (thresholdReached(validCount, this.threshold)) return this.pass(validCount, nowMs);
    this.state = 'not_passed';
    this.endedMs = nowMs;
    return { type: 'not_passed', body: { validCount, threshold: this.threshold }, notify: ['proposer', 'followers'] };
  }

  /** New quiet periods: an open window is suspended for their overlap and ends later. */
  setQuietPeriods(periods: QuietPeriodInput[]): PetitionEventDraft | null {
    if (!Array.isArray(periods) || !periods.every(isQuietPeriodInput)) return null;
    this.quiet = toQuiet(periods);
    if (this.state !== 'open' || this.publishedMs === null) return null;
    const before = this.windowEndMs;
    this.windowEndMs = this.clocks.endorsementWindowEnd(this.publishedMs, this.window, this.quiet);
    if (before === this.windowEndMs) return null;
    return { type: 'window_rescheduled', body: { previousEndsAt: iso(before ?? this.windowEndMs), windowEndsAt: iso(this.windowEndMs) }, notify: ['proposer'] };
  }

  // ---- agency and response -----------------------------------------------------------------

  validateAssignAgency(actor: PetitionActor, agencyId: string): void {
    this.requireReviewer(actor);
    this.requireState(['passed'], 'assign an agency to');
    if (typeof agencyId !== 'string' || !agencyId) throw new PetitionRuleError('agencyId is required.');
  }

  /** The response clock starts when the competent agency is named. */
  assignAgency(actor: PetitionActor, agencyId: string, nowMs: number): PetitionEventDraft {
    this.validateAssignAgency(actor, agencyId);
    this.agencyId = agencyId;
    this.assignedMs = nowMs;
    this.state = 'awaiting_response';
    this.response = this.clocks.deadline(nowMs, this.responsePeriod);
    this.originalResponseDueMs = this.response.dueMs;
    return {
      type: 'agency_assigned',
      actorId: actor.id,
      body: { agencyId, responseDueAt: iso(this.response.dueMs) },
      notify: ['proposer', 'followers', 'agency_officers', 'agency_supervisors'],
    };
  }

  validateTransfer(actor: PetitionActor, toAgencyId: string, reason: string): void {
    this.requireActor(actor);
    if (!reviewerRoles.includes(actor.role)) this.requireAgencyStaff(actor);
    this.requireState(['awaiting_response'], 'transfer');
    if (typeof toAgencyId !== 'string' || !toAgencyId) throw new PetitionRuleError('toAgencyId is required.');
    if (toAgencyId === this.agencyId) throw new PetitionRuleError('The petition is already with that agency.');
    this.requireText(reason, 'reason', 5, 2000);
  }

  /** Another agency takes over; the response clock keeps running (no fresh period). */
  transfer(actor: PetitionActor, toAgencyId: string, reason: string): PetitionEventDraft {
    this.validateTransfer(actor, toAgencyId, reason);
    const from = this.agencyId ?? '';
    this.agencyId = toAgencyId;
    return {
      type: 'transferred',
      actorId: actor.id,
      body: { fromAgencyId: from, toAgencyId, reason },
      notify: ['proposer', 'agency_officers', 'agency_supervisors'],
    };
  }

  validateExtend(actor: PetitionActor, period: string, reason: string, nowMs: number): void {
    this.requireAgencyStaff(actor);
    this.requireState(['awaiting_response'], 'extend');
    this.requireText(reason, 'reason', 5, 2000);
    const r = this.clocks.extendResponse(this.response!, this.parse(period), this.responsePeriod, nowMs, this.extended);
    if (!r.ok) {
      throw new PetitionRuleError(
        {
          already_extended: 'The response deadline can be extended only once.',
          after_expiry: 'The extension must be announced before the deadline expires.',
          longer_than_original: 'The extension cannot be longer than the original response period.',
          kind_mismatch: 'period must use the same kind of clock as the response period.',
        }[r.reason],
      );
    }
  }

  /** The one public extension, with its reason, announced before expiry. */
  extend(actor: PetitionActor, period: string, reason: string, nowMs: number): PetitionEventDraft {
    this.validateExtend(actor, period, reason, nowMs);
    const r = this.clocks.extendResponse(this.response!, this.parse(period), this.responsePeriod, nowMs, this.extended);
    if (!r.ok) throw new PetitionRuleError('extension refused');
    const previous = this.response!.dueMs;
    this.response = r.deadline;
    this.extended = true;
    this.responseWarned50 = this.responseWarned75 = false;
    return {
      type: 'extended',
      actorId: actor.id,
      body: { period, reason, previousDueAt: iso(previous), responseDueAt: iso(r.deadline.dueMs) },
      notify: ['proposer', 'followers'],
    };
  }

  validateRespond(actor: PetitionActor, summary: string, points: ResponsePoint[]): void {
    this.requireAgencyStaff(actor);
    this.requireState(['awaiting_response'], 'respond to');
    this.requireText(summary, 'summary', 5, 10_000);
    if (!Array.isArray(points) || points.length < 1 || points.length > MAX_POINTS) {
      throw new PetitionRuleError(`A response answers 1–${MAX_POINTS} points.`);
    }
    for (const p of points) {
      this.requireText(p?.heading, 'points.heading', 1, 500);
      this.requireText(p?.answer, 'points.answer', 2, 10_000);
    }
  }

  /** The published point-by-point response; late answers are accepted and recorded as late. */
  respond(actor: PetitionActor, summary: string, points: ResponsePoint[], nowMs: number): PetitionEventDraft {
    this.validateRespond(actor, summary, points);
    this.respondedMs = nowMs;
    this.respondedOnTime = nowMs <= this.response!.dueMs;
    this.state = 'responded';
    return {
      type: 'responded',
      actorId: actor.id,
      body: { onTime: this.respondedOnTime, response: JSON.stringify({ summary, points }) },
      notify: ['proposer', 'followers'],
    };
  }

  validateMeeting(actor: PetitionActor, m: Omit<MeetingInput, 'actor'>): void {
    this.requireAgencyStaff(actor);
    this.requireState(['responded'], 'record a meeting for');
    if (typeof m.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(m.date)) throw new PetitionRuleError('date must be YYYY-MM-DD.');
    this.requireText(m.attendees, 'attendees', 2, 2000);
    this.requireText(m.minutes, 'minutes', 5, 20_000);
  }

  recordMeeting(actor: PetitionActor, m: Omit<MeetingInput, 'actor'>): PetitionEventDraft {
    this.validateMeeting(actor, m);
    return {
      type: 'meeting_recorded',
      actorId: actor.id,
      body: { date: m.date, attendees: m.attendees, minutes: m.minutes },
      notify: ['proposer', 'followers'],
    };
  }

  validateClose(actor: PetitionActor): void {
    this.requireReviewer(actor);
    this.requireState(['responded'], 'close');
  }

  close(actor: PetitionActor | null, nowMs: number): PetitionEventDraft {
    if (actor) this.validateClose(actor);
    this.state = 'closed';
    this.closedMs = nowMs;
    return { type: 'closed', ...(actor ? { actorId: actor.id } : { body: { automatic: true } }), notify: ['proposer'] };
  }

  // ---- timers ------------------------------------------------------------------------------

  nextTimer(): PetitionTimer | null {
    const c: PetitionTimer[] = [];
    if (this.state === 'in_review') {
      if (!this.reviewWarned50) c.push({ kind: 'review_warn_50', at: this.review.warn50AtMs });
      if (!this.reviewWarned75) c.push({ kind: 'review_warn_75', at: this.review.warn75AtMs });
      if (!this.reviewOverdue) c.push({ kind: 'review_due', at: this.review.dueMs + 1 });
    } else if (this.state === 'open' && this.windowEndMs !== null) {
      c.push({ kind: 'window_end', at: this.windowEndMs + 1 });
    } else if (this.state === 'awaiting_response' && this.response) {
      if (!this.responseWarned50) c.push({ kind: 'response_warn_50', at: this.response.warn50AtMs });
      if (!this.responseWarned75) c.push({ kind: 'response_warn_75', at: this.response.warn75AtMs });
      if (!this.responseOverdue) c.push({ kind: 'response_due', at: this.response.dueMs + 1 });
    } else if (this.state === 'responded' && this.respondedMs !== null) {
      c.push({ kind: 'auto_close', at: this.clocks.clock.dueAt(this.respondedMs, this.closeAfter) });
    }
    c.sort((a, b) => a.at - b.at);
    return c[0] ?? null;
  }

  /** Applies a due timer. `window_end` needs the final count: use {@link windowClosed}. */
  fire(kind: Exclude<PetitionTimerKind, 'window_end'>, nowMs: number): PetitionEventDraft | null {
    switch (kind) {
      case 'review_warn_50':
        this.reviewWarned50 = true;
        return this.reviewWarned75 ? null : { type: 'review_warning', body: { level: 50 }, notify: ['reviewers'] };
      case 'review_warn_75':
        this.reviewWarned50 = this.reviewWarned75 = true;
        return { type: 'review_warning', body: { level: 75 }, notify: ['reviewers'] };
      case 'review_due':
        this.reviewWarned50 = this.reviewWarned75 = true;
        this.reviewOverdue = true;
        return { type: 'review_overdue', body: { reviewDueAt: iso(this.review.dueMs) }, notify: ['reviewers'] };
      case 'response_warn_50':
        this.responseWarned50 = true;
        return this.responseWarned75 ? null : { type: 'response_warning', body: { level: 50 }, notify: ['agency_officers'] };
      case 'response_warn_75':
        this.responseWarned50 = this.responseWarned75 = true;
        return { type: 'response_warning', body: { level: 75 }, notify: ['agency_officers', 'agency_supervisors'] };
      case 'response_due':
        this.responseWarned50 = this.responseWarned75 = true;
        this.responseOverdue = true;
        return {
          type: 'response_overdue',
          body: { responseDueAt: iso(this.response!.dueMs) },
          notify: ['proposer', 'followers', 'agency_supervisors', 'reviewers'],
        };
      case 'auto_close':
        return this.close(null, nowMs);
    }
  }

  private parse(period: string): SlaPeriod {
    try {
      return parseSlaPeriod(period);
    } catch (e) {
      throw new PetitionRuleError(`period: ${(e as Error).message}`);
    }
  }
}

function toQuiet(periods: readonly QuietPeriodInput[]): QuietPeriod[] {
  return periods.map((p) => ({ fromMs: Date.parse(p.from), untilMs: Date.parse(p.until) }));
}
