/**
 * A calendar date without time or time zone, carried as its ISO 8601 text `YYYY-MM-DD`.
 *
 * The type is a branded string: any `PlainDate` can be used where a string is expected
 * (JSON, D1 columns, workflow payloads), but a plain string must go through
 * {@link parsePlainDate} (or {@link isPlainDate}) first, so invalid dates cannot sneak in.
 *
 * Everything here is pure integer arithmetic on "epoch days" (days since 1970-01-01 in the
 * proleptic Gregorian calendar). No `Date`, no host time zone, no I/O, so the module runs
 * unchanged in the Temporal workflow sandbox and in Cloudflare Workers.
 * Supported years: 0001–9999 (the range the 4-digit text form can express).
 */

declare const plainDateBrand: unique symbol;

/** A valid Gregorian date as `YYYY-MM-DD`, e.g. `2026-02-17`. */
export type PlainDate = string & { readonly [plainDateBrand]: true };

/** ISO weekday: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type IsoDayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PlainDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Thrown for text that is not a real `YYYY-MM-DD` date, or for arithmetic leaving 0001–9999. */
export class InvalidPlainDateError extends RangeError {
  override readonly name = 'InvalidPlainDateError';
  constructor(message: string) {
    super(message);
  }
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const PLAIN_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `value` is a string holding a real date in `YYYY-MM-DD` form (year 0001–9999). */
export function isPlainDate(value: unknown): value is PlainDate {
  if (typeof value !== 'string') return false;
  const m = PLAIN_DATE_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return (
    year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Validates `value` as `YYYY-MM-DD` (strict: zero-padded, no time part, real calendar day). */
export function parsePlainDate(value: string): PlainDate {
  if (!isPlainDate(value)) throw invalidDate(value);
  return value;
}

function invalidDate(value: unknown): InvalidPlainDateError {
  return new InvalidPlainDateError(
    `Invalid date ${JSON.stringify(value)}: expected a real calendar date as YYYY-MM-DD.`,
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a date from its parts; throws {@link InvalidPlainDateError} if they do not form a real date. */
export function plainDateFromParts(year: number, month: number, day: number): PlainDate {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    year < MIN_YEAR ||
    year > MAX_YEAR ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new InvalidPlainDateError(`Invalid date parts ${year}-${month}-${day}.`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as PlainDate;
}

/**
 * Year, month (1–12) and day of a date. Like every function taking a `PlainDate`, it re-checks its
 * input at run time (cheap), so a mistyped value coming from untyped JSON fails loudly instead of
 * turning into NaN arithmetic.
 */
export function plainDateParts(date: PlainDate): PlainDateParts {
  if (!isPlainDate(date)) throw invalidDate(date);
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

// Howard Hinnant's days_from_civil / civil_from_days, integer-only.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MIN_EPOCH_DAY = daysFromCivil(MIN_YEAR, 1, 1);
const MAX_EPOCH_DAY = daysFromCivil(MAX_YEAR, 12, 31);

/** Days since 1970-01-01 (negative before). */
export function epochDayOf(date: PlainDate): number {
  const { year, month, day } = plainDateParts(date);
  return daysFromCivil(year, month, day);
}

/** Inverse of {@link epochDayOf}. */
export function plainDateFromEpochDay(epochDay: number): PlainDate {
  if (!Number.isInteger(epochDay) || epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
    throw new InvalidPlainDateError(`Epoch day ${epochDay} is outside the years 0001–9999.`);
  }
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as PlainDate;
}

/** ISO weekday of an epoch day (1970-01-01 was a Thursday). */
export function isoDayOfWeekOfEpochDay(epochDay: number): IsoDayOfWeek {
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as IsoDayOfWeek;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoDayOfWeek(date: PlainDate): IsoDayOfWeek {
  return isoDayOfWeekOfEpochDay(epochDayOf(date));
}

/** `date` plus `days` calendar days (`days` may be negative). */
export function addDays(date: PlainDate, days: number): PlainDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be an integer, got ${days}.`);
  return plainDateFromEpochDay(epochDayOf(date) + days);
}

/** Negative if `a` is before `b`, 0 if equal, positive if after (usable with `Array#sort`). */
export function comparePlainDates(a: PlainDate, b: PlainDate): -1 | 0 | 1 {
  if (!isPlainDate(a)) throw invalidDate(a);
  if (!isPlainDate(b)) throw invalidDate(b);
  // Fixed-width ISO text sorts chronologically.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from `a` to `b` (`b - a`): 1 for consecutive days, negative if `b` is earlier. */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return epochDayOf(b) - epochDayOf(a);
}
