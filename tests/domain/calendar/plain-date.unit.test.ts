import { describe, expect, it } from 'vitest';
import {
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
  type PlainDate,
} from '../../../domain/index';

const d = parsePlainDate;

describe('parsePlainDate / isPlainDate', () => {
  it.each(['2026-02-17', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2025-12-31'])(
    'accepts %s',
    (s) => {
      expect(isPlainDate(s)).toBe(true);
      expect(parsePlainDate(s)).toBe(s);
    },
  );

  it.each([
    '2026-02-29', // 2026 is not a leap year
    '2027-02-29',
    '1900-02-29', // century, not leap
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-2-3',
    '20260203',
    ' 2026-02-03',
    '2026-02-03 ',
    '2026-02-03T00:00:00Z',
    '2026/02/03',
    '２０２６-02-03',
    '',
  ])('rejects %j', (s) => {
    expect(isPlainDate(s)).toBe(false);
    expect(() => parsePlainDate(s)).toThrow(InvalidPlainDateError);
    expect(() => parsePlainDate(s)).toThrow(/YYYY-MM-DD/);
  });

  it('rejects non-strings', () => {
    for (const v of [undefined, null, 20260203, new Date(0), {}, ['2026-02-03']]) {
      expect(isPlainDate(v)).toBe(false);
      expect(() => parsePlainDate(v as unknown as string)).toThrow(InvalidPlainDateError);
    }
  });

  it('re-checks unbranded values at run time instead of computing with NaN', () => {
    expect(() => epochDayOf('2026-02-30' as PlainDate)).toThrow(InvalidPlainDateError);
    expect(() => addDays('garbage' as PlainDate, 1)).toThrow(InvalidPlainDateError);
    expect(() => comparePlainDates('x' as PlainDate, d('2026-01-01'))).toThrow(InvalidPlainDateError);
  });
});

describe('calendar arithmetic', () => {
  it('knows leap years and month lengths', () => {
    expect([2024, 2025, 2026, 2027, 2028, 1900, 2000, 2100].map(isLeapYear)).toEqual([
      true, false, false, false, true, false, true, false,
    ]);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('epoch days agree with Date.UTC for every day of 1900–2100', () => {
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2100, 11, 31);
    const mismatches: string[] = [];
    let checked = 0;
    for (let ms = start; ms <= end; ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const day = ms / 86_400_000;
      if (
        epochDayOf(iso as PlainDate) !== day ||
        plainDateFromEpochDay(day) !== iso ||
        isoDayOfWeek(iso as PlainDate) !== ((new Date(ms).getUTCDay() + 6) % 7) + 1
      ) {
        mismatches.push(iso);
      }
      checked++;
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(73_414);
  });

  it('handles the extremes of the supported range', () => {
    expect(epochDayOf(d('1970-01-01'))).toBe(0);
    expect(plainDateFromEpochDay(epochDayOf(d('0001-01-01')))).toBe('0001-01-01');
    expect(plainDateFromEpochDay(epochDayOf(d('9999-12-31')))).toBe('9999-12-31');
    expect(() => addDays(d('9999-12-31'), 1)).toThrow(InvalidPlainDateError);
    expect(() => addDays(d('0001-01-01'), -1)).toThrow(InvalidPlainDateError);
    expect(() => addDays(d('2026-01-01'), 1.5)).toThrow(RangeError);
  });

  it('gives ISO weekdays for real dates', () => {
    expect(isoDayOfWeek(d('2025-02-08'))).toBe(6); // 補班 Saturday
    expect(isoDayOfWeek(d('2026-02-17'))).toBe(2); // 春節 Tuesday
    expect(isoDayOfWeek(d('2027-10-10'))).toBe(7); // National Day on a Sunday
    expect(isoDayOfWeek(d('2026-11-23'))).toBe(1);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays(d('2025-12-31'), 1)).toBe('2026-01-01');
    expect(addDays(d('2026-01-01'), -1)).toBe('2025-12-31');
    expect(addDays(d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(d('2026-01-30'), 30)).toBe('2026-03-01');
    expect(addDays(d('2025-01-01'), 365 + 365 + 364)).toBe('2027-12-31');
    expect(addDays(d('2026-05-05'), 0)).toBe('2026-05-05');
  });

  it('compares and measures distances', () => {
    expect(comparePlainDates(d('2025-12-31'), d('2026-01-01'))).toBe(-1);
    expect(comparePlainDates(d('2026-01-01'), d('2026-01-01'))).toBe(0);
    expect(comparePlainDates(d('2027-01-01'), d('2026-12-31'))).toBe(1);
    expect([d('2027-01-01'), d('2025-06-30'), d('2026-02-17')].sort(comparePlainDates)).toEqual([
      '2025-06-30', '2026-02-17', '2027-01-01',
    ]);
    expect(daysBetween(d('2026-01-01'), d('2027-01-01'))).toBe(365);
    expect(daysBetween(d('2028-01-01'), d('2029-01-01'))).toBe(366);
    expect(daysBetween(d('2026-03-01'), d('2026-02-01'))).toBe(-28);
  });

  it('builds and splits dates from parts', () => {
    expect(plainDateFromParts(2026, 2, 3)).toBe('2026-02-03');
    expect(plainDateFromParts(5, 1, 1)).toBe('0005-01-01');
    expect(plainDateParts(d('2027-12-31'))).toEqual({ year: 2027, month: 12, day: 31 });
    expect(() => plainDateFromParts(2026, 2, 29)).toThrow(InvalidPlainDateError);
    expect(() => plainDateFromParts(2026, 0, 1)).toThrow(InvalidPlainDateError);
    expect(() => plainDateFromParts(10000, 1, 1)).toThrow(InvalidPlainDateError);
    expect(() => plainDateFromParts(2026, 1.5, 1)).toThrow(InvalidPlainDateError);
  });
});
