/**
 * The agency's deadline to publish its responses (the disposition report) after the comment period
 * closes, with the 50 % / 75 % warnings of the SLA module.
 *
 * The period (e.g. `30d`, `2mo`) is counted like every legal period here (行政程序法 Art. 48 via
 * `SlaClock.dueAt`): the closing day is the day of receipt and is not counted. The closing day is
 * the comment period's last day (`closesAt` is 00:00 of the day after it, so `closesAt - 1` is
 * used, the same convention as `SlaClock.nextEscalationAt`). The due instant is the end of a Taipei
 * working day; the warnings are fractions of working time from `closesAt`, as for case SLAs.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseSlaPeriod } from '../sla/sla-period';
import { slaClock } from '../sla/sla-clock';
import { slaStateAt, type SlaState } from '../sla/sla-state';
import { defaultCalendar } from './default-calendar';

/** Default time to publish the responses after the close. */
export const DEFAULT_RESPONSE_PERIOD = '30d';

export interface ResponseDeadlineInput {
  /** The comment period's close (exclusive end), epoch ms. */
  readonly closesAt: number;
  /**
   * `30d` (default), `3wd`, `2mo`; or wall-clock seconds `Ns` for tests and demos (counted from the
   * close exactly, no calendar). Throws `InvalidSlaPeriodError` when malformed.
   */
  readonly period?: string;
  readonly calendar?: BusinessCalendar;
}

export interface ResponseDeadline {
  readonly period: string;
  /** When the clock starts: the close. */
  readonly startMs: number;
  /** Last millisecond of the due day (met by anything at or before it). */
  readonly dueMs: number;
  readonly warn50AtMs: number;
  readonly warn75AtMs: number;
}

export function responseDeadline(input: ResponseDeadlineInput): ResponseDeadline {
  const { closesAt } = input;
  if (!Number.isSafeInteger(closesAt)) {
    throw new RangeError(`closesAt must be an integer number of epoch milliseconds, got ${closesAt}.`);
  }
  const periodText = input.period ?? DEFAULT_RESPONSE_PERIOD;
  const clock = slaClock(input.calendar ?? defaultCalendar());
  const period = parseSlaPeriod(periodText);
  const dueMs = period.kind === 'legal' ? clock.dueAt(closesAt - 1, period) : clock.dueAt(closesAt, period);
  return {
    period: periodText,
    startMs: closesAt,
    dueMs,
    warn50AtMs: clock.warningAt(closesAt, dueMs, 0.5, period.kind),
    warn75AtMs: clock.warningAt(closesAt, dueMs, 0.75, period.kind),
  };
}

/** `on_track` / `warned_50` / `warned_75` / `breached` at `nowMs` (never `paused`). */
export function responseStateAt(deadline: ResponseDeadline, nowMs: number): SlaState {
  return slaStateAt({
    startMs: deadline.startMs,
    dueMs: deadline.dueMs,
    nowMs,
    paused: false,
    warn50AtMs: deadline.warn50AtMs,
    warn75AtMs: deadline.warn75AtMs,
  });
}
