/**
 * Property-style checks over every day of the official calendar's coverage (2025–2027).
 * The oracle is a precomputed working-day table (isWorkingDay is pinned to real dates in
 * business-calendar.test.ts), independent of addWorkingDays / workingDaysBetween.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeDeadline,
  daysBetween,
  daysInMonth,
  monthPeriodEnd,
  parsePlainDate,
  plainDateParts,
  twOfficialCalendar,
  type PlainDate,
  type Period,
} from '../../../domain/index';
import { eachDay } from '../helpers';

const d = parsePlainDate;
const FIRST = d('2025-01-01');
const LAST = d('2027-12-31');
const TABLE_END = d('2030-03-31'); // 2027-12-31 + 24 months, plus slack for the holiday shift

function check(cal: ReturnType<typeof twOfficialCalendar>, label: string) {
  const working: boolean[] = [];
  for (const x of eachDay(FIRST, TABLE_END)) working.push(cal.isWorkingDay(x));
  const idx = (x: PlainDate) => daysBetween(FIRST, x);
  const isWorking = (x: PlainDate) => working[idx(x)]!;
  const days = [...eachDay(FIRST, LAST)];

  describe(label, () => {
    it('Nwd, N = 1..40: a working day, after receipt, exactly N working days in (received, due]', () => {
      const failures: string[] = [];
      for (const received of days) {
        for (let n = 1; n <= 40; n++) {
          const due = computeDeadline(cal, received, { unit: 'wd', n });
          let count = 0;
          for (let i = idx(received) + 1; i <= idx(due); i++) if (working[i]) count++;
          if (!(due > received) || !isWorking(due) || count !== n || cal.workingDaysBetween(received, due) !== n) {
            failures.push(`${received}+${n}wd=${due}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('Nd, N = 1..60: the first working day on or after received + N', () => {
      const failures: string[] = [];
      for (const received of days) {
        for (let n = 1; n <= 60; n++) {
          const due = computeDeadline(cal, received, { unit: 'd', n });
          const end = addDays(received, n);
          let ok = due >= end && isWorking(due);
          for (let x = end; ok && x < due; x = addDays(x, 1)) ok = !isWorking(x);
          if (!ok) failures.push(`${received}+${n}d=${due}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('Nmo, N = 1..24: Art. 48 III end, then the first working day on or after it', () => {
      const failures: string[] = [];
      for (const received of days) {
        const start = addDays(received, 1);
        const s = plainDateParts(start);
        for (let n = 1; n <= 24; n++) {
          const due = computeDeadline(cal, received, { unit: 'mo', n });
          const end = monthPeriodEnd(start, n);
          // Independent statement of the rule, via the day AFTER the period:
          //  - if the N-th month has the corresponding day, the period ends just before it;
          //  - otherwise it ends on that month's last day, so the next day is the 1st of the month after.
          const m0 = s.year * 12 + (s.month - 1) + n;
          const [ty, tm] = [Math.floor(m0 / 12), (m0 % 12) + 1];
          const after = plainDateParts(addDays(end, 1));
          const ok1 =
            s.day <= daysInMonth(ty, tm)
              ? after.year === ty && after.month === tm && after.day === s.day
              : after.year * 12 + after.month - 1 === m0 + 1 && after.day === 1;
          let ok = ok1 && due >= end && due > received && isWorking(due);
          for (let x = end; ok && x < due; x = addDays(x, 1)) ok = !isWorking(x);
          if (!ok) failures.push(`${received}+${n}mo=${due} (end ${end})`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('deadlines never move earlier when the receipt date moves later', () => {
      const periods: Period[] = [
        { unit: 'wd', n: 3 },
        { unit: 'd', n: 30 },
        { unit: 'mo', n: 1 },
        { unit: 'mo', n: 2 },
      ];
      const failures: string[] = [];
      for (const period of periods) {
        let previous = computeDeadline(cal, addDays(FIRST, -1), period);
        for (const received of days) {
          const due = computeDeadline(cal, received, period);
          if (due < previous) failures.push(`${received} ${period.n}${period.unit}`);
          previous = due;
        }
      }
      expect(failures).toEqual([]);
    });
  });
}

check(twOfficialCalendar(), 'official calendar');
check(
  twOfficialCalendar([d('2025-07-29'), d('2025-02-08'), d('2026-09-29'), d('2027-12-30'), d('2028-01-03')]),
  'official calendar with typhoon closures',
);
