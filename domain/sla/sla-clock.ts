/**
 * The SLA clock: turns SLA periods into instants on one agency's business calendar.
 *
 * Everything is an epoch-millisecond instant in and out, so workflows can sleep until the values.
 * Legal periods resolve to the LAST millisecond of a Taipei working day (23:59:59.999+08:00): the
 * law counts whole days, and a deadline day is met by anything done on it. Seconds periods are
 * plain wall-time offsets with no calendar, for workflow tests and demos.
 *
 * "Kind" of an instant: a legal due instant is always the last millisecond of a Taipei day; a
 * seconds due instant is that only by a one-in-86,400,000 coincidence. Functions that take a due
 * instant together with a kind use this to refuse mixed-kind inputs with {@link SlaKindMismatchError}
 * (a legal computation on a non-day-end instant is certainly wrong; a seconds computation on a
 * day-end instant almost certainly is — a seconds test that hits that coincidence should pick
 * another start instant).
 *
 * Pure and deterministic: no clock, no I/O, no Intl. Safe in the Temporal workflow sandbox.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addDays, daysBetween, type PlainDate } from '../calendar/plain-date';
import { endOfTaipeiDay, startOfTaipeiDay, taipeiDateOf } from '../calendar/taipei-time';
import { computeDeadline, monthPeriodEnd, shiftByPausedWorkingDays } from '../deadlines/deadline';
import { PERIOD_LIMITS, type PeriodUnit } from '../deadlines/period';
import { checkFraction, checkInstant, checkSpan } from './checks';
import { SlaKindMismatchError, formatSlaPeriod, type SlaPeriod, type SlaPeriodKind } from './sla-period';
import { slaStateAt, warningAt as wallWarningAt, type SlaState, type SlaWarningFraction } from './sla-state';
import { MS_PER_DAY, addWorkingMs, workingMsBetween } from './working-time';

export type SlaExtensionRefusal = 'after_expiry' | 'longer_than_original' | 'kind_mismatch';

export type SlaExtensionResult =
  | { readonly ok: true; readonly dueMs: number }
  | { readonly ok: false; readonly reason: SlaExtensionRefusal };

export interface SlaClockStateInput {
  readonly startMs: number;
  readonly dueMs: number;
  readonly nowMs: number;
  readonly paused: boolean;
  readonly kind: SlaPeriodKind;
}

export interface SlaClock {
  readonly calendar: BusinessCalendar;

  /**
   * Deadline instant for a period starting at `fromMs`. Legal: end of the Taipei day
   * `computeDeadline(calendar, taipeiDateOf(fromMs), period)` (行政程序法 Art. 48: the receipt day
   * is not counted; always a working day). Seconds: `fromMs + seconds * 1000`.
   */
  dueAt(fromMs: number, period: SlaPeriod): number;

  /**
   * Working days a legal clock loses to a pause: the working days in
   * `(taipeiDate(pausedAtMs), taipeiDate(resumedAtMs)]`. The pause day counts for the agency (the
   * clock ran on it), the resume day is given back (like a receipt day under Art. 48 II, the day the
   * supplement arrives is not counted). Same-day pause → 0; non-working days (weekends, Lunar New
   * Year, typhoon closures) are never counted, since the period would not have used them either.
   */
  pausedWorkingDays(pausedAtMs: number, resumedAtMs: number): number;

  /**
   * The due instant after a pause ends. Legal: the due date moves by {@link pausedWorkingDays}
   * working days (from the next working day on or after it, see `shiftByPausedWorkingDays`), end of
   * that Taipei day. Seconds: `dueMs + (resumedAtMs - pausedAtMs)`. A pause that began after
   * `dueMs` changes nothing: the deadline was already missed, and a pause cannot cure a breach.
   */
  resumeShift(dueMs: number, pausedAtMs: number, resumedAtMs: number, kind: SlaPeriodKind): number;

  /**
   * The start instant to use for warning fractions after a pause: moved by the same amount as the
   * due instant (legal: {@link pausedWorkingDays} days of working time; seconds: the pause length),
   * so the fractions keep measuring unpaused time and the pending warnings move with the deadline.
   */
  resumeShiftStart(startMs: number, pausedAtMs: number, resumedAtMs: number, kind: SlaPeriodKind): number;

  /**
   * One extension of a deadline (行政程序法 Art. 51 III–IV: once, within the original period,
   * decided before the original period ends). The caller enforces "once".
   *
   * - Runs from the original due: legal `computeDeadline(calendar, taipeiDate(originalDueMs), extension)`
   *   (the day after the original due date is the first counted day); seconds `originalDueMs + seconds`.
   * - `after_expiry` when `decidedAtMs > originalDueMs` (deciding at the due instant is in time).
   * - `longer_than_original` when the extension is longer than the original period, measured in the
   *   extension's unit: `Nd` against the calendar days from the receipt date to the original end,
   *   `Nwd` against the working days in between, `Nmo` against the whole months in between, `Ns`
   *   against the original seconds. The extension's own end-of-period holiday shift (Art. 48 IV)
   *   does not count against it: a 30d extension of a 30d period is always within the limit.
   * - `kind_mismatch` when the extension's kind differs from the original's.
   *
   * `originalPeriod` makes the check exact: its kind is authoritative, a same-unit extension is
   * compared on N, and the original end is recomputed from the receipt, so days added by pauses do
   * not enlarge the limit. Without it the kind is inferred from `originalDueMs` (day-end instant →
   * legal) and the original end is `originalDueMs` as it stands (including any pause shifts).
   */
  extend(
    receivedMs: number,
    originalDueMs: number,
    extension: SlaPeriod,
    decidedAtMs: number,
    originalPeriod?: SlaPeriod,
  ): SlaExtensionResult;

  /** A transfer to the competent agency is timely when done by `dueAt(receivedMs, window)` (inclusive). */
  transferTimely(receivedMs: number, transferredAtMs: number, window: SlaPeriod): boolean;

  /**
   * When to repeat a breach escalation. Seconds: `afterMs + seconds`. Legal: the end of the N-th
   * working day counted from the day of `afterMs` exclusive, like {@link dueAt}, except that an
   * instant at exactly 00:00:00.000 belongs to the previous day. That makes the breach instant
   * (`dueMs + 1`) and the due instant give the same answer, so the repeats land every N working
   * days after the due date however the first one is chained.
   */
  nextEscalationAt(afterMs: number, repeat: SlaPeriod): number;

  /**
   * For dashboards, from the Taipei dates of the two instants: 0 when due today; otherwise the
   * working days in (today, due date] (positive, before the due date) or minus the working days in
   * (due date, today] (after it), at least 1 in absolute value so the sign always tells which side
   * of the due date today is (e.g. the Saturday after a Friday due date is −1, not 0).
   */
  workingDaysLeft(nowMs: number, dueMs: number): number;

  /**
   * Warning instant. Seconds: wall time, `startMs + floor((dueMs - startMs) * fraction)`. Legal:
   * the same fraction of WORKING time (the calendar's working days, whole 24 h each; the receipt
   * day's remaining hours count when it is a working day), so the instant always falls on a working
   * day and holidays do not count as time used. Equals the wall-time value when no non-working day
   * lies between the two instants.
   */
  warningAt(startMs: number, dueMs: number, fraction: SlaWarningFraction, kind: SlaPeriodKind): number;

  /** {@link slaStateAt} with the warning instants of {@link warningAt} for `kind`. */
  stateAt(input: SlaClockStateInput): SlaState;
}

function checkKind(kind: SlaPeriodKind): void {
  if (kind !== 'legal' && kind !== 'seconds') {
    throw new RangeError(`SLA kind must be 'legal' or 'seconds', got ${JSON.stringify(kind)}.`);
  }
}

function isDayEnd(ms: number): boolean {
  return ms === endOfTaipeiDay(taipeiDateOf(ms));
}

function describeInstant(ms: number): string {
  const date = taipeiDateOf(ms);
  return `${ms} (${date} +${ms - startOfTaipeiDay(date)} ms, Taipei)`;
}

/** Refuses a due instant whose shape does not match `kind` (see the module comment). */
function checkDueKind(name: string, dueMs: number, kind: SlaPeriodKind): void {
  if (kind === 'legal' && !isDayEnd(dueMs)) {
    throw new SlaKindMismatchError(
      `${name} ${describeInstant(dueMs)} is not the last millisecond of a Taipei day, so it is not a ` +
        `legal-period deadline: a seconds-kind deadline was given to a legal-kind computation.`,
    );
  }
  if (kind === 'seconds' && isDayEnd(dueMs)) {
    throw new SlaKindMismatchError(
      `${name} ${describeInstant(dueMs)} is the last millisecond of a Taipei day, i.e. a legal-period ` +
        `deadline, but the computation is seconds-kind. (If it really is a seconds deadline that ` +
        `lands there by coincidence, start the test from another instant.)`,
    );
  }
}

function checkPause(pausedAtMs: number, resumedAtMs: number): void {
  checkInstant('pausedAtMs', pausedAtMs);
  checkInstant('resumedAtMs', resumedAtMs);
  if (resumedAtMs < pausedAtMs) {
    throw new RangeError(`resumedAtMs (${resumedAtMs}) is before pausedAtMs (${pausedAtMs}).`);
  }
}

export function slaClock(calendar: BusinessCalendar): SlaClock {
  /** Length of `[from, to]` in `unit`: calendar days, working days in (from, to], or whole months. */
  function spanIn(unit: PeriodUnit, from: PlainDate, to: PlainDate): number {
    switch (unit) {
      case 'd':
        return daysBetween(from, to);
      case 'wd':
        return calendar.workingDaysBetween(from, to);
      case 'mo': {
        const start = addDays(from, 1);
        let months = 0;
        while (months < PERIOD_LIMITS.mo && monthPeriodEnd(start, months + 1) <= to) months++;
        return months;
      }
    }
  }

  function pausedWorkingDays(pausedAtMs: number, resumedAtMs: number): number {
    checkPause(pausedAtMs, resumedAtMs);
    return calendar.workingDaysBetween(taipeiDateOf(pausedAtMs), taipeiDateOf(resumedAtMs));
  }

  function dueAt(fromMs: number, period: SlaPeriod): number {
    checkInstant('fromMs', fromMs);
    formatSlaPeriod(period); // validates, throws InvalidSlaPeriodError
    return period.kind === 'legal'
      ? endOfTaipeiDay(computeDeadline(calendar, taipeiDateOf(fromMs), period.period))
      : fromMs + period.seconds * 1000;
  }

  function warningAt(startMs: number, dueMs: number, fraction: SlaWarningFraction, kind: SlaPeriodKind): number {
    checkSpan(startMs, dueMs);
    checkFraction(fraction);
    checkKind(kind);
    checkDueKind('dueMs', dueMs, kind);
    if (kind === 'seconds') return wallWarningAt(startMs, dueMs, fraction);
    const total = workingMsBetween(calendar, startMs, dueMs);
    // min: only matters if a closure was declared on the due date after it was computed.
    return Math.min(dueMs, addWorkingMs(calendar, startMs, Math.floor(total * fraction)));
  }

  return {
    calendar,
    dueAt,
    pausedWorkingDays,

    resumeShift(dueMs, pausedAtMs, resumedAtMs, kind) {
      checkInstant('dueMs', dueMs);
      checkPause(pausedAtMs, resumedAtMs);
      checkKind(kind);
      checkDueKind('dueMs', dueMs, kind);
      if (pausedAtMs > dueMs) return dueMs;
      if (kind === 'seconds') return dueMs + (resumedAtMs - pausedAtMs);
      const days = pausedWorkingDays(pausedAtMs, resumedAtMs);
      return endOfTaipeiDay(shiftByPausedWorkingDays(calendar, taipeiDateOf(dueMs), days));
    },

    resumeShiftStart(startMs, pausedAtMs, resumedAtMs, kind) {
      checkInstant('startMs', startMs);
      checkPause(pausedAtMs, resumedAtMs);
      checkKind(kind);
      if (kind === 'seconds') return startMs + (resumedAtMs - pausedAtMs);
      const days = pausedWorkingDays(pausedAtMs, resumedAtMs);
      return days === 0 ? startMs : addWorkingMs(calendar, startMs, days * MS_PER_DAY);
    },

    extend(receivedMs, originalDueMs, extension, decidedAtMs, originalPeriod) {
      checkInstant('receivedMs', receivedMs);
      checkInstant('originalDueMs', originalDueMs);
      checkInstant('decidedAtMs', decidedAtMs);
      formatSlaPeriod(extension);
      if (originalPeriod !== undefined) formatSlaPeriod(originalPeriod);
      if (originalDueMs <= receivedMs) {
        throw new RangeError(`originalDueMs (${originalDueMs}) is not after receivedMs (${receivedMs}).`);
      }
      const originalKind =
        originalPeriod?.kind ??
        (isDayEnd(originalDueMs) && taipeiDateOf(originalDueMs) > taipeiDateOf(receivedMs) ? 'legal' : 'seconds');
      if (originalKind !== extension.kind) return { ok: false, reason: 'kind_mismatch' };
      if (decidedAtMs > originalDueMs) return { ok: false, reason: 'after_expiry' };

      if (extension.kind === 'seconds') {
        const limitMs = originalPeriod?.kind === 'seconds' ? originalPeriod.seconds * 1000 : originalDueMs - receivedMs;
        if (extension.seconds * 1000 > limitMs) return { ok: false, reason: 'longer_than_original' };
        return { ok: true, dueMs: originalDueMs + extension.seconds * 1000 };
      }

      checkDueKind('originalDueMs', originalDueMs, 'legal');
      const { unit, n } = extension.period;
      const received = taipeiDateOf(receivedMs);
      const originalDue = taipeiDateOf(originalDueMs);
      let limit: number;
      if (originalPeriod?.kind === 'legal' && originalPeriod.period.unit === unit) {
        limit = originalPeriod.period.n;
      } else {
        const originalEnd =
          originalPeriod?.kind === 'legal' ? computeDeadline(calendar, received, originalPeriod.period) : originalDue;
        limit = spanIn(unit, received, originalEnd);
      }
      if (n > limit) return { ok: false, reason: 'longer_than_original' };
      return { ok: true, dueMs: endOfTaipeiDay(computeDeadline(calendar, originalDue, extension.period)) };
    },

    transferTimely(receivedMs, transferredAtMs, window) {
      checkInstant('transferredAtMs', transferredAtMs);
      return transferredAtMs <= dueAt(receivedMs, window);
    },

    nextEscalationAt(afterMs, repeat) {
      checkInstant('afterMs', afterMs);
      formatSlaPeriod(repeat);
      return repeat.kind === 'legal' ? dueAt(afterMs - 1, repeat) : dueAt(afterMs, repeat);
    },

    workingDaysLeft(nowMs, dueMs) {
      checkInstant('nowMs', nowMs);
      checkInstant('dueMs', dueMs);
      const today = taipeiDateOf(nowMs);
      const due = taipeiDateOf(dueMs);
      if (today === due) return 0;
      if (today < due) return Math.max(1, calendar.workingDaysBetween(today, due));
      return -Math.max(1, calendar.workingDaysBetween(due, today));
    },

    warningAt,

    stateAt(input) {
      const { startMs, dueMs, kind } = input;
      return slaStateAt({
        startMs,
        dueMs,
        nowMs: input.nowMs,
        paused: input.paused,
        warn50AtMs: warningAt(startMs, dueMs, 0.5, kind),
        warn75AtMs: warningAt(startMs, dueMs, 0.75, kind),
      });
    },
  };
}
