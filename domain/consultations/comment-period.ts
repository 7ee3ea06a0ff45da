/**
 * The comment period of a draft regulation notice (法規草案預告).
 *
 * 行政程序法 Art. 154 I: the notice names the issuing agency, the legal basis, the draft's full text
 * or main points, and where and until when anyone may comment. Practice (行政院 rules on 法規草案
 * 預告): at least 60 days, shorter only for a reason that is recorded and shown with the notice.
 *
 * Counting (reusing the Art. 48 implementation of `domain/deadlines`): the day the notice is
 * published is not counted; a period `Nd` / `Nwd` / `Nmo` ends on `computeDeadline(calendar,
 * publication date, period)`, i.e. a last day that falls on a day offices are closed moves to the
 * next working day (Art. 48 IV, in the public's favour). Comments are accepted on the whole last
 * day, so the period closes at 00:00 Taipei time the day after.
 *
 * Boundaries: a comment is accepted iff `opensAt <= t < closesAt` (half-open), where `t` is the
 * instant the server RECEIVED it. The race at the close is decided by that receipt instant alone:
 * stamp the request once on arrival, decide with that stamp, and store that stamp; a comment
 * received at `closesAt - 1` is accepted even if it is written to the database after the close,
 * and one received at `closesAt` is refused even if the citizen started typing long before.
 *
 * "Shorter than 60 days" is judged on the period as declared, before any holiday shift: the
 * nominal last day (publication date + N days, the Art. 48 III month end, or the N-th working day)
 * must be at least the 60th day after the publication date; an explicit `closesAt` must be no
 * earlier than the end of that 60th day. So `59d` always needs a reason, even when its last day
 * is a Saturday that moves to Monday, and `2mo` needs one when those two months have 59 days.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addDays, type PlainDate } from '../calendar/plain-date';
import { endOfTaipeiDay, taipeiDateOf } from '../calendar/taipei-time';
import { computeDeadline, monthPeriodEnd } from '../deadlines/deadline';
import { InvalidPeriodError, formatPeriod, parsePeriod, type Period } from '../deadlines/period';
import { defaultCalendar } from './default-calendar';
import { fail, ok, type Result } from './result';

/** The default comment period. */
export const DEFAULT_COMMENT_PERIOD = '60d';

/** Minimum period without an urgency reason, in calendar days. */
export const MINIMUM_COMMENT_DAYS = 60;

export interface CommentPeriodInput {
  /** Publication of the notice (epoch ms): comments are accepted from this instant. */
  readonly opensAt: number;
  /** Explicit close (epoch ms, exclusive). Give this or `period`, not both. */
  readonly closesAt?: number;
  /** `60d` (default), `3wd`, `2mo`: see `parsePeriod`. */
  readonly period?: string;
  /** Required when the period is shorter than 60 days; published with the notice. */
  readonly urgencyReason?: string | null;
  /** Office calendar for the Art. 48 IV shift; default Taiwan's official calendar. */
  readonly calendar?: BusinessCalendar;
}

export interface CommentPeriod {
  readonly opensAt: number;
  /** First instant at which comments are refused. */
  readonly closesAt: number;
  /** The Taipei date of the last instant at which comments are accepted (`closesAt - 1`). */
  readonly lastDay: PlainDate;
  /** The period used (`60d` when neither a period nor a close was given); `null` for an explicit close. */
  readonly period: string | null;
  /** Shorter than 60 days: the urgency reason must be shown with the notice. */
  readonly shortened: boolean;
  /** Trimmed; `null` when none was given. */
  readonly urgencyReason: string | null;
}

export const commentPeriodErrorCodes = [
  /** opensAt / closesAt is not an integer number of epoch milliseconds. */
  'invalid_instant',
  /** The period is not valid notation (see `parsePeriod`). */
  'invalid_period',
  /** Both `closesAt` and `period` were given. */
  'close_and_period_both_given',
  /** `closesAt` is not after `opensAt`. */
  'close_not_after_open',
  /** Shorter than 60 days without a (non-blank) urgency reason. */
  'urgency_reason_required',
] as const;

export type CommentPeriodErrorCode = (typeof commentPeriodErrorCodes)[number];

export interface CommentPeriodError {
  readonly code: CommentPeriodErrorCode;
  readonly message: string;
}

/** The last day of `period` counted from `published`, before the Art. 48 IV holiday shift. */
function nominalLastDay(calendar: BusinessCalendar, published: PlainDate, period: Period): PlainDate {
  switch (period.unit) {
    case 'd':
      return addDays(published, period.n);
    case 'mo':
      return monthPeriodEnd(addDays(published, 1), period.n);
    case 'wd':
      return calendar.addWorkingDays(published, period.n);
  }
}

/** Validates a comment period and computes its close; see the module comment. */
export function commentPeriod(input: CommentPeriodInput): Result<CommentPeriod, CommentPeriodError> {
  const { opensAt, closesAt } = input;
  const calendar = input.calendar ?? defaultCalendar();
  const errors: CommentPeriodError[] = [];
  if (!Number.isSafeInteger(opensAt)) {
    errors.push({ code: 'invalid_instant', message: `opensAt must be an integer number of epoch milliseconds, got ${String(opensAt)}.` });
  }
  if (closesAt !== undefined && !Number.isSafeInteger(closesAt)) {
    errors.push({ code: 'invalid_instant', message: `closesAt must be an integer number of epoch milliseconds, got ${String(closesAt)}.` });
  }
  if (closesAt !== undefined && input.period !== undefined) {
    errors.push({ code: 'close_and_period_both_given', message: 'Give either closesAt or period, not both.' });
  }
  let period: Period | undefined;
  if (closesAt === undefined) {
    try {
      period = parsePeriod(input.period ?? DEFAULT_COMMENT_PERIOD);
    } catch (err) {
      if (!(err instanceof InvalidPeriodError)) throw err;
      errors.push({ code: 'invalid_period', message: err.message });
    }
  }
  if (errors.length > 0) return fail(errors);

  const published = taipeiDateOf(opensAt);
  const minimumLastDay = addDays(published, MINIMUM_COMMENT_DAYS);
  let close: number;
  let shortened: boolean;
  if (period !== undefined) {
    close = endOfTaipeiDay(computeDeadline(calendar, published, period)) + 1;
    shortened = nominalLastDay(calendar, published, period) < minimumLastDay;
  } else {
    close = closesAt!;
    if (close <= opensAt) {
      return fail([{ code: 'close_not_after_open', message: `closesAt (${close}) must be after opensAt (${opensAt}).` }]);
    }
    shortened = close < endOfTaipeiDay(minimumLastDay) + 1;
  }
  const reason = typeof input.urgencyReason === 'string' ? input.urgencyReason.trim() : '';
  if (shortened && reason === '') {
    return fail([
      {
        code: 'urgency_reason_required',
        message: `The comment period ends before ${minimumLastDay} (${MINIMUM_COMMENT_DAYS} days after publication on ${published}); a shorter period needs an urgency reason, shown with the notice.`,
      },
    ]);
  }
  return ok({
    opensAt,
    closesAt: close,
    lastDay: taipeiDateOf(close - 1),
    period: period !== undefined ? formatPeriod(period) : null,
    shortened,
    urgencyReason: reason === '' ? null : reason,
  });
}

export type CommentAcceptance =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly reason: 'not_yet_open' | 'closed' };

/**
 * Whether a comment received at `receivedAtMs` is accepted: `opensAt <= t < closesAt`.
 * `receivedAtMs` is the server's receipt stamp (see the module comment on the race at the close).
 */
export function acceptsCommentAt(period: Pick<CommentPeriod, 'opensAt' | 'closesAt'>, receivedAtMs: number): CommentAcceptance {
  if (!Number.isSafeInteger(receivedAtMs)) {
    throw new RangeError(`receivedAtMs must be an integer number of epoch milliseconds, got ${receivedAtMs}.`);
  }
  if (receivedAtMs < period.opensAt) return { accepted: false, reason: 'not_yet_open' };
  if (receivedAtMs >= period.closesAt) return { accepted: false, reason: 'closed' };
  return { accepted: true };
}

export type CommentPeriodPhase = 'scheduled' | 'open' | 'closed';

/** `scheduled` before `opensAt`, `open` in `[opensAt, closesAt)`, `closed` from `closesAt`. */
export function commentPeriodPhase(period: Pick<CommentPeriod, 'opensAt' | 'closesAt'>, nowMs: number): CommentPeriodPhase {
  const acceptance = acceptsCommentAt(period, nowMs);
  return acceptance.accepted ? 'open' : acceptance.reason === 'not_yet_open' ? 'scheduled' : 'closed';
}

