/**
 * The rules of one case as a plain, deterministic state machine: what each officer or citizen
 * action may do in which state, how deadlines move, and which timer is due next. No Temporal
 * imports and no clock of its own: the workflow passes `now` in, so the same code is unit-tested
 * directly and replayed exactly by Temporal.
 */
import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { type SlaClock, slaClock } from '../../domain/sla/sla-clock';
import { type SlaPeriod, parseSlaPeriod } from '../../domain/sla/sla-period';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import {
  type Actor,
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

/** A rule violation: the update is refused with this message and nothing changes. */
export class CaseRuleError extends Error {
  override readonly name = 'CaseRuleError';
}

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
  private readonly calendar: BusinessCalendar;
  private readonly clock: SlaClock;
  private readonly rules: CaseSlaRules;
  private readonly resolutionPeriod: SlaPeriod;
  private readonly receivedMs: number;
  /** Start of the window the 50/75 % warnings measure; moves with pauses and reopenings. */
  private windowStartMs: number;

  private state: CaseState = 'received';
  private agencyId: string;
  private assigneeId: string | null = null;
  private acknowledgedMs: number | null = null;
  private readonly ackDueMs: number;
  private resolutionDueMs: number;
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
  private escalations = 0;
  private lastEscalationMs: number | null = null;
  private supplementReminded = false;
  private supplementOverdueFired = false;

  constructor(readonly input: CaseWorkflowInput) {
    this.calendar = twOfficialCalendar(input.closures.map(parsePlainDate));
    this.clock = slaClock(this.calendar);
    this.rules = { ...defaultSlaRules, ...input.sla };
    this.resolutionPeriod = parseSlaPeriod(input.resolutionPeriod);
    this.receivedMs = Date.parse(input.receivedAt);
    this.windowStartMs = this.receivedMs;
    this.agencyId = input.agencyId;
    this.ackDueMs = this.clock.dueAt(this.receivedMs, parseSlaPeriod(input.ackPeriod));
    this.resolutionDueMs = this.clock.dueAt(this.receivedMs, this.resolutionPeriod);
    this.originalResolutionDueMs = this.resolutionDueMs;
    this.legs = [{ agencyId: input.agencyId, startedAt: input.receivedAt, dueAt: iso(this.resolutionDueMs), endedAt: null, timely: null }];
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
        ? this.clock.stateAt({
            startMs: this.windowStartMs,
            dueMs: this.resolutionDueMs,
            nowMs,
            paused: this.pausedSinceMs !== null,
            kind: this.resolutionPeriod.kind,
          })
        : this.breachedMs !== null
          ? 'breached'
          : 'on_track',
      escalations: this.escalations,
      legs: this.legs.map((l) => ({ ...l })),
    };
  }

  // ---- checks shared by validators and commands ------------------------------------------

  private requireStaffOfAgency(actor: Actor): void {
    if (!staffRoles.includes(actor.role)) throw new CaseRuleError('Only officers and supervisors can do this.');
    if (actor.agencyId !== this.agencyId) {
      throw new CaseRuleError(`The case is handled by ${this.agencyId}; your agency cannot act on it.`);
    }
  }

  private requireState(allowed: readonly CaseState[], what: string): void {
    if (!allowed.includes(this.state)) throw new CaseRuleError(`Cannot ${what} a case in state "${this.state}".`);
  }

  private requireText(text: unknown, field: string, min = 2, max = 10_000): void {
    if (typeof text !== 'string' || text.trim().length < min || text.length > max) {
      throw new CaseRuleError(`${field} must be ${min}–${max} characters.`);
    }
  }

  private requireActor(actor: unknown): asserts actor is Actor {
    const a = actor as Actor | undefined;
    if (!a || typeof a.id !== 'string' || !a.id || typeof a.role !== 'string') throw new CaseRuleError('actor is required.');
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
    if (typeof assigneeId !== 'string' || !assigneeId) throw new CaseRuleError('assigneeId is required.');
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
    if (p.kind !== this.resolutionPeriod.kind) throw new CaseRuleError('period must use the same kind of clock as the case.');
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
    if (this.input.kind !== 'application') throw new CaseRuleError('Only applications can be extended.');
    if (this.extended) throw new CaseRuleError('An application can be extended only once.');
    this.requireState(['received', 'accepted', 'in_progress', 'reopened'], 'extend');
    this.requireText(reason, 'reason', 5, 2000);
    const p = this.parse(period, 'period');
    const r = this.clock.extend(this.receivedMs, this.resolutionDueMs, p, nowMs, this.resolutionPeriod);
    if (!r.ok) {
      throw new CaseRuleError(
        {
          after_expiry: 'The extension must be decided before the deadline expires.',
          longer_than_original: 'The extension cannot be longer than the original period.',
          kind_mismatch: 'period must use the same kind of clock as the case.',
        }[r.reason],
      );
    }
  }

  extend(actor: Actor, period: string, reason: string, nowMs: number): EventDraft {
    this.validateExtend(actor, period, reason, nowMs);
    const r = this.clock.extend(this.receivedMs, this.resolutionDueMs, this.parse(period, 'period'), nowMs, this.resolutionPeriod);
    if (!r.ok) throw new CaseRuleError('extension refused');
    const previous = this.resolutionDueMs;
    this.resolutionDueMs = r.dueMs;
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
    if (typeof toAgencyId !== 'string' || !toAgencyId) throw new CaseRuleError('toAgencyId is required.');
    if (toAgencyId === this.agencyId) throw new CaseRuleError('The case is already with that agency.');
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
      dueAt: iso(this.clock.dueAt(nowMs, this.resolutionPeriod)),
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
    this.warned50 = this.warned75 = false;
    this.breachedMs = null;
    this.lastEscalationMs = null;
    this.legs.push({ agencyId: this.agencyId, startedAt: iso(nowMs), dueAt: iso(this.resolutionDueMs), endedAt: null, timely: null });
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
    if (!notProcessedCodes.includes(code)) throw new CaseRuleError(`code must be one of ${notProcessedCodes.join(', ')}.`);
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
    }
    candidates.sort((a, b) => a.at - b.at);
    return candidates[0] ?? null;
  }

  /** Applies a timer that came due and says what to record and whom to tell. */
  fire(kind: TimerKind, nowMs: number): EventDraft | null {
    switch (kind) {
      case 'ack_due':
        this.ackOverdueFired = true;
        return { type: 'ack_overdue', body: { ackDueAt: iso(this.ackDueMs) }, notify: ['agency_officers', 'supervisors'] };
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
        return { type: 'sla_breached', body: { resolutionDueAt: iso(this.resolutionDueMs) }, notify: ['supervisors', 'oversight'] };
      case 'escalate':
        this.escalations += 1;
        this.lastEscalationMs = nowMs;
        return { type: 'sla_escalated', body: { escalation: this.escalations }, notify: ['supervisors', 'oversight'] };
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
      throw new CaseRuleError(`${field}: ${(e as Error).message}`);
    }
  }
}
