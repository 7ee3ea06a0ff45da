/**
 * "Working time": wall time with the non-working Taipei days cut out.
 *
 * A millisecond is working time when its Taipei date is a working day of the calendar (the whole
 * 24 hours of it: legal deadlines end at 23:59:59.999, and the product has no office-hours model).
 * Mapping instants onto this line lets the SLA warnings be fractions of the time officers could
 * actually work, so a Lunar New Year week or a typhoon day does not "use up" half of a case.
 *
 * Internal to the SLA module. Integer arithmetic only; the calendar does the day counting.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { addDays, type PlainDate } from '../calendar/plain-date';
import { startOfTaipeiDay, taipeiDateOf } from '../calendar/taipei-time';

export const MS_PER_DAY = 86_400_000;

/** Working days in `[first, date)` (0 when `date <= first`). */
function workingDaysFrom(calendar: BusinessCalendar, first: PlainDate, date: PlainDate): number {
  if (date <= first) return 0;
  return calendar.workingDaysBetween(addDays(first, -1), addDays(date, -1));
}

/** Working ms in `[startOfTaipeiDay(base), t)`, for `t` on or after `base`. */
function position(calendar: BusinessCalendar, base: PlainDate, t: number): number {
  const date = taipeiDateOf(t);
  const inDay = calendar.isWorkingDay(date) ? t - startOfTaipeiDay(date) : 0;
  return workingDaysFrom(calendar, base, date) * MS_PER_DAY + inDay;
}

/** Working milliseconds in `[fromMs, toMs)`; requires `fromMs <= toMs`. */
export function workingMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  const base = taipeiDateOf(fromMs);
  return position(calendar, base, toMs) - position(calendar, base, fromMs);
}

/**
 * The working instant reached after `ms` (>= 0) of working time has elapsed from `fromMs`: the
 * unique instant `t` on a working day with `workingMsBetween(fromMs, t) === ms`. With `ms = 0` that
 * is `fromMs` itself on a working day, else the start of the next working day. Never before `fromMs`.
 */
export function addWorkingMs(calendar: BusinessCalendar, fromMs: number, ms: number): number {
  const base = taipeiDateOf(fromMs);
  const target = position(calendar, base, fromMs) + ms;
  const k = Math.floor(target / MS_PER_DAY);
  const day = calendar.addWorkingDays(calendar.nextWorkingDayOnOrAfter(base), k);
  return startOfTaipeiDay(day) + (target - k * MS_PER_DAY);
}
