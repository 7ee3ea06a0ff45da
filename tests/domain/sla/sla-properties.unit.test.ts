/**
 * Property checks of the SLA clock over every day of 2026, with the official calendar alone and
 * with a few typhoon closures. The oracles count working days and working milliseconds by walking
 * the calendar day by day with isWorkingDay (pinned to real dates in business-calendar.test.ts),
 * independently of workingDaysBetween / addWorkingDays and of the clock's working-time arithmetic.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  endOfTaipeiDay,
  parsePlainDate,
  parseSlaPeriod,
  slaClock,
  slaStates,
  startOfTaipeiDay,
  taipeiDateOf,
  twOfficialCalendar,
  type BusinessCalendar,
  type PlainDate,
  type SlaState,
} from '../../../domain/index';
import { eachDay } from '../helpers';

const d = parsePlainDate;
const p = parseSlaPeriod;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DAYS_2026 = [...eachDay(d('2026-01-01'), d('2026-12-31'))];
const isDayEnd = (ms: number) => ms === endOfTaipeiDay(taipeiDateOf(ms));

function check(calendar: BusinessCalendar, label: string) {
  const clock = slaClock(calendar);
  const working = (x: PlainDate) => calendar.isWorkingDay(x);
  /** Working days in (a, b], walking day by day. */
  const workingDaysIn = (a: PlainDate, b: PlainDate) => {
    let n = 0;
    for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (working(x)) n++;
    return n;
  };
  /** Milliseconds of [a, b) whose Taipei date is a working day. */
  const workingMs = (a: number, b: number) => {
    let total = 0;
    for (let x = taipeiDateOf(a); startOfTaipeiDay(x) < b; x = addDays(x, 1)) {
      if (!working(x)) continue;
      total += Math.min(b, startOfTaipeiDay(x) + DAY) - Math.max(a, startOfTaipeiDay(x));
    }
    return total;
  };
  const instantsOf = (x: PlainDate) => [startOfTaipeiDay(x), startOfTaipeiDay(x) + 9.5 * HOUR, endOfTaipeiDay(x)];
  const LEGAL = ['1wd', '3wd', '5wd', '6wd', '10d', '30d', '1mo', '2mo'].map(p);

  describe(label, () => {
    it('dueAt (legal) is the end of a working day after the receipt date, the same for any instant of that day', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        for (const period of LEGAL) {
          const dues = instantsOf(x).map((from) => clock.dueAt(from, period));
          const due = dues[0]!;
          const date = taipeiDateOf(due);
          const exactWd = period.kind === 'legal' && period.period.unit === 'wd' ? period.period.n : null;
          if (
            !isDayEnd(due) ||
            !working(date) ||
            !(date > x) ||
            dues.some((v) => v !== due) ||
            (exactWd !== null && workingDaysIn(x, date) !== exactWd)
          ) {
            failures.push(`${x} ${JSON.stringify(period)} → ${date}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('dueAt (seconds) is the exact offset, any day', () => {
      for (const x of DAYS_2026) {
        for (const from of instantsOf(x)) expect(clock.dueAt(from, p('37s'))).toBe(from + 37_000);
      }
    });

    it('resumeShift (legal): never earlier, a day end on a working day, later by exactly the lost working days', () => {
      const failures: string[] = [];
      const durations = [0, 1, HOUR, 20 * HOUR, DAY, 3 * DAY, 9 * DAY, 16 * DAY];
      for (const x of DAYS_2026) {
        const received = startOfTaipeiDay(x) + 9.5 * HOUR;
        for (const period of [p('6wd'), p('2mo')]) {
          const due = clock.dueAt(received, period);
          const dueDate = taipeiDateOf(due);
          for (const pausedAt of [received, received + 1 * DAY + 5 * HOUR, received + 4 * DAY + 14 * HOUR, due, due + 1]) {
            let previous = due;
            for (const duration of durations) {
              const resumedAt = pausedAt + duration;
              const shifted = clock.resumeShift(due, pausedAt, resumedAt, 'legal');
              const shiftedDate = taipeiDateOf(shifted);
              const lost = workingDaysIn(taipeiDateOf(pausedAt), taipeiDateOf(resumedAt));
              const expectedLost = pausedAt > due ? 0 : lost;
              const sameDay = taipeiDateOf(pausedAt) === taipeiDateOf(resumedAt);
              if (
                shifted < due ||
                shifted < previous ||
                !isDayEnd(shifted) ||
                !working(shiftedDate) ||
                workingDaysIn(dueDate, shiftedDate) !== expectedLost ||
                clock.pausedWorkingDays(pausedAt, resumedAt) !== lost ||
                ((duration === 0 || sameDay) && shifted !== due)
              ) {
                failures.push(`${x} due ${dueDate} pause ${pausedAt}+${duration} → ${shiftedDate}`);
              }
              previous = shifted;
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('resumeShift (seconds): later by exactly the pause length; a zero pause changes nothing', () => {
      for (const x of DAYS_2026) {
        const received = startOfTaipeiDay(x) + 9.5 * HOUR;
        const due = clock.dueAt(received, p('600s'));
        for (const duration of [0, 1, 999, 60_000, DAY]) {
          expect(clock.resumeShift(due, received + 5000, received + 5000 + duration, 'seconds')).toBe(due + duration);
          expect(clock.resumeShift(due, due + 1, due + 1 + duration, 'seconds')).toBe(due);
        }
      }
    });

    it('a pause keeps the working-time span between the shifted start and the shifted due', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        for (const received of instantsOf(x)) {
          const due = clock.dueAt(received, p('6wd'));
          const span = workingMs(received, due);
          for (const [offset, duration] of [
            [0, 0],
            [2 * HOUR, 3 * HOUR],
            [DAY, 2 * DAY],
            [3 * DAY + HOUR, 10 * DAY],
          ] as const) {
            const pausedAt = received + offset;
            if (pausedAt > due) continue;
            const start2 = clock.resumeShiftStart(received, pausedAt, pausedAt + duration, 'legal');
            const due2 = clock.resumeShift(due, pausedAt, pausedAt + duration, 'legal');
            if (workingMs(start2, due2) !== span || (duration === 0 && start2 !== received)) {
              failures.push(`${received} pause +${offset} for ${duration}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('warningAt (legal): ordered, on working days, at exactly the fraction of working time', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        for (const start of instantsOf(x)) {
          for (const period of [p('1wd'), p('6wd'), p('30d')]) {
            const due = clock.dueAt(start, period);
            const total = workingMs(start, due);
            const w50 = clock.warningAt(start, due, 0.5, 'legal');
            const w75 = clock.warningAt(start, due, 0.75, 'legal');
            if (
              !(start <= w50 && w50 <= w75 && w75 <= due) ||
              !working(taipeiDateOf(w50)) ||
              !working(taipeiDateOf(w75)) ||
              workingMs(start, w50) !== Math.floor(total * 0.5) ||
              workingMs(start, w75) !== Math.floor(total * 0.75)
            ) {
              failures.push(`${start} ${JSON.stringify(period)}: ${w50} ${w75} ${due}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('stateAt only moves forward through on_track → warned_50 → warned_75 → breached', () => {
      const order = (s: SlaState) => slaStates.indexOf(s);
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        const start = startOfTaipeiDay(x) + 9.5 * HOUR;
        const due = clock.dueAt(start, p('6wd'));
        let last = -1;
        for (let now = start - HOUR; now <= due + 2 * DAY; now += 3 * HOUR + 17) {
          const state = clock.stateAt({ startMs: start, dueMs: due, nowMs: now, paused: false, kind: 'legal' });
          if (order(state) < last || (state === 'breached') !== now > due || state === 'paused') {
            failures.push(`${x} at ${now}: ${state}`);
          }
          last = order(state);
          if (clock.stateAt({ startMs: start, dueMs: due, nowMs: now, paused: true, kind: 'legal' }) !== 'paused') {
            failures.push(`${x} at ${now}: paused lost`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('extend: the same period again is always allowed at the expiry instant; one more unit or 1 ms later is not', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        const received = startOfTaipeiDay(x) + 9.5 * HOUR;
        for (const text of ['6wd', '30d', '2mo']) {
          const period = p(text);
          const longer = p(text.replace(/^\d+/, (n) => String(Number(n) + 1)));
          const due = clock.dueAt(received, period);
          const again = { ok: true, dueMs: clock.dueAt(due, period) };
          const ok1 = clock.extend(received, due, period, due);
          const ok2 = clock.extend(received, due, period, due, period);
          const late = clock.extend(received, due, period, due + 1, period);
          const tooLong = clock.extend(received, due, longer, due, period);
          const mismatch = clock.extend(received, due, p('60s'), received);
          if (
            JSON.stringify(ok1) !== JSON.stringify(again) ||
            JSON.stringify(ok2) !== JSON.stringify(again) ||
            again.dueMs <= due ||
            late.ok ||
            late.reason !== 'after_expiry' ||
            tooLong.ok ||
            tooLong.reason !== 'longer_than_original' ||
            mismatch.ok ||
            mismatch.reason !== 'kind_mismatch'
          ) {
            failures.push(`${x} ${text}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('transferTimely: timely through the end of the next working day, not 1 ms later', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        let next = addDays(x, 1);
        while (!working(next)) next = addDays(next, 1);
        for (const received of instantsOf(x)) {
          if (
            !clock.transferTimely(received, endOfTaipeiDay(next), p('1wd')) ||
            clock.transferTimely(received, endOfTaipeiDay(next) + 1, p('1wd'))
          ) {
            failures.push(`${received}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('nextEscalationAt: the end of the 5th working day after the due date, from the due or the breach instant', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        if (!working(x)) continue;
        const due = endOfTaipeiDay(x);
        let fifth = x;
        for (let n = 0; n < 5; ) {
          fifth = addDays(fifth, 1);
          if (working(fifth)) n++;
        }
        const a = clock.nextEscalationAt(due, p('5wd'));
        const b = clock.nextEscalationAt(due + 1, p('5wd'));
        if (a !== endOfTaipeiDay(fifth) || b !== a) failures.push(`${x}: ${taipeiDateOf(a)} ${taipeiDateOf(b)}`);
      }
      expect(failures).toEqual([]);
    });

    it('workingDaysLeft: sign from the dates, size from the working days between', () => {
      const failures: string[] = [];
      for (const x of DAYS_2026) {
        const due = clock.dueAt(startOfTaipeiDay(x) + 9.5 * HOUR, p('6wd'));
        const dueDate = taipeiDateOf(due);
        for (let today = addDays(x, -3); today <= addDays(dueDate, 10); today = addDays(today, 1)) {
          const left = clock.workingDaysLeft(startOfTaipeiDay(today) + 12 * HOUR, due);
          const expected =
            today === dueDate
              ? 0
              : today < dueDate
                ? Math.max(1, workingDaysIn(today, dueDate))
                : -Math.max(1, workingDaysIn(dueDate, today));
          if (left !== expected) failures.push(`${today} → ${dueDate}: ${left} ≠ ${expected}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });
}

check(twOfficialCalendar(), 'official calendar 2026');
check(
  twOfficialCalendar(['2026-07-29', '2026-08-12', '2026-08-13', '2026-09-30', '2026-10-01'].map(d)),
  'official calendar 2026 with typhoon closures',
);
