/**
 * Legal deadlines under 行政程序法 (Administrative Procedure Act) Art. 48, at date granularity.
 *
 * Art. 48 (relevant parts):
 *   II  期間以日、星期、月或年計算者，其始日不計算在內。
 *       → The day of receipt is not counted; the period starts (起算日) the day after.
 *   III 期間不以星期、月或年之始日起算者，以最後之星期、月或年與起算日相當日之前一日為期間之末日。
 *       但以月或年定期間，而於最後之月無相當日者，以其月之末日為期間之末日。
 *       → N months: the last day is the day before the day of the N-th following month that
 *         corresponds to the 起算日; if that month has no such day, its last day.
 *         When the 起算日 is the 1st of a month (the case "以月之始日起算", counted 依曆 per
 *         民法 §123), the same formula gives the last day of month N−1 after it, i.e. whole
 *         calendar months — so one formula serves both cases.
 *   IV  期間之末日為星期日、國定假日或其他休息日者，以該日之次日為期間之末日；
 *       期間之末日為星期六者，以其次星期一上午為期間末日。
 *       → A last day on which offices are closed moves to the next day on which they are open
 *         (repeatedly: across a whole Lunar New Year block). We use the official government
 *         office calendar for "closed", plus ad-hoc closures (typhoon days, 其他休息日).
 *
 * Interpretation choices (product decisions, flagged for legal review):
 *   - 補班 (make-up workday) Saturdays are WORKING days: a period whose last day is such a
 *     Saturday ends that Saturday and does not move to Monday. Reasoning: Art. 48 IV exists
 *     because offices are closed on those days; 法務部 (99年2月3日函釋, as applied e.g. by
 *     財政部北區國稅局) holds that holidays/rest days are judged for the administration as a whole,
 *     and a Saturday made a workday by government announcement is not a 休息日, so Art. 48 IV does
 *     not apply. This also matches the product brief ("a make-up workday counts as a working day").
 *   - Saturday rule "次星期一上午": the law ends such a period on Monday MORNING. We work in whole
 *     dates and return the Monday (or the next working day if that Monday is closed); callers that
 *     need time-of-day precision should treat a deadline shifted from a Saturday as ending at noon.
 *   - Art. 48 V (punishments / adverse dispositions: holidays are "照計", not extended) is not
 *     applied: the periods here are the administration's own processing/response periods, for
 *     which extension in the public's favour applies.
 *   - Only the LAST day is shifted; holidays inside the period count as ordinary days for 'd'
 *     and 'mo' periods (Art. 48 has no exclusion of intermediate holidays).
 *
 * Product-specific units (not from Art. 48):
 *   - 'd'  : received + N calendar days, then shifted per Art. 48 IV.
 *   - 'wd' : the N-th working day after the day of receipt (receipt day never counts, even if it
 *            is a working day); always a working day, so no shift is needed.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import {
  addDays,
  daysInMonth,
  plainDateFromParts,
  plainDateParts,
  type PlainDate,
} from '../calendar/plain-date';
import { PERIOD_LIMITS, formatPeriod, type Period } from './period';

/**
 * Last day of an N-month period per Art. 48 III, before any holiday shift.
 * `start` is the 起算日 (first counted day, i.e. the day after receipt).
 */
export function monthPeriodEnd(start: PlainDate, months: number): PlainDate {
  if (!Number.isInteger(months) || months < 1 || months > PERIOD_LIMITS.mo) {
    throw new RangeError(`monthPeriodEnd: months must be an integer in 1..${PERIOD_LIMITS.mo}, got ${months}.`);
  }
  const { year, month, day } = plainDateParts(start);
  const monthIndex = month - 1 + months;
  const endYear = year + Math.floor(monthIndex / 12);
  const endMonth = (monthIndex % 12) + 1;
  if (day > daysInMonth(endYear, endMonth)) {
    // 於最後之月無相當日者，以其月之末日為期間之末日。
    return plainDateFromParts(endYear, endMonth, daysInMonth(endYear, endMonth));
  }
  // 以最後之月與起算日相當日之前一日為期間之末日。
  return addDays(plainDateFromParts(endYear, endMonth, day), -1);
}

/**
 * The deadline (last day of the period, inclusive) for something received on `received`.
 * The result is always a working day of `calendar`, strictly after `received`.
 */
export function computeDeadline(calendar: BusinessCalendar, received: PlainDate, period: Period): PlainDate {
  formatPeriod(period); // validates unit and range, throws InvalidPeriodError
  switch (period.unit) {
    case 'wd':
      return calendar.addWorkingDays(received, period.n);
    case 'd':
      return calendar.nextWorkingDayOnOrAfter(addDays(received, period.n));
    case 'mo':
      return calendar.nextWorkingDayOnOrAfter(monthPeriodEnd(addDays(received, 1), period.n));
  }
}

/**
 * Moves a deadline later by the number of working days the clock was paused (e.g. while waiting
 * for the applicant to supplement documents). The shift counts from the effective deadline —
 * `due` itself if it is a working day, otherwise the next working day (relevant when a closure was
 * declared on `due` after it was computed) — so 0 paused days still yields a working day.
 */
export function shiftByPausedWorkingDays(
  calendar: BusinessCalendar,
  due: PlainDate,
  pausedWorkingDays: number,
): PlainDate {
  if (!Number.isInteger(pausedWorkingDays) || pausedWorkingDays < 0) {
    throw new RangeError(
      `shiftByPausedWorkingDays: pausedWorkingDays must be a non-negative integer, got ${pausedWorkingDays}.`,
    );
  }
  return calendar.addWorkingDays(calendar.nextWorkingDayOnOrAfter(due), pausedWorkingDays);
}
