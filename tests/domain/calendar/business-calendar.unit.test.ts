import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  MAX_WORKING_DAYS,
  TW_OFFICIAL_CALENDAR_DATA,
  addDays,
  isoDayOfWeek,
  parsePlainDate,
  twOfficialCalendar,
  type PlainDate,
} from '../../../domain/index';
import { eachDay, prng } from '../helpers';

const d = parsePlainDate;
const cal = twOfficialCalendar();

function workingIn(c: BusinessCalendar, first: string, last: string): PlainDate[] {
  return [...eachDay(d(first), d(last))].filter((x) => c.isWorkingDay(x));
}

describe('official data (generated from the government office calendar)', () => {
  it('covers exactly 2025-01-01..2027-12-31', () => {
    expect(cal.coverage).toEqual({ first: '2025-01-01', last: '2027-12-31' });
    expect(cal.covers(d('2024-12-31'))).toBe(false);
    expect(cal.covers(d('2025-01-01'))).toBe(true);
    expect(cal.covers(d('2026-07-15'))).toBe(true);
    expect(cal.covers(d('2027-12-31'))).toBe(true);
    expect(cal.covers(d('2028-01-01'))).toBe(false);
  });

  it('stores only exceptions: weekday holidays and weekend make-up workdays', () => {
    const counts = Object.entries(TW_OFFICIAL_CALENDAR_DATA.years).map(([year, y]) => [
      Number(year),
      Object.keys(y.weekdayHolidays).length,
      Object.keys(y.weekendWorkdays).length,
    ]);
    expect(counts).toEqual([
      [2025, 15, 1],
      [2026, 16, 0],
      [2027, 17, 0],
    ]);
    for (const [year, y] of Object.entries(TW_OFFICIAL_CALENDAR_DATA.years)) {
      for (const k of Object.keys(y.weekdayHolidays)) {
        expect(k.startsWith(`${year}-`)).toBe(true);
        expect(isoDayOfWeek(d(k))).toBeLessThanOrEqual(5);
      }
      for (const k of Object.keys(y.weekendWorkdays)) {
        expect(k.startsWith(`${year}-`)).toBe(true);
        expect(isoDayOfWeek(d(k))).toBeGreaterThanOrEqual(6);
      }
    }
    expect(TW_OFFICIAL_CALENDAR_DATA.years[2025]?.weekendWorkdays).toEqual({ '2025-02-08': '補行上班' });
    expect(TW_OFFICIAL_CALENDAR_DATA.years[2026]?.weekdayHolidays['2026-02-17']).toBe('春節');
  });

  it('has the official number of working days per year (365 − official holidays)', () => {
    // Holiday totals of the source calendar: 2025: 118 (June 2025 revision), 2026: 120, 2027: 121.
    expect(workingIn(cal, '2025-01-01', '2025-12-31')).toHaveLength(247);
    expect(workingIn(cal, '2026-01-01', '2026-12-31')).toHaveLength(245);
    expect(workingIn(cal, '2027-01-01', '2027-12-31')).toHaveLength(244);
  });
});

describe('the June 2025 revision of the 2025 calendar', () => {
  it.each([
    ['2025-09-29', '補假'], // Teachers' Day (Sun 09-28) observed on Monday
    ['2025-10-24', '補假'], // Taiwan Retrocession Day (Sat 10-25) observed on Friday
    ['2025-12-25', '行憲紀念日'], // Constitution Day, a day off again
  ])('%s is a holiday (%s)', (date, description) => {
    expect(cal.isWorkingDay(d(date))).toBe(false);
    expect(TW_OFFICIAL_CALENDAR_DATA.years[2025]?.weekdayHolidays[date]).toBe(description);
  });

  it('moves working-day deadlines across the new holidays', () => {
    // Received Fri 09-26: 3 working days were 09-29, 09-30, 10-01 → now 09-30, 10-01, 10-02.
    expect(cal.addWorkingDays(d('2025-09-26'), 3)).toBe('2025-10-02');
    expect(cal.addWorkingDays(d('2025-10-23'), 1)).toBe('2025-10-27');
    expect(cal.addWorkingDays(d('2025-12-24'), 1)).toBe('2025-12-26');
  });
});

describe('isWorkingDay on real 2025–2027 dates', () => {
  it.each([
    // Lunar New Year 2025: Sat 01-25 .. Sun 02-02 off; Sat 02-08 is a make-up workday (補班).
    ['2025-01-24', true],
    ['2025-01-25', false],
    ['2025-01-27', false], // 小年夜 (adjusted holiday)
    ['2025-01-28', false], // 除夕
    ['2025-01-31', false],
    ['2025-02-02', false],
    ['2025-02-03', true],
    ['2025-02-08', true], // 補行上班 Saturday
    ['2025-02-09', false],
    // Lunar New Year 2026: Sat 02-14 .. Sun 02-22 off.
    ['2026-02-13', true],
    ['2026-02-16', false], // 除夕
    ['2026-02-20', false], // 補假
    ['2026-02-23', true],
    // Lunar New Year 2027: Thu 02-04 .. Wed 02-10 off.
    ['2027-02-03', true],
    ['2027-02-04', false],
    ['2027-02-10', false],
    ['2027-02-11', true],
    // 228
    ['2025-02-28', false],
    ['2026-02-27', false], // 228 on a Saturday → Friday off
    ['2027-03-01', false], // 228 on a Sunday → Monday off
    ['2027-03-02', true],
    // Children's Day / Tomb Sweeping
    ['2025-04-03', false],
    ['2025-04-04', false],
    ['2025-04-07', true],
    ['2026-04-03', false],
    ['2026-04-06', false],
    ['2026-04-07', true],
    ['2027-04-05', false],
    ['2027-04-06', false],
    // Labour Day: working for government offices in 2025, a holiday from 2026.
    ['2025-05-01', true],
    ['2026-05-01', false],
    ['2027-04-30', false],
    // Dragon Boat
    ['2025-05-30', false],
    ['2026-06-19', false],
    ['2027-06-09', false],
    // Mid-Autumn
    ['2025-10-06', false],
    ['2026-09-25', false],
    ['2027-09-15', false],
    // Teachers' Day (from 2026 in this data)
    ['2026-09-28', false],
    // National Day
    ['2025-10-10', false],
    ['2026-10-09', false],
    ['2027-10-11', false],
    // Year ends
    ['2025-12-31', true],
    ['2026-01-01', false],
    ['2026-12-25', false],
    ['2026-12-31', true],
    ['2027-01-01', false],
    ['2027-12-31', false], // 補假 for 2028-01-01 (a Saturday)
    // Ordinary days
    ['2026-11-23', true],
    ['2026-11-28', false],
    ['2026-11-29', false],
  ])('%s → working=%s', (date, expected) => {
    expect(cal.isWorkingDay(d(date))).toBe(expected);
  });
});

describe('fallback outside the covered years', () => {
  it('uses Monday–Friday only, and says so via covers()', () => {
    // 2028-01-26 would be Lunar New Year's Eve, unknown to the data: treated as a working day.
    expect(cal.covers(d('2028-01-26'))).toBe(false);
    expect(cal.isWorkingDay(d('2028-01-26'))).toBe(true);
    expect(cal.isWorkingDay(d('2024-10-10'))).toBe(true); // a Thursday (really a holiday)
    expect(cal.isWorkingDay(d('2028-01-01'))).toBe(false); // Saturday
    expect(cal.isWorkingDay(d('2024-12-29'))).toBe(false); // Sunday
    expect(cal.workingDaysBetween(d('2027-12-31'), d('2028-12-31'))).toBe(260);
    expect(cal.workingDaysBetween(d('2023-12-31'), d('2024-12-31'))).toBe(262);
  });

  it('a calendar without official data is plain Monday–Friday and covers nothing', () => {
    const plain = new BusinessCalendar();
    expect(plain.coverage).toBeNull();
    expect(plain.covers(d('2026-02-17'))).toBe(false);
    expect(plain.isWorkingDay(d('2026-02-17'))).toBe(true);
    expect(plain.isWorkingDay(d('2025-02-08'))).toBe(false);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it.each([
    ['2026-02-13', '2026-02-13'],
    ['2026-02-14', '2026-02-23'],
    ['2026-02-16', '2026-02-23'],
    ['2025-01-25', '2025-02-03'],
    ['2025-02-08', '2025-02-08'],
    ['2025-02-09', '2025-02-10'],
    ['2027-02-04', '2027-02-11'],
    ['2027-12-31', '2028-01-03'], // crosses out of coverage
    ['2026-12-31', '2026-12-31'],
    ['2027-01-01', '2027-01-04'],
  ])('%s → %s', (from, to) => {
    expect(cal.nextWorkingDayOnOrAfter(d(from))).toBe(to);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-02-13', 0, '2026-02-13'],
    ['2026-02-14', 0, '2026-02-14'], // n = 0 returns the date itself, even on a holiday
    ['2026-02-13', 1, '2026-02-23'],
    ['2026-02-12', 3, '2026-02-24'],
    ['2025-01-24', 3, '2025-02-05'],
    ['2025-02-03', 5, '2025-02-08'], // the 5th working day is the 補班 Saturday
    ['2025-02-03', 6, '2025-02-10'],
    ['2027-02-03', 3, '2027-02-15'],
    ['2026-12-30', 3, '2027-01-05'],
    ['2027-12-29', 3, '2028-01-04'], // 12-30, [12-31 補假], 01-03, 01-04
    ['2026-02-02', 20, '2026-03-10'],
  ])('%s + %i wd → %s', (from, n, to) => {
    expect(cal.addWorkingDays(d(from), n)).toBe(to);
  });

  it('rejects negative, fractional or absurd counts', () => {
    expect(() => cal.addWorkingDays(d('2026-01-05'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(d('2026-01-05'), 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(d('2026-01-05'), Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(d('2026-01-05'), MAX_WORKING_DAYS + 1)).toThrow(RangeError);
  });

  it('is fast: 20,000 × 60 working days', () => {
    const t0 = performance.now();
    let last = d('2025-01-01');
    for (let i = 0; i < 20_000; i++) last = cal.addWorkingDays(addDays(d('2025-01-01'), i % 900), 60);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(cal.isWorkingDay(last)).toBe(true);
  });
});

describe('workingDaysBetween: working days in (a, b]', () => {
  it.each([
    ['2026-02-13', '2026-02-13', 0],
    ['2026-02-13', '2026-02-23', 1],
    ['2026-02-12', '2026-02-23', 2],
    ['2026-02-13', '2026-02-22', 0],
    ['2025-01-24', '2025-02-08', 6],
    ['2025-12-30', '2025-12-31', 1],
    ['2025-12-31', '2026-01-01', 0],
    ['2024-12-31', '2025-12-31', 247],
    ['2025-12-31', '2026-12-31', 245],
    ['2026-12-31', '2027-12-31', 244],
    ['2024-12-31', '2027-12-31', 736],
    ['2026-02-23', '2026-02-13', -1], // antisymmetric
  ])('(%s, %s] → %i', (a, b, n) => {
    expect(cal.workingDaysBetween(d(a), d(b))).toBe(n);
  });

  it('matches a day-by-day count for random ranges 2023–2029, with closures and extra days', () => {
    const c = new BusinessCalendar({
      official: TW_OFFICIAL_CALENDAR_DATA,
      closures: [d('2025-07-29'), d('2025-02-08'), d('2026-02-14'), d('2028-09-12'), d('2024-07-25')],
      extraWorkingDays: [d('2026-07-11'), d('2028-03-04'), d('2025-02-08')],
    });
    const rnd = prng(7);
    const base = d('2023-01-01');
    const span = 7 * 366;
    const mismatches: string[] = [];
    for (let i = 0; i < 400; i++) {
      const a = addDays(base, Math.floor(rnd() * span));
      const b = addDays(a, Math.floor(rnd() * 400) - 100);
      const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let brute = 0;
      for (let x = addDays(lo, 1); x <= hi; x = addDays(x, 1)) if (c.isWorkingDay(x)) brute++;
      if (c.workingDaysBetween(a, b) !== sign * brute) mismatches.push(`${a}..${b}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('inverts addWorkingDays', () => {
    const mismatches: string[] = [];
    for (const a of eachDay(d('2024-12-01'), d('2028-01-31'))) {
      for (const n of [1, 7, 23, 61]) {
        const b = cal.addWorkingDays(a, n);
        if (cal.workingDaysBetween(a, b) !== n) mismatches.push(`${a}+${n}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('ad-hoc closures and extra make-up days', () => {
  it('a typhoon closure makes a working day non-working, anywhere', () => {
    const typhoon = twOfficialCalendar([d('2025-07-29'), d('2028-01-03')]);
    expect(cal.isWorkingDay(d('2025-07-29'))).toBe(true);
    expect(typhoon.isWorkingDay(d('2025-07-29'))).toBe(false);
    expect(typhoon.nextWorkingDayOnOrAfter(d('2025-07-29'))).toBe('2025-07-30');
    expect(typhoon.nextWorkingDayOnOrAfter(d('2027-12-31'))).toBe('2028-01-04');
    expect(typhoon.covers(d('2028-01-03'))).toBe(false); // closures do not extend coverage
    expect(typhoon.workingDaysBetween(d('2025-07-28'), d('2025-07-30'))).toBe(1);
  });

  it('a closure on a 補班 Saturday cancels the make-up day', () => {
    const c = twOfficialCalendar([d('2025-02-08')]);
    expect(c.isWorkingDay(d('2025-02-08'))).toBe(false);
    expect(c.addWorkingDays(d('2025-02-03'), 5)).toBe('2025-02-10');
  });

  it('a closure on a weekend or holiday changes nothing', () => {
    const c = twOfficialCalendar([d('2026-02-14'), d('2026-02-17')]);
    expect(c.workingDaysBetween(d('2025-12-31'), d('2026-12-31'))).toBe(245);
  });

  it('extra make-up days make a day working, but a closure wins', () => {
    const extra = twOfficialCalendar([], [d('2026-07-11')]);
    expect(extra.isWorkingDay(d('2026-07-11'))).toBe(true);
    expect(extra.workingDaysBetween(d('2025-12-31'), d('2026-12-31'))).toBe(246);
    const both = new BusinessCalendar({
      official: TW_OFFICIAL_CALENDAR_DATA,
      closures: [d('2026-07-11')],
      extraWorkingDays: [d('2026-07-11')],
    });
    expect(both.isWorkingDay(d('2026-07-11'))).toBe(false);
  });

  it('validates closure dates at construction', () => {
    expect(() => twOfficialCalendar(['2026-02-30' as PlainDate])).toThrow(/YYYY-MM-DD/);
  });

  it('does not share state between instances', () => {
    twOfficialCalendar([d('2026-03-03')]);
    expect(twOfficialCalendar().isWorkingDay(d('2026-03-03'))).toBe(true);
  });
});
