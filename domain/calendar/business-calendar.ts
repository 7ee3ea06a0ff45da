/**
 * Working days of Taiwan's government offices.
 *
 * A day is a working day when, in this order of precedence:
 *   1. it is an ad-hoc full-day closure (typhoon day, 停止上班) → NOT working, whatever else it is;
 *   2. it is an extra make-up workday added by an admin → working;
 *   3. it lies inside the official calendar's coverage → the official calendar decides
 *      (weekday holidays are not working, weekend make-up workdays 補班 are working);
 *   4. otherwise (outside coverage) → Monday–Friday are working, Saturday/Sunday are not.
 *      Use {@link BusinessCalendar.covers} to tell whether the official calendar was used.
 *
 * Closures are facts about a particular office's location (typhoon closures are declared per
 * city/county), so the caller passes the closures that apply to the handling agency.
 *
 * Pure and deterministic (no I/O, no clock): safe in the Temporal workflow sandbox and Workers.
 */
import type { OfficialCalendarData } from './calendar-data';
import {
  epochDayOf,
  isoDayOfWeekOfEpochDay,
  parsePlainDate,
  plainDateFromEpochDay,
  type PlainDate,
} from './plain-date';
import { TW_OFFICIAL_CALENDAR_DATA } from './tw-official-calendar';

export interface BusinessCalendarOptions {
  /** Official calendar (exceptions to Monday–Friday). Omit for a plain Monday–Friday calendar. */
  readonly official?: OfficialCalendarData;
  /** Ad-hoc full-day office closures (e.g. typhoon days). They override everything else. */
  readonly closures?: readonly PlainDate[];
  /** Extra make-up workdays not in the official data (a closure on the same day still wins). */
  readonly extraWorkingDays?: readonly PlainDate[];
}

/** Max working days `addWorkingDays` accepts; far beyond any legal period, it only guards misuse. */
export const MAX_WORKING_DAYS = 100_000;

function isWeekdayEpochDay(epochDay: number): boolean {
  return isoDayOfWeekOfEpochDay(epochDay) <= 5;
}

/** Monday–Friday count over epoch days `(−∞, x]`, up to a constant; only differences are meaningful. */
function weekdayCountUpTo(x: number): number {
  // Shift so that 0 is a Monday (1970-01-05 is epoch day 4), then count whole weeks + remainder.
  const y = x - 4 + 1;
  const weeks = Math.floor(y / 7);
  return 5 * weeks + Math.min(y - weeks * 7, 5);
}

export class BusinessCalendar {
  private readonly coverageFirst: number | null;
  private readonly coverageLast: number | null;
  private readonly officialHolidays = new Set<number>();
  private readonly officialWorkdays = new Set<number>();
  private readonly closures = new Set<number>();
  private readonly extraWorkdays = new Set<number>();
  /** Sorted epoch days whose status differs from the Monday–Friday rule, with ±1 and prefix sums. */
  private readonly exceptionDays: number[] = [];
  private readonly exceptionPrefix: number[] = [0];

  /** Covered range of the official data, or `null` when built without official data. */
  readonly coverage: { readonly first: PlainDate; readonly last: PlainDate } | null;

  constructor(options: BusinessCalendarOptions = {}) {
    const { official, closures = [], extraWorkingDays = [] } = options;
    if (official) {
      const first = parsePlainDate(official.firstDate);
      const last = parsePlainDate(official.lastDate);
      if (last < first) throw new RangeError(`Official calendar range ${first}..${last} is empty.`);
      this.coverage = { first, last };
      this.coverageFirst = epochDayOf(first);
      this.coverageLast = epochDayOf(last);
      for (const year of Object.values(official.years)) {
        for (const d of Object.keys(year.weekdayHolidays)) this.officialHolidays.add(this.officialDay(d));
        for (const d of Object.keys(year.weekendWorkdays)) this.officialWorkdays.add(this.officialDay(d));
      }
    } else {
      this.coverage = null;
      this.coverageFirst = null;
      this.coverageLast = null;
    }
    for (const d of closures) this.closures.add(epochDayOf(parsePlainDate(d)));
    for (const d of extraWorkingDays) this.extraWorkdays.add(epochDayOf(parsePlainDate(d)));

    const candidates = new Set<number>([
      ...this.officialHolidays,
      ...this.officialWorkdays,
      ...this.closures,
      ...this.extraWorkdays,
    ]);
    for (const day of [...candidates].sort((a, b) => a - b)) {
      const delta = Number(this.isWorkingEpochDay(day)) - Number(isWeekdayEpochDay(day));
      if (delta !== 0) {
        this.exceptionDays.push(day);
        this.exceptionPrefix.push(this.exceptionPrefix[this.exceptionPrefix.length - 1]! + delta);
      }
    }
  }

  private officialDay(text: string): number {
    const day = epochDayOf(parsePlainDate(text));
    if (!this.coversEpochDay(day)) throw new RangeError(`Official calendar date ${text} is outside its range.`);
    return day;
  }

  private coversEpochDay(day: number): boolean {
    return this.coverageFirst !== null && day >= this.coverageFirst && day <= this.coverageLast!;
  }

  private isWorkingEpochDay(day: number): boolean {
    if (this.closures.has(day)) return false;
    if (this.extraWorkdays.has(day)) return true;
    if (this.coversEpochDay(day)) {
      if (this.officialHolidays.has(day)) return false;
      if (this.officialWorkdays.has(day)) return true;
    }
    return isWeekdayEpochDay(day);
  }

  /** Sum of exception deltas for epoch days `<= x` (binary search over the sorted exceptions). */
  private exceptionSumUpTo(x: number): number {
    let lo = 0;
    let hi = this.exceptionDays.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.exceptionDays[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return this.exceptionPrefix[lo]!;
  }

  /** Whether the official calendar covers `date`; outside it only the Monday–Friday rule (plus closures) applies. */
  covers(date: PlainDate): boolean {
    return this.coversEpochDay(epochDayOf(date));
  }

  /** Government offices are open on `date`. */
  isWorkingDay(date: PlainDate): boolean {
    return this.isWorkingEpochDay(epochDayOf(date));
  }

  /** `date` itself if it is a working day, otherwise the first working day after it. */
  nextWorkingDayOnOrAfter(date: PlainDate): PlainDate {
    let day = epochDayOf(date);
    while (!this.isWorkingEpochDay(day)) day++;
    return plainDateFromEpochDay(day);
  }

  /**
   * The `n`-th working day after `date` (`date` itself is not counted): e.g. with n = 3 from a
   * Friday before a normal weekend → the following Wednesday. `n = 0` returns `date` unchanged,
   * even if it is not a working day.
   */
  addWorkingDays(date: PlainDate, n: number): PlainDate {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw new RangeError(`addWorkingDays: n must be an integer in 0..${MAX_WORKING_DAYS}, got ${n}.`);
    }
    let day = epochDayOf(date);
    let remaining = n;
    while (remaining > 0) {
      day++;
      if (this.isWorkingEpochDay(day)) remaining--;
    }
    return plainDateFromEpochDay(day);
  }

  /**
   * Number of working days in the half-open range `(a, b]` — "working days elapsed from a to b".
   * 0 when `a == b`; antisymmetric: if `b` is before `a` the result is minus the count in `(b, a]`.
   * O(log k) in the number of calendar exceptions, whatever the distance.
   */
  workingDaysBetween(a: PlainDate, b: PlainDate): number {
    const x = epochDayOf(a);
    const y = epochDayOf(b);
    return (
      weekdayCountUpTo(y) - weekdayCountUpTo(x) + this.exceptionSumUpTo(y) - this.exceptionSumUpTo(x)
    );
  }
}

/**
 * Taiwan's government office calendar (official data, currently 2025–2027) plus ad-hoc closures
 * (typhoon days) and optional extra make-up workdays.
 */
export function twOfficialCalendar(
  closures: readonly PlainDate[] = [],
  extraWorkingDays: readonly PlainDate[] = [],
): BusinessCalendar {
  return new BusinessCalendar({ official: TW_OFFICIAL_CALENDAR_DATA, closures, extraWorkingDays });
}
