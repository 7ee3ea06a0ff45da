/**
 * Instants ↔ Taipei calendar days.
 *
 * Asia/Taipei has been a fixed UTC+08:00 with no daylight saving time since 1979-10-01, so a
 * constant offset is exact for every instant this product handles (and it avoids depending on
 * the host's ICU/tz data, which the Temporal sandbox and Workers do not guarantee). It is NOT
 * correct for instants before 1980 (historic DST); callers never deal with those.
 */
import {
  InvalidPlainDateError,
  epochDayOf,
  plainDateFromEpochDay,
  type PlainDate,
} from './plain-date';

export const TAIPEI_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The Taipei calendar date containing the instant `epochMs` (milliseconds since the Unix epoch). */
export function taipeiDateOf(epochMs: number): PlainDate {
  if (!Number.isFinite(epochMs)) {
    throw new InvalidPlainDateError(`taipeiDateOf: not a finite instant (${epochMs}).`);
  }
  return plainDateFromEpochDay(Math.floor((epochMs + TAIPEI_UTC_OFFSET_MS) / MS_PER_DAY));
}

/** The first millisecond of `date` in Taipei (00:00:00.000+08:00), as epoch milliseconds. */
export function startOfTaipeiDay(date: PlainDate): number {
  return epochDayOf(date) * MS_PER_DAY - TAIPEI_UTC_OFFSET_MS;
}

/**
 * The last millisecond of `date` in Taipei (23:59:59.999+08:00), as epoch milliseconds.
 * A deadline date is met by anything at or before this instant.
 */
export function endOfTaipeiDay(date: PlainDate): number {
  return startOfTaipeiDay(date) + MS_PER_DAY - 1;
}
