import type { BusinessCalendar } from '../../domain/calendar/business-calendar';
import { addDays } from '../../domain/calendar/plain-date';
import { startOfTaipeiDay, taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { SlaPeriod } from '../../domain/sla/sla-period';

const NINE_AM_MS = 9 * 3_600_000;

/**
 * When to remind the citizen of a supplement that is due: `before` ahead of the due instant
 * ('3wd' = at 09:00 Taipei on the working day three working days before the due date; seconds
 * for tests). Null when that moment is not after the request (the period was too short).
 */
export function supplementReminderAt(
  calendar: BusinessCalendar,
  requestedMs: number,
  dueMs: number,
  before: SlaPeriod,
): number | null {
  let at: number;
  if (before.kind === 'seconds') {
    at = dueMs - before.seconds * 1000;
  } else {
    let date = taipeiDateOf(dueMs);
    const { unit, n } = before.period;
    if (unit === 'wd') {
      for (let i = 0; i < n; i++) {
        date = addDays(date, -1);
        while (!calendar.isWorkingDay(date)) date = addDays(date, -1);
      }
    } else if (unit === 'd') {
      date = addDays(date, -n);
    } else {
      return null; // a reminder months ahead makes no sense for a supplement
    }
    at = startOfTaipeiDay(date) + NINE_AM_MS;
  }
  return at > requestedMs ? at : null;
}
