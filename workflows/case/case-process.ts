/**
 * The rules of one case as a plain, deterministic state machine: what each officer or citizen
 * action may do in which state, how deadlines move, and which timer is due next. No Temporal
 * imports and no clock of its own: the workflow passes `now` in, so the same code is unit-tested
 * directly and replayed exactly by Temporal.
 */
import { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { expandCalendar } from '../../domain/calendar/calendar-edition';
import type { OfficialCalendarData } from '../../domain/calendar/calendar-data';
import { addDays, parsePlainDate } from '../../domain/calendar/plain-date';
import { endOfTaipeiDay, taipeiDateOf } from '../../domain/calendar/taipei-time';
import { TW_OFFICIAL_CALENDAR_V1_DATA } from '../../domain/calendar/tw-official-calendar-v1';
import { PRIORITY_TIER_DEFAULT_PERIODS } from '../../domain/sla/priority';
import { type SlaClock, slaClock } from '../../domain/sla/sla-clock';
import { type SlaPeriod, parseSlaPeriod } from '../../domain/sla/sla-period';
import {
  type Actor,
  type CalendarChangedSignal,
  type CaseRuleCode,
  type Audience,
  type CaseEventType,
  type CaseLeg,
  type CaseSlaRules,
  type CaseSnapshot,
  type CaseState,
  type CaseWorkflowInput,
  type NotProcessedCode,
  defaultSlaRules,
  notProcessedCodes,
  openCaseStates,
} from './contract';
import { supplementReminderAt } from './reminders';

/** A rule violation: the update is refused with this code and message, and nothing changes. */
export class CaseRuleError extends Error {
  override readonly name = 'CaseRuleError';
  constructor(
    readonly code: CaseRuleCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Behaviour that changed after cases were already running. The workflow decides each flag with
 * patched(), so a case keeps, for its whole life, the behaviour it started with.
 */
export interface CaseProcessFeatures {
  /** A missed acknowledgement deadline is a breach: SLA state, oversight notice, escalation. */
  ackBreach: boolean;
  /** Count with the calendar in the input (else the frozen edition compiled in before it travelled). */
  calendarFromInput: boolean;
}

export const allFeatures: CaseProcessFeatures = { ackBreach: true, calendarFromInput: true };
/** Legal due instants are the last millisecond of a Taipei day; seconds periods (tests) are not. */
const isDayEnd = (ms: number) => endOfTaipeiDay(taipeiDateOf(ms)) === ms;

export interface EventDraft {
  type: CaseEventType;
  actorId?: string;
  body?: Record<string, string | number | boolean>;
  notify?: Audience[];
}

export type TimerKind =
  | 'ack_due'
  | 'warn_50'
  | 'warn_75'
  | 'breach'
  | 'escalate'
  | 'supplement_reminder'
  | 'supplement_due'
  | 'auto_close';

export interface DueTimer {
  kind: TimerKind;
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const staffRoles: readonly Actor['role'][] = ['officer', 'supervisor'];

export class CaseProcess {
  private official: OfficialCalendarData;
  private closures: string[];
  private calendar: BusinessCalendar;
  private clock: SlaClock;
  private readonly rules: CaseSlaRules;
  private readonly resolutionPeriod: SlaPeriod;
  private readonly receivedMs: number;
  /** Start of the window the 50/75 % warnings measure; moves with pauses and reopenings. */
  private windowStartMs: number;

  private state: CaseState = 'received';
  private agencyId: string;
  private assigneeId: string | null = null;
  private acknowledgedMs: number | null = null;
  private ackDueMs: number;
  private resolutionDueMs: number;
  /** False once a pause, an extension or a reopening moved the deadline away from receipt + period. */
  private resolutionFromReceipt = true;
  private readonly originalResolutionDueMs: number;
  private extended = false;
  private pausedSinceMs: number | null = null;
  private supplementDueMs: number | null = null;
  private repliedMs: number | null = null;
  private closedMs: number | null = null;
  private notProcessedCode: NotProcessedCode | null = null;
  private legs: CaseLeg[];
  // Which timers have fired for the current deadline window.
  private ackOverdueFired = false;
  private warned50 = false;
  private warned75 = false;
  private breachedMs: number | null = null;
  private ackBreachedMs: number | null = null;
  private escalations = 0;
  private lastEscalationMs: number | null = null;
  private supplementReminded = false;
  private supplementOverdueFired = false;

  constructor(
    readonly input: CaseWorkflowInput,
    readonly features: CaseProcessFeatures = allFeatures,
  ) {
    this.official = features.calendarFromInput && input.calendar ? expandCalendar(input.calendar) : TW_OFFICIAL_CALENDAR_V1_DATA;
    this.closures = [...input.closures];
    this.calendar = new BusinessCalendar({ official: this.official, closures: this.closures.map(parsePlainDate) });
    this.clock = slaClock(this.calendar);
    this.rules = { ...defaultSlaRules, ...input.sla };
    this.resolutionPeriod = parseSlaPeriod(input.resolutionPeriod);
    this.receivedMs = Date.parse(input.receivedAt);
    this.windowStartMs = this.receivedMs;
    this.agencyId = input.agencyId;
    this.ackDueMs = this.clock.dueAt(this.receivedMs, parseSlaPeriod(input.ackPeriod));
    this.resolutionDueMs = this.clock.dueAt(this.receivedMs, this.resolutionPeriod);
    this.originalResolutionDueMs = this.resolutionDueMs;
    this.legs = [{ agencyId: input.agencyId, startedAt: input.receivedAt, dueAt: iso(this.legDueMs(this.receivedMs)), endedAt: null, timely: null }];
  }

  /**
   * An agency leg's internal due instant (OLA): the priority tier's processing period (最速件 /
   * 速件 / 普通件 = 1 / 3 / 6 working days) when the case has one, never after the citizen's deadline.
   */
  private legDueMs(startMs: number): number {
    const full = this.clock.dueAt(startMs, this.resolutionPeriod);
    const tier = this.input.priority;
    if (!tier || this.resolutionPeriod.kind === 'seconds') return full;
    return Math.min(full, this.clock.dueAt(startMs, PRIORITY_TIER_DEFAULT_PERIODS[tier]), this.resolutionDueMs);
  }

  private get ackMissed(): boolean {
    return this.ackBreachedMs !== null;
  }

  get currentState(): CaseState {
    return this.state;
  }

  /** The workflow ends once nothing more can happen to the case. */
  get finished(): boolean {
    return this.state === 'closed' || this.state === 'not_processed';
  }

  snapshot(nowMs: number): CaseSnapshot {
    const open = openCaseStates.includes(this.state);
    return {
      state: this.state,
      agencyId: this.agencyId,
      assigneeId: this.assigneeId,
      receivedAt: this.input.receivedAt,
      acknowledgedAt: this.acknowledgedMs === null ? null : iso(this.acknowledgedMs),
      ackDueAt: iso(this.ackDueMs),
      resolutionDueAt: iso(this.resolutionDueMs),
      originalResolutionDueAt: iso(this.originalResolutionDueMs),
      extended: this.extended,
      pausedSince: this.pausedSinceMs === null ? null : iso(this.pausedSinceMs),
      supplementDueAt: this.supplementDueMs === null ? null : iso(this.supplementDueMs),
      repliedAt: this.repliedMs === null ? null : iso(this.repliedMs),
      closedAt: this.closedMs === null ? null : iso(this.closedMs),
      notProcessedCode: this.notProcessedCode,
      sla: open
        ? this.ackMissed
          ? 'breached'
          : this.clock.stateAt({
              startMs: this.windowStartMs,
              dueMs: this.resolutionDueMs,
              nowMs,
              paused: this.pausedSinceMs !== null,
              kind: this.resolutionPeriod.kind,
            })
        : this.breachedMs !== null || this.ackMissed
          ? 'breached'
          : 'on_track',
      escalations: this.escalations,
      legs: this.legs.map((l) => ({ ...l })),
      ackMissed: this.ackMissed,
      answerMissed: this.breachedMs !== null || (this.repliedMs !== null && this.repliedMs > this.resolutionDueMs),
    };
  }

  // ---- checks shared by validators and commands ------------------------------------------

  private requireStaffOfAgency(actor: Actor): void {
    if (!staffRoles.includes(actor.role)) throw new CaseRuleError('not-staff', 'Only officers and supervisors can do this.');
    if (actor.agencyId !== this.agencyId) {
      throw new CaseRuleError('other-agency', `The case is handled by ${this.agencyId}; your agency cannot act on it.`);
    }
  }

  private requireState(allowed: readonly CaseState[], what: string): void {
    if (!allowed.includes(this.state)) throw new CaseRuleError('wrong-state', `Cannot ${what} a case in state "${this.state}".`);
  }

  private requireText(text: unknown, field: string, min = 2, max = 10_000): void {
    if (typeof text !== 'string' || text.trim().length < min || text.length > max) {
      throw new CaseRuleError('text-length', `${field} must be ${min}–${max} characters.`);
    }
  }

  private requireActor(actor: unknown): asserts actor is Actor {
    const a = actor as Actor | undefined;
    if (!a || typeof a.id !== 'string' || !a.id || typeof a.role !== 'string') throw new CaseRuleError('actor-required', 'actor is required.');
  }

  // ---- commands: validate*() never mutates; the matching apply*() does -------------------

  validateAccept(actor: Actor): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(['received', 'transferred'], 'accept');
  }

  accept(actor: Actor, nowMs: number): EventDraft {
    this.validateAccept(actor);
    this.acknowledgedMs ??= nowMs;
    this.state = 'accepted';
    return { type: 'accepted', actorId: actor.id, notify: ['citizen'] };
  }

  validateAssign(actor: Actor, assigneeId: string): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(openCaseStates, 'assign');
    if (typeof assigneeId !== 'string' || !assigneeId) throw new CaseRuleError('assignee-required', 'assigneeId is required.');
  }

  assign(actor: Actor, assigneeId: string, nowMs: number): EventDraft {
    this.validateAssign(actor, assigneeId);
    this.assigneeId = assigneeId;
    this.acknowledgedMs ??= nowMs;
    if (this.state === 'received' || this.state === 'accepted' || this.state === 'transferred') this.state = 'in_progress';
    return { type: 'assigned', actorId: actor.id, body: { assigneeId }, notify: ['assignee'] };
  }

  validateRequestSupplement(actor: Actor, message: string, period?: string): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(['received', 'accepted', 'in_progress', 'extended', 'reopened'], 'request a supplement for');
    this.requireText(message, 'message', 5);
    const p = this.parse(period ?? this.rules.supplementPeriod, 'period');
    if (p.kind !== this.resolutionPeriod.kind) throw new CaseRuleError('period-clock-mismatch', 'period must use the same kind of clock as the case.');
  }

  requestSupplement(actor: Actor, message: string, period: string | undefined, nowMs: number): EventDraft {
    this.validateRequestSupplement(actor, message, period);
    const p = this.parse(period ?? this.rules.supplementPeriod, 'period');
    this.acknowledgedMs ??= nowMs;
    this.pausedSinceMs = nowMs;
    this.supplementDueMs = this.clock.dueAt(nowMs, p);
    this.supplementReminded = false;
    this.supplementOverdueFired = false;
    this.state = 'awaiting_supplement';
    return {
      type: 'supplement_requested',
      actorId: actor.id,
      body: { message, supplementDueAt: iso(this.supplementDueMs) },
      notify: ['citizen'],
    };
  }

  validateSupplementReceived(actor: Actor, message: string): void {
    this.requireActor(actor);
    if (actor.role !== 'citizen') this.requireStaffOfAgency(actor);
    this.requireState(['awaiting_supplement'], 'record a supplement for');
    this.requireText(message, 'message', 2);
  }

  /** Resumes the clock; the deadline moves by the working days the pause took. */
  supplementReceived(actor: Actor, message: string, nowMs: number): EventDraft {
    this.validateSupplementReceived(actor, message);
    const pausedSince = this.pausedSinceMs ?? nowMs;
    const before = this.resolutionDueMs;
    const kind = this.resolutionPeriod.kind;
    this.resolutionDueMs = this.clock.resumeShift(this.resolutionDueMs, pausedSince, nowMs, kind);
    // Pending warnings move with the deadline, so resuming does not set one off by itself.
    this.windowStartMs = this.clock.resumeShiftStart(this.windowStartMs, pausedSince, nowMs, kind);
    this.legs[this.legs.length - 1]!.dueAt = iso(
      this.clock.resumeShift(Date.parse(this.legs[this.legs.length - 1]!.dueAt), pausedSince, nowMs, this.resolutionPeriod.kind),
    );
    this.pausedSinceMs = null;
    this.supplementDueMs = null;
    this.resolutionFromReceipt = false;
    this.state = 'in_progress';
    return {
      type: 'supplement_received',
      actorId: actor.id,
      body: { message, shiftedFrom: iso(before), resolutionDueAt: iso(this.resolutionDueMs) },
      notify: ['assignee'],
    };
  }

  validateExtend(actor: Actor, period: string, reason: string, nowMs: number): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    if (this.input.kind !== 'application') throw new CaseRuleError('extension-grievance', 'Only applications can be extended.');
    if (this.extended) throw new CaseRuleError('extension-already-used', 'An application can be extended only once.');
    this.requireState(['received', 'accepted', 'in_progress', 'reopened'], 'extend');
    this.requireText(reason, 'reason', 5, 2000);
    const p = this.parse(period, 'period');
    const r = this.clock.extend(this.receivedMs, this.resolutionDueMs, p, nowMs, this.resolutionPeriod);
    if (!r.ok) {
      const [code, message] = (
        {
          after_expiry: ['extension-after-expiry', 'The extension must be decided before the deadline expires.'],
          longer_than_original: ['extension-too-long', 'The extension cannot be longer than the original period.'],
          kind_mismatch: ['period-clock-mismatch', 'period must use the same kind of clock as the case.'],
        } as const
      )[r.reason];
      throw new CaseRuleError(code, message);
    }
  }

  extend(actor: Actor, period: string, reason: string, nowMs: number): EventDraft {
    this.validateExtend(actor, period, reason, nowMs);
    const r = this.clock.extend(this.receivedMs, this.resolutionDueMs, this.parse(period, 'period'), nowMs, this.resolutionPeriod);
    if (!r.ok) throw new CaseRuleError('case-rule', 'extension refused');
    const previous = this.resolutionDueMs;
    this.resolutionDueMs = r.dueMs;
    this.resolutionFromReceipt = false;
    this.extended = true;
    this.state = 'extended';
    // The officer is warned again within the new window.
    this.windowStartMs = previous;
    this.warned50 = false;
    this.warned75 = false;
    return {
      type: 'extended',
      actorId: actor.id,
      body: { reason, period, previousDueAt: iso(previous), resolutionDueAt: iso(r.dueMs) },
      notify: ['citizen'],
    };
  }

  validateTransfer(actor: Actor, toAgencyId: string, reason: string): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(['received', 'accepted', 'in_progress', 'transferred', 'reopened'], 'transfer');
    if (typeof toAgencyId !== 'string' || !toAgencyId) throw new CaseRuleError('transfer-target-required', 'toAgencyId is required.');
    if (toAgencyId === this.agencyId) throw new CaseRuleError('transfer-same-agency', 'The case is already with that agency.');
    this.requireText(reason, 'reason', 5, 2000);
  }

  /**
   * Art. 172: hand the case to the competent agency. The citizen's deadline keeps running; the
   * receiving agency gets a leg of its own with its own internal due instant.
   */
  transfer(actor: Actor, toAgencyId: string, reason: string, nowMs: number): EventDraft {
    this.validateTransfer(actor, toAgencyId, reason);
    const window = this.parse(this.rules.transferWindow, 'transferWindow');
    const timely = this.clock.transferTimely(this.receivedMs, nowMs, window);
    const leg = this.legs[this.legs.length - 1]!;
    leg.endedAt = iso(nowMs);
    leg.timely = timely;
    const from = this.agencyId;
    this.agencyId = toAgencyId;
    this.assigneeId = null;
    this.state = 'transferred';
    this.legs.push({
      agencyId: toAgencyId,
      startedAt: iso(nowMs),
      dueAt: iso(this.legDueMs(nowMs)),
      endedAt: null,
      timely: null,
    });
    return {
      type: 'transferred',
      actorId: actor.id,
      body: { fromAgencyId: from, toAgencyId, reason, timely },
      notify: ['citizen', 'agency_officers'],
    };
  }

  validateReply(actor: Actor, message: string): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(openCaseStates, 'reply to');
    this.requireText(message, 'message', 5);
  }

  reply(actor: Actor, message: string, nowMs: number): EventDraft {
    this.validateReply(actor, message);
    const onTime = nowMs <= this.resolutionDueMs;
    this.acknowledgedMs ??= nowMs;
    this.pausedSinceMs = null;
    this.supplementDueMs = null;
    this.repliedMs = nowMs;
    this.state = 'replied';
    this.legs[this.legs.length - 1]!.endedAt = iso(nowMs);
    return { type: 'replied', actorId: actor.id, body: { message, onTime }, notify: ['citizen'] };
  }

  validateClose(actor: Actor): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(['replied'], 'close');
  }

  close(actor: Actor | null, nowMs: number): EventDraft {
    if (actor) this.validateClose(actor);
    this.closedMs = nowMs;
    this.state = 'closed';
    return { type: 'closed', ...(actor ? { actorId: actor.id } : { body: { automatic: true } }) };
  }

  validateReopen(actor: Actor, reason: string): void {
    this.requireActor(actor);
    if (actor.role !== 'citizen') this.requireStaffOfAgency(actor);
    this.requireState(['replied'], 'reopen');
    this.requireText(reason, 'reason', 5, 2000);
  }

  /** A fresh resolution period from now; warnings and breach start over. */
  reopen(actor: Actor, reason: string, nowMs: number): EventDraft {
    this.validateReopen(actor, reason);
    this.state = 'reopened';
    this.repliedMs = null;
    this.windowStartMs = nowMs;
    this.resolutionDueMs = this.clock.dueAt(nowMs, this.resolutionPeriod);
    this.resolutionFromReceipt = false;
    this.warned50 = this.warned75 = false;
    this.breachedMs = null;
    this.lastEscalationMs = null;
    this.legs.push({ agencyId: this.agencyId, startedAt: iso(nowMs), dueAt: iso(this.legDueMs(nowMs)), endedAt: null, timely: null });
    return {
      type: 'reopened',
      actorId: actor.id,
      body: { reason, resolutionDueAt: iso(this.resolutionDueMs) },
      notify: ['assignee', 'supervisors'],
    };
  }

  validateNotProcessed(actor: Actor, code: NotProcessedCode, reason: string): void {
    this.requireActor(actor);
    this.requireStaffOfAgency(actor);
    this.requireState(openCaseStates, 'close as not processed');
    if (!notProcessedCodes.includes(code)) throw new CaseRuleError('not-processed-code', `code must be one of ${notProcessedCodes.join(', ')}.`);
    this.requireText(reason, 'reason', 5, 2000);
  }

  /** Art. 173 closures: counted, but excluded from on-time rates. */
  notProcessed(actor: Actor, code: NotProcessedCode, reason: string, nowMs: number): EventDraft {
    this.validateNotProcessed(actor, code, reason);
    this.notProcessedCode = code;
    this.closedMs = nowMs;
    this.pausedSinceMs = null;
    this.state = 'not_processed';
    return { type: 'not_processed', actorId: actor.id, body: { code, reason }, notify: ['citizen'] };
  }

  // ---- calendar ------------------------------------------------------------------------

  /**
   * A new edition of the official calendar or newly declared office closures (typhoon days).
   * Deadlines still ahead are counted again from receipt where nothing else moved them, and any
   * deadline that now falls on a day off moves to the end of the next working day (Art. 48).
   * A revision never shortens a running deadline. Returns the timeline event, or null when no
   * deadline moved.
   */
  changeCalendar(change: CalendarChangedSignal, nowMs: number): EventDraft | null {
    if (change.calendar) this.official = expandCalendar(change.calendar);
    if (change.closures) this.closures = [...new Set([...this.closures, ...change.closures])].sort();
    this.calendar = new BusinessCalendar({ official: this.official, closures: this.closures.map(parsePlainDate) });
    this.clock = slaClock(this.calendar);
    const beforeAck = this.ackDueMs;
    const beforeResolution = this.resolutionDueMs;
    const open = openCaseStates.includes(this.state);
    const later = (current: number, recomputed: number) => Math.max(current, this.rollToWorkingDay(recomputed));
    if (open && this.acknowledgedMs === null && !this.ackOverdueFired && this.ackDueMs > nowMs && isDayEnd(this.ackDueMs)) {
      this.ackDueMs = later(this.ackDueMs, this.clock.dueAt(this.receivedMs, parseSlaPeriod(this.input.ackPeriod)));
    }
    if (open && this.breachedMs === null && this.resolutionDueMs > nowMs && this.resolutionPeriod.kind !== 'seconds') {
      const recomputed = this.resolutionFromReceipt ? this.clock.dueAt(this.receivedMs, this.resolutionPeriod) : this.resolutionDueMs;
      this.resolutionDueMs = later(this.resolutionDueMs, recomputed);
      if (this.resolutionFromReceipt) this.resolutionFromReceipt = this.resolutionDueMs === recomputed;
      const leg = this.legs[this.legs.length - 1]!;
      if (leg.endedAt === null && isDayEnd(Date.parse(leg.dueAt))) leg.dueAt = iso(later(Date.parse(leg.dueAt), Date.parse(leg.dueAt)));
      if (this.supplementDueMs !== null && this.supplementDueMs > nowMs) this.supplementDueMs = later(this.supplementDueMs, this.supplementDueMs);
    }
    if (this.ackDueMs === beforeAck && this.resolutionDueMs === beforeResolution) return null;
    return {
      type: 'deadlines_moved',
      body: {
        reason: change.reason,
        ...(change.calendar ? { calendarEdition: change.calendar.edition } : {}),
        previousAckDueAt: iso(beforeAck),
        ackDueAt: iso(this.ackDueMs),
        previousResolutionDueAt: iso(beforeResolution),
        resolutionDueAt: iso(this.resolutionDueMs),
      },
      notify: ['citizen', 'assignee'],
    };
  }

  /** A legal due instant (end of a Taipei day) that falls on a day off moves to the end of the next working day. */
  private rollToWorkingDay(dueMs: number): number {
    if (!isDayEnd(dueMs)) return dueMs;
    let date = taipeiDateOf(dueMs);
    while (!this.calendar.isWorkingDay(date)) date = addDays(date, 1);
    return endOfTaipeiDay(date);
  }

  // ---- timers --------------------------------------------------------------------------

  /** The earliest timer still to fire, or null when the case waits only for people. */
  nextTimer(): DueTimer | null {
    const candidates: DueTimer[] = [];
    if (this.state === 'replied' && this.repliedMs !== null) {
      candidates.push({ kind: 'auto_close', at: this.clock.dueAt(this.repliedMs, this.parse(this.rules.autoCloseAfter, 'autoCloseAfter')) });
    } else if (openCaseStates.includes(this.state)) {
      if (this.acknowledgedMs === null && !this.ackOverdueFired) candidates.push({ kind: 'ack_due', at: this.ackDueMs + 1 });
      if (this.pausedSinceMs !== null && this.supplementDueMs !== null) {
        if (!this.supplementReminded) {
          const at = supplementReminderAt(this.calendar, this.pausedSinceMs, this.supplementDueMs, this.parse(this.rules.supplementReminderBefore, 'supplementReminderBefore'));
          if (at !== null) candidates.push({ kind: 'supplement_reminder', at });
        }
        if (!this.supplementOverdueFired) candidates.push({ kind: 'supplement_due', at: this.supplementDueMs + 1 });
      } else {
        const kind = this.resolutionPeriod.kind;
        if (!this.warned50) candidates.push({ kind: 'warn_50', at: this.clock.warningAt(this.windowStartMs, this.resolutionDueMs, 0.5, kind) });
        if (!this.warned75) candidates.push({ kind: 'warn_75', at: this.clock.warningAt(this.windowStartMs, this.resolutionDueMs, 0.75, kind) });
        if (this.breachedMs === null) candidates.push({ kind: 'breach', at: this.resolutionDueMs + 1 });
        else {
          const repeat = this.parse(this.rules.escalationRepeat, 'escalationRepeat');
          candidates.push({ kind: 'escalate', at: this.clock.nextEscalationAt(this.lastEscalationMs ?? this.breachedMs, repeat) });
        }
      }
      // A missed acknowledgement escalates like a missed answer, until the case is acknowledged.
      if (this.ackBreachedMs !== null && this.breachedMs === null && this.acknowledgedMs === null) {
        const repeat = this.parse(this.rules.escalationRepeat, 'escalationRepeat');
        candidates.push({ kind: 'escalate', at: this.clock.nextEscalationAt(this.lastEscalationMs ?? this.ackBreachedMs, repeat) });
      }
    }
    candidates.sort((a, b) => a.at - b.at);
    return candidates[0] ?? null;
  }

  /** Applies a timer that came due and says what to record and whom to tell. */
  fire(kind: TimerKind, nowMs: number): EventDraft | null {
    switch (kind) {
      case 'ack_due':
        this.ackOverdueFired = true;
        if (!this.features.ackBreach) {
          return { type: 'ack_overdue', body: { ackDueAt: iso(this.ackDueMs) }, notify: ['agency_officers', 'supervisors'] };
        }
        this.ackBreachedMs = nowMs;
        return {
          type: 'ack_overdue',
          body: { ackDueAt: iso(this.ackDueMs), deadline: 'ack', breach: true },
          notify: ['agency_officers', 'supervisors', 'oversight'],
        };
      case 'warn_50':
        this.warned50 = true;
        // A late start (e.g. right after an extension) may pass both thresholds at once.
        return this.warned75 ? null : { type: 'sla_warning', body: { level: 50 }, notify: ['assignee'] };
      case 'warn_75':
        this.warned50 = this.warned75 = true;
        return { type: 'sla_warning', body: { level: 75 }, notify: ['assignee', 'supervisors'] };
      case 'breach':
        this.warned50 = this.warned75 = true;
        this.breachedMs = nowMs;
        // Re-escalation of the answer counts from its own breach, not from the acknowledgement's.
        this.lastEscalationMs = null;
        return {
          type: 'sla_breached',
          body: { resolutionDueAt: iso(this.resolutionDueMs), ...(this.features.ackBreach ? { deadline: 'answer' } : {}) },
          notify: ['supervisors', 'oversight'],
        };
      case 'escalate':
        this.escalations += 1;
        this.lastEscalationMs = nowMs;
        return {
          type: 'sla_escalated',
          body: { escalation: this.escalations, ...(this.features.ackBreach ? { deadline: this.breachedMs !== null ? 'answer' : 'ack' } : {}) },
          notify: ['supervisors', 'oversight'],
        };
      case 'supplement_reminder':
        this.supplementReminded = true;
        return { type: 'supplement_reminder', body: { supplementDueAt: iso(this.supplementDueMs ?? nowMs) }, notify: ['citizen'] };
      case 'supplement_due':
        this.supplementOverdueFired = true;
        return { type: 'supplement_overdue', notify: ['assignee'] };
      case 'auto_close':
        return this.close(null, nowMs);
    }
  }

  private parse(period: string, field: string): SlaPeriod {
    try {
      return parseSlaPeriod(period);
    } catch (e) {
      throw new CaseRuleError('period-invalid', `${field}: ${(e as Error).message}`);
    }
  }
}
