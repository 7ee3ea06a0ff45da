/**
 * Public API of the pure domain library (no I/O, no clock, no Node built-ins): usable from the
 * Cloudflare Worker, the Temporal workflow sandbox, scripts and the web components.
 */
export {
  InvalidPlainDateError,
  addDays,
  comparePlainDates,
  daysBetween,
  daysInMonth,
  epochDayOf,
  isLeapYear,
  isPlainDate,
  isoDayOfWeek,
  parsePlainDate,
  plainDateFromEpochDay,
  plainDateFromParts,
  plainDateParts,
} from './calendar/plain-date';
export type { IsoDayOfWeek, PlainDate, PlainDateParts } from './calendar/plain-date';

export { TAIPEI_UTC_OFFSET_MS, endOfTaipeiDay, startOfTaipeiDay, taipeiDateOf } from './calendar/taipei-time';

export { BusinessCalendar, MAX_WORKING_DAYS, twOfficialCalendar } from './calendar/business-calendar';
export type { BusinessCalendarOptions } from './calendar/business-calendar';
export type { OfficialCalendarData, OfficialCalendarYear } from './calendar/calendar-data';
export { TW_OFFICIAL_CALENDAR_DATA } from './calendar/tw-official-calendar';

export { InvalidPeriodError, PERIOD_LIMITS, formatPeriod, parsePeriod } from './deadlines/period';
export type { Period, PeriodErrorCode, PeriodUnit } from './deadlines/period';

export { computeDeadline, monthPeriodEnd, shiftByPausedWorkingDays } from './deadlines/deadline';
