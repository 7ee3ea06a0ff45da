import { describe, expect, it } from 'vitest';
import {
  InvalidPeriodError,
  computeDeadline,
  monthPeriodEnd,
  parsePeriod,
  parsePlainDate,
  shiftByPausedWorkingDays,
  twOfficialCalendar,
  type Period,
} from '../../../domain/index';

const d = parsePlainDate;
const cal = twOfficialCalendar();
const due = (received: string, period: string, c = cal) => computeDeadline(c, d(received), parsePeriod(period));

describe('monthPeriodEnd (Art. 48 III, before the holiday shift)', () => {
  it.each([
    // start (起算日), months, last day
    ['2026-01-31', 1, '2026-02-28'], // no Feb 31 → last day of February
    ['2026-01-30', 1, '2026-02-28'], // no Feb 30
    ['2026-01-29', 1, '2026-02-28'], // no Feb 29 in 2026
    ['2026-01-28', 1, '2026-02-27'], // day before Feb 28
    ['2027-01-29', 1, '2027-02-28'],
    ['2028-01-29', 1, '2028-02-28'], // leap year: Feb 29 exists → day before it
    ['2028-01-30', 1, '2028-02-29'],
    ['2026-02-01', 1, '2026-02-28'], // starts on the 1st → whole calendar month
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-01-01', 2, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'], // no Apr 31
    ['2026-03-30', 1, '2026-04-29'],
    ['2026-12-31', 2, '2027-02-28'], // across the year end
    ['2025-12-15', 1, '2026-01-14'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-16', 2, '2026-05-15'],
    ['2026-03-01', 12, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'], // from a leap day: corresponding day missing → month end
    ['2026-01-15', 120, '2036-01-14'],
  ])('start %s + %i mo → %s', (start, months, end) => {
    expect(monthPeriodEnd(d(start), months)).toBe(end);
  });

  it('rejects bad month counts', () => {
    expect(() => monthPeriodEnd(d('2026-01-01'), 0)).toThrow(RangeError);
    expect(() => monthPeriodEnd(d('2026-01-01'), 121)).toThrow(RangeError);
  });
});

describe('computeDeadline: month periods', () => {
  it.each([
    // received, period, due — comment: unshifted last day
    ['2026-01-30', '1mo', '2026-03-02'], // brief example: 02-28 (Sat, 228) → Sun → Mon 03-02
    ['2026-01-31', '1mo', '2026-03-02'], // start 02-01 → 02-28
    ['2026-01-26', '1mo', '2026-02-26'], // start 01-27 → 02-26 Thu, a working day
    ['2027-01-30', '1mo', '2027-03-02'], // 2027-02-28 Sun (228) → 03-01 Mon 補假 → Tue
    ['2025-12-31', '2mo', '2026-03-02'], // start 2026-01-01 → 02-28
    ['2026-03-15', '2mo', '2026-05-15'], // start 03-16 → 05-15 Fri
    ['2025-11-30', '2mo', '2026-02-02'], // start 12-01 → 2026-01-31 Sat → Mon 02-02
    ['2025-12-30', '2mo', '2026-03-02'], // start 12-31 → no 02-31 → 02-28
    ['2026-12-30', '2mo', '2027-03-02'], // start 12-31 → 2027-02-28 Sun → 03-01 補假 → 03-02
    ['2026-11-28', '1mo', '2026-12-28'], // start 11-29 → 12-28 Mon
    ['2025-02-28', '12mo', '2026-03-02'], // start 03-01 → 2026-02-28
    ['2025-12-16', '2mo', '2026-02-23'], // start 12-17 → 2026-02-16 除夕 → after LNY block
    ['2025-11-24', '2mo', '2026-01-26'], // start 11-25 → 01-24 Sat → Mon 01-26
  ])('received %s + %s → %s', (received, period, expected) => {
    expect(due(received, period)).toBe(expected);
  });
});

describe('computeDeadline: calendar-day periods', () => {
  it.each([
    ['2026-02-06', '10d', '2026-02-23'], // 02-16 除夕 → past the whole 2026 LNY block
    ['2025-01-17', '10d', '2025-02-03'], // 01-27 小年夜 → past the 2025 LNY block
    ['2027-01-25', '10d', '2027-02-11'], // 02-04 小年夜 → past the 2027 LNY block
    ['2025-01-29', '10d', '2025-02-08'], // ends on the 補班 Saturday: a working day, no shift
    ['2025-02-05', '10d', '2025-02-17'], // ordinary Saturday → Monday
    ['2025-02-18', '10d', '2025-03-03'], // 228 (Fri) → Mon
    ['2026-02-17', '10d', '2026-03-02'], // 02-27 補假 for 228 → Mon
    ['2025-03-24', '10d', '2025-04-07'], // Tomb Sweeping 2025 (04-03 .. 04-06)
    ['2026-03-24', '10d', '2026-04-07'], // Tomb Sweeping 2026 (04-03 .. 04-06)
    ['2027-03-26', '10d', '2027-04-07'], // Tomb Sweeping 2027 (04-03 .. 04-06)
    ['2025-05-20', '10d', '2025-06-02'], // Dragon Boat 2025 (05-30 .. 06-01)
    ['2026-06-09', '10d', '2026-06-22'], // Dragon Boat 2026 (06-19 Fri)
    ['2027-05-30', '10d', '2027-06-10'], // Dragon Boat 2027 (06-09 Wed)
    ['2025-09-26', '10d', '2025-10-07'], // Mid-Autumn 2025 (10-06 Mon)
    ['2026-09-15', '10d', '2026-09-29'], // Mid-Autumn 2026 (09-25 Fri) + Teachers' Day 09-28
    ['2027-09-05', '10d', '2027-09-16'], // Mid-Autumn 2027 (09-15 Wed)
    ['2025-09-30', '10d', '2025-10-13'], // National Day 2025 (Fri)
    ['2026-09-29', '10d', '2026-10-12'], // National Day 2026 (Sat; Fri 10-09 off)
    ['2027-09-30', '10d', '2027-10-12'], // National Day 2027 (Sun; Mon 10-11 off)
    ['2025-12-22', '10d', '2026-01-02'], // New Year 2026
    ['2026-12-22', '10d', '2027-01-04'], // New Year 2027 (Fri) → Mon
    ['2027-12-21', '10d', '2028-01-03'], // 2027-12-31 補假 → Sat/Sun of 2028 (fallback) → Mon
    ['2026-12-15', '10d', '2026-12-28'], // 行憲紀念日 12-25 (Fri)
    ['2026-01-16', '30d', '2026-02-23'], // 02-15 Sun inside LNY 2026
    ['2026-02-13', '1d', '2026-02-23'],
    ['2026-11-23', '30d', '2026-12-23'],
    ['2026-02-16', '1d', '2026-02-23'], // received on a holiday
  ])('received %s + %s → %s', (received, period, expected) => {
    expect(due(received, period)).toBe(expected);
  });
});

describe('computeDeadline: working-day periods', () => {
  it.each([
    ['2026-02-12', '3wd', '2026-02-24'],
    ['2026-02-13', '3wd', '2026-02-25'],
    ['2025-01-24', '3wd', '2025-02-05'],
    ['2025-02-03', '5wd', '2025-02-08'], // 補班 Saturday counts as a working day
    ['2027-02-03', '3wd', '2027-02-15'],
    ['2026-12-30', '3wd', '2027-01-05'],
    ['2027-12-29', '3wd', '2028-01-04'],
    ['2026-02-17', '1wd', '2026-02-23'], // received during LNY: receipt day still not counted
    ['2026-02-23', '1wd', '2026-02-24'], // received on a working day: not counted either
    ['2026-02-02', '20wd', '2026-03-10'],
    ['2026-11-23', '3wd', '2026-11-26'],
    ['2026-11-27', '3wd', '2026-12-02'],
  ])('received %s + %s → %s', (received, period, expected) => {
    expect(due(received, period)).toBe(expected);
  });
});

describe('ad-hoc typhoon closures', () => {
  it('move a deadline that lands on the closure', () => {
    expect(due('2026-07-01', '10d')).toBe('2026-07-13'); // 07-11 Sat → Mon
    expect(due('2026-07-01', '10d', twOfficialCalendar([d('2026-07-13')]))).toBe('2026-07-14');
  });

  it('are skipped when counting working days', () => {
    expect(due('2026-07-07', '3wd')).toBe('2026-07-10');
    expect(due('2026-07-07', '3wd', twOfficialCalendar([d('2026-07-09')]))).toBe('2026-07-13');
  });

  it('do not move a calendar-day period whose end is not affected', () => {
    // A closure inside the period does not lengthen a calendar-day or month period.
    expect(due('2026-07-01', '10d', twOfficialCalendar([d('2026-07-08')]))).toBe('2026-07-13');
    expect(due('2026-08-14', '1mo', twOfficialCalendar([d('2026-09-01')]))).toBe('2026-09-14');
  });

  it('can cancel a 補班 Saturday', () => {
    expect(due('2025-01-29', '10d', twOfficialCalendar([d('2025-02-08')]))).toBe('2025-02-10');
  });

  it('apply outside the covered years too', () => {
    expect(due('2027-12-21', '10d', twOfficialCalendar([d('2028-01-03')]))).toBe('2028-01-04');
  });
});

describe('fallback outside covered years', () => {
  it('uses Saturday/Sunday only', () => {
    expect(due('2028-01-29', '1mo')).toBe('2028-02-29'); // leap day, a Tuesday
    expect(due('2024-12-20', '3wd')).toBe('2024-12-25');
    expect(due('2028-01-21', '3wd')).toBe('2028-01-26'); // would be LNY Eve; unknown to the data
    expect(cal.covers(d('2028-01-26'))).toBe(false);
  });
});

describe('computeDeadline input validation', () => {
  it('rejects invalid period objects', () => {
    const bad = [{ unit: 'd', n: 0 }, { unit: 'mo', n: 121 }, { unit: 'x', n: 1 }, { unit: 'wd', n: 2.5 }];
    for (const p of bad) {
      expect(() => computeDeadline(cal, d('2026-01-05'), p as Period)).toThrow(InvalidPeriodError);
    }
  });
});

describe('shiftByPausedWorkingDays', () => {
  it('adds paused working days to the deadline', () => {
    expect(shiftByPausedWorkingDays(cal, d('2026-02-13'), 0)).toBe('2026-02-13');
    expect(shiftByPausedWorkingDays(cal, d('2026-02-13'), 1)).toBe('2026-02-23');
    expect(shiftByPausedWorkingDays(cal, d('2026-02-12'), 2)).toBe('2026-02-23');
    expect(shiftByPausedWorkingDays(cal, d('2025-02-03'), 5)).toBe('2025-02-08');
  });

  it('counts from the next working day when the deadline became non-working', () => {
    const typhoon = twOfficialCalendar([d('2026-07-10')]);
    expect(shiftByPausedWorkingDays(typhoon, d('2026-07-10'), 0)).toBe('2026-07-13');
    expect(shiftByPausedWorkingDays(typhoon, d('2026-07-10'), 1)).toBe('2026-07-14');
  });

  it('combines with workingDaysBetween to measure a pause', () => {
    const original = due('2026-02-02', '20wd'); // 2026-03-10
    const paused = cal.workingDaysBetween(d('2026-02-10'), d('2026-02-24')); // 11, 12, 13, 23, 24
    expect(paused).toBe(5);
    expect(shiftByPausedWorkingDays(cal, original, paused)).toBe('2026-03-17');
  });

  it('rejects negative or fractional pauses', () => {
    expect(() => shiftByPausedWorkingDays(cal, d('2026-02-13'), -1)).toThrow(RangeError);
    expect(() => shiftByPausedWorkingDays(cal, d('2026-02-13'), 0.5)).toThrow(RangeError);
  });
});
