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

export {
  InvalidSlaPeriodError,
  SLA_SECONDS_MAX,
  SlaKindMismatchError,
  commonSlaKind,
  formatSlaPeriod,
  parseSlaPeriod,
} from './sla/sla-period';
export type { SlaPeriod, SlaPeriodErrorCode, SlaPeriodKind } from './sla/sla-period';

export { slaClock } from './sla/sla-clock';
export type { SlaClock, SlaClockStateInput, SlaExtensionRefusal, SlaExtensionResult } from './sla/sla-clock';

export { isSlaState, slaStateAt, slaStates, slaWarningFractions, warningAt } from './sla/sla-state';
export type { SlaState, SlaStateInput, SlaWarningFraction } from './sla/sla-state';

export {
  InvalidPriorityTierError,
  PRIORITY_TIER_DEFAULT_PERIODS,
  PRIORITY_TIER_NAMES_ZH,
  isPriorityTier,
  parsePriorityTier,
  priorityTiers,
} from './sla/priority';
export type { PriorityTier } from './sla/priority';
