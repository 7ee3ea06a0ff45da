/**
 * The SLA clock on real Taiwan office days. Reference points (政府行政機關辦公日曆表):
 *   2026 Lunar New Year: 2026-02-14 (Sat) .. 2026-02-22 (Sun) all closed; 228 observed Fri 2026-02-27;
 *   Tomb Sweeping: Fri 2026-04-03 and Mon 2026-04-06 closed; Labour Day Fri 2026-05-01 closed;
 *   Sat 2025-02-08 is a make-up workday (補班); 2026-03 has no weekday holiday.
 * Typhoon closures are ad-hoc: TYPHOON (Wed 2026-08-12) is one only where the test says so.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidSlaPeriodError,
  SlaKindMismatchError,
  endOfTaipeiDay,
  parsePlainDate,
  parseSlaPeriod,
  slaClock,
  slaStateAt,
  startOfTaipeiDay,
  twOfficialCalendar,
  warningAt,
  type SlaPeriod,
} from '../../../domain/index';

const d = parsePlainDate;
const p = parseSlaPeriod;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Taipei wall-clock instant. */
const at = (date: string, h = 0, m = 0, s = 0, ms = 0) =>
  startOfTaipeiDay(d(date)) + h * HOUR + m * 60_000 + s * 1000 + ms;
/** 23:59:59.999 Taipei on `date`: how every legal deadline is expressed. */
const end = (date: string) => endOfTaipeiDay(d(date));

const TYPHOON = '2026-08-12';
const clock = slaClock(twOfficialCalendar());
const typhoonClock = slaClock(twOfficialCalendar([d(TYPHOON)]));

describe('slaClock', () => {
  it('exposes its calendar', () => {
    const cal = twOfficialCalendar();
    expect(slaClock(cal).calendar).toBe(cal);
  });
});

describe('dueAt — legal periods end at 23:59:59.999 Taipei of the Art. 48 deadline date', () => {
  it.each([
    ['Mon 09:00, 3wd', at('2026-03-02', 9), '3wd', '2026-03-05'],
    ['Fri 19:00, 1wd → Monday', at('2026-03-06', 19), '1wd', '2026-03-09'],
    ['Sat, 1wd → Monday', at('2026-03-07', 11), '1wd', '2026-03-09'],
    ['receipt at 00:00:00.000', at('2026-03-02'), '1wd', '2026-03-03'],
    ['receipt at 23:59:59.999 (same day)', end('2026-03-02'), '1wd', '2026-03-03'],
    ['receipt 1 ms later (next day)', end('2026-03-02') + 1, '1wd', '2026-03-04'],
    ['Fri before Lunar New Year, 1wd', at('2026-02-13', 10), '1wd', '2026-02-23'],
    ['Fri before Lunar New Year, 6wd (普通件)', at('2026-02-13', 10), '6wd', '2026-03-03'],
    ['Fri before Lunar New Year, 30d (lands Sun 03-15)', at('2026-02-13', 10), '30d', '2026-03-16'],
    ['during Lunar New Year (春節), 1wd', at('2026-02-17', 10), '1wd', '2026-02-23'],
    ['Thu before the 228 long weekend, 1wd', at('2026-02-26', 16), '1wd', '2026-03-02'],
    ['Thu before Tomb Sweeping, 1wd', at('2026-04-02', 16), '1wd', '2026-04-07'],
    ['2mo from 01-15 (03-15 is a Sunday)', at('2026-01-15', 10), '2mo', '2026-03-16'],
    ['Fri before the 補班 Saturday, 1wd', at('2025-02-07', 15), '1wd', '2025-02-08'],
    ['Tue before a typhoon-free Wednesday, 1wd', at('2026-08-11', 10), '1wd', '2026-08-12'],
  ])('%s', (_label, from, period, date) => {
    expect(clock.dueAt(from, p(period))).toBe(end(date));
  });

  it('skips a typhoon closure', () => {
    expect(typhoonClock.dueAt(at('2026-08-11', 10), p('1wd'))).toBe(end('2026-08-13'));
    expect(typhoonClock.dueAt(at('2026-08-10', 10), p('3wd'))).toBe(end('2026-08-14'));
  });

  it('seconds periods are wall time, no calendar', () => {
    const sat = at('2026-02-14', 3, 0, 0, 123); // a Lunar New Year Saturday
    expect(clock.dueAt(sat, p('90s'))).toBe(sat + 90_000);
    expect(clock.dueAt(sat, p('1s'))).toBe(sat + 1000);
    expect(clock.dueAt(sat, p('86400s'))).toBe(sat + DAY);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => clock.dueAt(1.5, p('1wd'))).toThrow(/fromMs must be an integer/);
    expect(() => clock.dueAt(Number.NaN, p('1s'))).toThrow(RangeError);
    expect(() => clock.dueAt(0, { kind: 'seconds', seconds: 0 })).toThrow(InvalidSlaPeriodError);
    expect(() => clock.dueAt(0, { kind: 'legal', period: { unit: 'wd', n: 0 } })).toThrow(InvalidSlaPeriodError);
    expect(() => clock.dueAt(0, { kind: 'days' } as unknown as SlaPeriod)).toThrow(InvalidSlaPeriodError);
  });
});

describe('pausedWorkingDays — working days in (pause date, resume date]', () => {
  it.each([
    ['same day', at('2026-03-02', 9), at('2026-03-02', 17), 0],
    ['same instant', at('2026-03-02', 9), at('2026-03-02', 9), 0],
    ['whole day, 00:00 to 23:59:59.999', at('2026-03-02'), end('2026-03-02'), 0],
    ['Mon 09:00 → Tue 17:00', at('2026-03-02', 9), at('2026-03-03', 17), 1],
    ['Mon 23:59:59.999 → Tue 00:00', end('2026-03-02'), at('2026-03-03'), 1],
    ['Mon → Thu', at('2026-03-02', 15), at('2026-03-05', 10), 3],
    ['Fri 16:00 → Mon 09:00 (weekend not counted)', at('2026-03-06', 16), at('2026-03-09', 9), 1],
    ['Fri → Sun', at('2026-03-06', 16), at('2026-03-08', 9), 0],
    ['Sat → Sun', at('2026-03-07', 16), at('2026-03-08', 9), 0],
    ['Fri 02-13 → Mon 02-23, across Lunar New Year', at('2026-02-13', 15), at('2026-02-23', 9), 1],
    ['Thu 02-12 → Thu 02-26, across Lunar New Year', at('2026-02-12', 15), at('2026-02-26', 9), 5],
    ['inside Lunar New Year only', at('2026-02-17', 10), at('2026-02-19', 10), 0],
    ['Thu 02-26 → Mon 03-02, across 228', at('2026-02-26', 10), at('2026-03-02', 10), 1],
    ['Thu 04-02 → Tue 04-07, across Tomb Sweeping', at('2026-04-02', 10), at('2026-04-07', 10), 1],
    ['Fri 2025-02-07 → Mon 02-10, across the 補班 Saturday', at('2025-02-07', 10), at('2025-02-10', 10), 2],
    ['Tue → Thu around an ordinary Wednesday', at('2026-08-11', 15), at('2026-08-13', 9), 2],
  ])('%s → %i', (_label, paused, resumed, days) => {
    expect(clock.pausedWorkingDays(paused, resumed)).toBe(days);
  });

  it('does not count a typhoon closure', () => {
    expect(typhoonClock.pausedWorkingDays(at('2026-08-11', 15), at('2026-08-13', 9))).toBe(1);
    expect(typhoonClock.pausedWorkingDays(at(TYPHOON, 8), at(TYPHOON, 20))).toBe(0);
  });

  it('rejects a resume before the pause', () => {
    expect(() => clock.pausedWorkingDays(at('2026-03-03'), at('2026-03-02'))).toThrow(/before pausedAtMs/);
    expect(() => clock.pausedWorkingDays(0.5, 1)).toThrow(/pausedAtMs must be an integer/);
  });
});

describe('resumeShift — legal', () => {
  const due = end('2026-03-10'); // Tue; 6wd from Mon 2026-03-02

  it.each([
    ['zero-length pause', at('2026-03-04', 10), at('2026-03-04', 10), '2026-03-10'],
    ['same-day pause', at('2026-03-04', 9), at('2026-03-04', 17), '2026-03-10'],
    ['Fri 16:00 → Mon 09:00: one working day (Monday)', at('2026-03-06', 16), at('2026-03-09', 9), '2026-03-11'],
    ['Fri → Sun: nothing lost', at('2026-03-06', 16), at('2026-03-08', 20), '2026-03-10'],
    ['Mon → Thu: three working days', at('2026-03-02', 15), at('2026-03-05', 10), '2026-03-13'],
    ['from before the due date to after it', at('2026-03-09', 10), at('2026-03-16', 10), '2026-03-17'],
    ['paused on the due date itself', at('2026-03-10', 10), at('2026-03-11', 10), '2026-03-11'],
    ['paused at exactly the due instant', due, at('2026-03-12', 10), '2026-03-12'],
  ])('%s', (_label, paused, resumed, date) => {
    expect(clock.resumeShift(due, paused, resumed, 'legal')).toBe(end(date));
  });

  it('a pause that begins after the due instant cannot cure the breach', () => {
    expect(clock.resumeShift(due, due + 1, at('2026-03-20', 10), 'legal')).toBe(due);
    expect(clock.resumeShift(due, at('2026-03-11', 9), at('2026-03-13', 9), 'legal')).toBe(due);
  });

  it('across Lunar New Year only the working days lost are added', () => {
    // 6wd from Tue 2026-02-10: 02-11, 02-12, 02-13, 02-23, 02-24, 02-25.
    const lny = clock.dueAt(at('2026-02-10', 10), p('6wd'));
    expect(lny).toBe(end('2026-02-25'));
    // Paused Thu 02-12 15:00, resumed Mon 02-23 09:00: 02-13 and 02-23 lost → 02-26, then 228 and the weekend.
    expect(clock.resumeShift(lny, at('2026-02-12', 15), at('2026-02-23', 9), 'legal')).toBe(end('2026-03-02'));
    // Paused Fri 02-13 evening, resumed Sun 02-22 evening: no working day lost at all.
    expect(clock.resumeShift(lny, at('2026-02-13', 18), at('2026-02-22', 20), 'legal')).toBe(lny);
  });

  it('a typhoon closure during the pause is not a lost working day', () => {
    const friday = end('2026-08-14');
    expect(typhoonClock.resumeShift(friday, at('2026-08-11', 15), at('2026-08-13', 9), 'legal')).toBe(end('2026-08-17'));
    expect(clock.resumeShift(friday, at('2026-08-11', 15), at('2026-08-13', 9), 'legal')).toBe(end('2026-08-18'));
  });

  it('a closure declared on the due date moves it to the next working day, even for a zero pause (Art. 48 IV)', () => {
    const dueOnTyphoon = end(TYPHOON);
    expect(typhoonClock.resumeShift(dueOnTyphoon, at('2026-08-11', 9), at('2026-08-11', 9), 'legal')).toBe(end('2026-08-13'));
    expect(typhoonClock.resumeShift(dueOnTyphoon, at('2026-08-10', 9), at('2026-08-11', 9), 'legal')).toBe(end('2026-08-14'));
  });

  it('successive pauses add up', () => {
    const once = clock.resumeShift(due, at('2026-03-03', 10), at('2026-03-04', 10), 'legal'); // +1 → 03-11
    const twice = clock.resumeShift(once, at('2026-03-06', 10), at('2026-03-10', 10), 'legal'); // +2 → 03-13
    expect(once).toBe(end('2026-03-11'));
    expect(twice).toBe(end('2026-03-13'));
  });
});

describe('resumeShift — seconds', () => {
  const received = at('2026-03-02', 10);
  const due = received + 60_000;

  it('adds the exact pause length', () => {
    expect(clock.resumeShift(due, received + 10_000, received + 10_000, 'seconds')).toBe(due);
    expect(clock.resumeShift(due, received + 10_000, received + 25_500, 'seconds')).toBe(due + 15_500);
    expect(clock.resumeShift(due, due, due + 7, 'seconds')).toBe(due + 7);
    // No calendar: a pause over a weekend is just its length.
    const fri = at('2026-03-06', 23, 59, 30);
    expect(clock.resumeShift(fri + 60_000, fri, fri + 2 * DAY, 'seconds')).toBe(fri + 60_000 + 2 * DAY);
  });

  it('a pause that begins after the due instant changes nothing', () => {
    expect(clock.resumeShift(due, due + 1, due + 50_000, 'seconds')).toBe(due);
  });
});

describe('resumeShift — refusals', () => {
  it('refuses a seconds deadline in a legal computation', () => {
    const secondsDue = at('2026-03-02', 10) + 60_000;
    expect(() => clock.resumeShift(secondsDue, at('2026-03-02', 10), at('2026-03-03', 10), 'legal')).toThrow(
      SlaKindMismatchError,
    );
    expect(() => clock.resumeShift(secondsDue, at('2026-03-02', 10), at('2026-03-03', 10), 'legal')).toThrow(
      /not the last millisecond of a Taipei day/,
    );
  });

  it('refuses a seconds pause rule on a legal deadline', () => {
    expect(() => clock.resumeShift(end('2026-03-10'), at('2026-03-03', 10), at('2026-03-03', 11), 'seconds')).toThrow(
      /legal-period deadline, but the computation is seconds-kind/,
    );
  });

  it('rejects nonsense input', () => {
    const due = end('2026-03-10');
    expect(() => clock.resumeShift(due, at('2026-03-05'), at('2026-03-04'), 'legal')).toThrow(/before pausedAtMs/);
    expect(() => clock.resumeShift(due, 0, 1, 'hours' as 'legal')).toThrow(/'legal' or 'seconds'/);
    expect(() => clock.resumeShift(Number.NaN, 0, 1, 'legal')).toThrow(/dueMs must be an integer/);
  });
});

describe('resumeShiftStart — moves the warning baseline with the deadline', () => {
  it('seconds: by the pause length', () => {
    expect(clock.resumeShiftStart(1_000_000, 1_010_000, 1_025_000, 'seconds')).toBe(1_025_000 - 10_000);
  });

  it('legal: by the lost working days, in working time', () => {
    const start = at('2026-03-02', 9);
    expect(clock.resumeShiftStart(start, at('2026-03-04', 9), at('2026-03-04', 17), 'legal')).toBe(start);
    expect(clock.resumeShiftStart(start, at('2026-03-06', 16), at('2026-03-09', 9), 'legal')).toBe(at('2026-03-03', 9));
    // Three days: Tue, Wed, Thu → Mon 09:00 + 3 working days = Thu 09:00.
    expect(clock.resumeShiftStart(start, at('2026-03-02', 15), at('2026-03-05', 10), 'legal')).toBe(at('2026-03-05', 9));
    // Across a weekend: Thu 09:00 + 2 working days = Mon 09:00.
    expect(clock.resumeShiftStart(at('2026-03-05', 9), at('2026-03-05', 10), at('2026-03-09', 10), 'legal')).toBe(
      at('2026-03-09', 9),
    );
  });

  it('legal: a start on a non-working day counts from the next working day', () => {
    // Received Sat 03-07: working time starts Mon 03-09 00:00; one lost day → Tue 03-10 00:00.
    expect(clock.resumeShiftStart(at('2026-03-07', 10), at('2026-03-09', 10), at('2026-03-10', 10), 'legal')).toBe(
      at('2026-03-10'),
    );
  });

  it('keeps the warnings the same working time before the shifted deadline', () => {
    const start = at('2026-03-02', 9);
    const due = clock.dueAt(start, p('6wd'));
    const paused = at('2026-03-04', 11);
    const resumed = at('2026-03-09', 14); // Thu, Fri, Mon lost
    const start2 = clock.resumeShiftStart(start, paused, resumed, 'legal');
    const due2 = clock.resumeShift(due, paused, resumed, 'legal');
    expect(due2).toBe(end('2026-03-13'));
    expect(clock.warningAt(start2, due2, 0.5, 'legal')).toBe(at('2026-03-10', 16, 30) - 1); // 03-05 → +3 wd
    expect(clock.warningAt(start2, due2, 0.75, 'legal')).toBe(at('2026-03-12', 8, 15) - 1); // 03-09 → +3 wd
  });
});

describe('extend — 30d processing period received Mon 2026-03-02, due Wed 04-01', () => {
  const received = at('2026-03-02', 10);
  const due = clock.dueAt(received, p('30d'));
  const extend = (ext: string, decidedAt = at('2026-03-25', 10), original?: string) =>
    clock.extend(received, due, p(ext), decidedAt, original === undefined ? undefined : p(original));

  it('has the expected original due', () => {
    expect(due).toBe(end('2026-04-01'));
  });

  it('accepts a decision at the expiry instant and refuses one 1 ms later', () => {
    expect(extend('30d', due)).toEqual({ ok: true, dueMs: end('2026-05-04') });
    expect(extend('30d', due + 1)).toEqual({ ok: false, reason: 'after_expiry' });
    expect(extend('1d', due + DAY)).toEqual({ ok: false, reason: 'after_expiry' });
  });

  it('runs from the original due date (the next day is the first counted day)', () => {
    expect(extend('1d')).toEqual({ ok: true, dueMs: end('2026-04-02') });
    expect(extend('2d')).toEqual({ ok: true, dueMs: end('2026-04-07') }); // 04-03 closed → Tomb Sweeping, weekend
    expect(extend('1wd')).toEqual({ ok: true, dueMs: end('2026-04-02') });
    expect(extend('2wd')).toEqual({ ok: true, dueMs: end('2026-04-07') });
  });

  it('a 30d extension of a 30d period is within the limit even when its end shifts over Labour Day', () => {
    // 04-01 + 30 = Fri 05-01 (勞動節) → Mon 05-04: 33 calendar days, but the period itself is 30 days.
    expect(extend('30d')).toEqual({ ok: true, dueMs: end('2026-05-04') });
  });

  it('refuses an extension longer than the original period, in the extension’s unit', () => {
    expect(extend('31d')).toEqual({ ok: false, reason: 'longer_than_original' });
    // Working days in (03-02, 04-01]: 03-03..03-06 (4) + 3 full weeks (15) + 03-30, 03-31, 04-01 (3) = 22.
    expect(extend('22wd')).toEqual({ ok: true, dueMs: end('2026-05-06') });
    expect(extend('23wd')).toEqual({ ok: false, reason: 'longer_than_original' });
    // One month from 04-02 ends 05-01: 30 days would cover it only if 03-03..04-02 fitted in 03-02..04-01.
    expect(extend('1mo')).toEqual({ ok: false, reason: 'longer_than_original' });
  });

  it('refuses a seconds extension of a legal deadline', () => {
    expect(extend('90s')).toEqual({ ok: false, reason: 'kind_mismatch' });
    expect(extend('90s', due + 1)).toEqual({ ok: false, reason: 'kind_mismatch' }); // reported first
  });

  it('reports after_expiry before longer_than_original', () => {
    expect(extend('31d', due + 1)).toEqual({ ok: false, reason: 'after_expiry' });
  });

  it('with the original period, days added by pauses do not enlarge the limit', () => {
    // 7 working days lost (03-11..03-19) → 04-01 + 7wd, over Tomb Sweeping (04-03, 04-06) → 04-14.
    const paused = clock.resumeShift(due, at('2026-03-10', 10), at('2026-03-19', 10), 'legal');
    expect(paused).toBe(end('2026-04-14'));
    const ext = (e: string, original?: string) =>
      clock.extend(received, paused, p(e), at('2026-04-09', 10), original === undefined ? undefined : p(original));
    // Without the original period the limit is measured to 04-14: 43 days.
    expect(ext('43d')).toEqual({ ok: true, dueMs: end('2026-05-27') });
    expect(ext('44d')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('35d', '30d')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('31d', '30d')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('30d', '30d')).toEqual({ ok: true, dueMs: end('2026-05-14') });
    // Other unit: measured against the unpaused original end, 04-01 (22 working days); Labour Day skipped.
    expect(ext('22wd', '30d')).toEqual({ ok: true, dueMs: end('2026-05-15') });
    expect(ext('23wd', '30d')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('90s', '30d')).toEqual({ ok: false, reason: 'kind_mismatch' });
  });
});

describe('extend — months and working days', () => {
  it('2mo received 2026-01-15 (due Mon 03-16): 2mo and 60d fit, 3mo and 61d do not', () => {
    const received = at('2026-01-15', 10);
    const due = clock.dueAt(received, p('2mo'));
    expect(due).toBe(end('2026-03-16'));
    const ext = (e: string, original?: string) =>
      clock.extend(received, due, p(e), due, original === undefined ? undefined : p(original));
    // From 03-16: start 03-17 → 05-16 (Sat) → Mon 05-18.
    expect(ext('2mo')).toEqual({ ok: true, dueMs: end('2026-05-18') });
    expect(ext('2mo', '2mo')).toEqual({ ok: true, dueMs: end('2026-05-18') });
    expect(ext('3mo')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('3mo', '2mo')).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(ext('60d')).toEqual({ ok: true, dueMs: end('2026-05-15') });
    expect(ext('60d', '2mo')).toEqual({ ok: true, dueMs: end('2026-05-15') });
    expect(ext('61d', '2mo')).toEqual({ ok: false, reason: 'longer_than_original' });
  });

  it('a 1mo extension of a 1mo period fits although February is shorter than March', () => {
    // Received Sat 2026-01-31: 02-01..02-28 (Sat) → Mon 03-02 (30 days). Extension 03-03..04-02 (31 days).
    const received = at('2026-01-31', 10);
    const due = clock.dueAt(received, p('1mo'));
    expect(due).toBe(end('2026-03-02'));
    expect(clock.extend(received, due, p('1mo'), at('2026-02-20', 10))).toEqual({ ok: true, dueMs: end('2026-04-02') });
    expect(clock.extend(received, due, p('31d'), at('2026-02-20', 10))).toEqual({
      ok: false,
      reason: 'longer_than_original',
    });
  });

  it('6wd across Lunar New Year: a 6wd extension fits, 7wd does not', () => {
    const received = at('2026-02-13', 10);
    const due = clock.dueAt(received, p('6wd'));
    expect(due).toBe(end('2026-03-03'));
    expect(clock.extend(received, due, p('6wd'), due)).toEqual({ ok: true, dueMs: end('2026-03-11') });
    expect(clock.extend(received, due, p('7wd'), due)).toEqual({ ok: false, reason: 'longer_than_original' });
    // In calendar days the original spans 18 days (02-13 → 03-03) thanks to the holidays.
    expect(clock.extend(received, due, p('18d'), due)).toEqual({ ok: true, dueMs: end('2026-03-23') }); // 03-21 Sat
    expect(clock.extend(received, due, p('19d'), due)).toEqual({ ok: false, reason: 'longer_than_original' });
  });

  it('refuses a legal original period with a non-day-end due instant', () => {
    const received = at('2026-03-02', 10);
    expect(() => clock.extend(received, received + 60_000, p('1wd'), received, p('3wd'))).toThrow(SlaKindMismatchError);
  });
});

describe('extend — seconds', () => {
  const received = at('2026-03-02', 10);
  const due = received + 60_000;

  it('accepts at the expiry instant, refuses 1 ms later', () => {
    expect(clock.extend(received, due, p('60s'), due)).toEqual({ ok: true, dueMs: due + 60_000 });
    expect(clock.extend(received, due, p('60s'), due + 1)).toEqual({ ok: false, reason: 'after_expiry' });
  });

  it('refuses an extension longer than the original', () => {
    expect(clock.extend(received, due, p('61s'), received)).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(clock.extend(received, due, p('1s'), received)).toEqual({ ok: true, dueMs: due + 1000 });
  });

  it('pause time enlarges the limit only without the original period', () => {
    const paused = due + 5000;
    expect(clock.extend(received, paused, p('65s'), received)).toEqual({ ok: true, dueMs: paused + 65_000 });
    expect(clock.extend(received, paused, p('65s'), received, p('60s'))).toEqual({
      ok: false,
      reason: 'longer_than_original',
    });
    expect(clock.extend(received, paused, p('60s'), received, p('60s'))).toEqual({ ok: true, dueMs: paused + 60_000 });
  });

  it('refuses a legal extension of a seconds deadline', () => {
    expect(clock.extend(received, due, p('1wd'), received)).toEqual({ ok: false, reason: 'kind_mismatch' });
    expect(clock.extend(received, due, p('1wd'), received, p('60s'))).toEqual({ ok: false, reason: 'kind_mismatch' });
    // A legal original period is authoritative even when the extension is seconds.
    expect(clock.extend(received, end('2026-03-05'), p('60s'), received, p('3wd'))).toEqual({
      ok: false,
      reason: 'kind_mismatch',
    });
  });

  it('rejects nonsense input', () => {
    expect(() => clock.extend(received, received, p('1s'), received)).toThrow(/not after receivedMs/);
    expect(() => clock.extend(received, due, p('1s'), Number.NaN)).toThrow(/decidedAtMs must be an integer/);
    expect(() => clock.extend(received, due, { kind: 'seconds', seconds: 0 }, received)).toThrow(InvalidSlaPeriodError);
    expect(() => clock.extend(received, due, p('1s'), received, { kind: 'seconds', seconds: -1 })).toThrow(
      InvalidSlaPeriodError,
    );
  });
});

describe('transferTimely — within 1 working day of receipt', () => {
  const oneWd = p('1wd');

  it('receipt on Friday evening: transfer by the end of Monday is timely', () => {
    const fri = at('2026-03-06', 19, 30);
    expect(clock.transferTimely(fri, fri, oneWd)).toBe(true);
    expect(clock.transferTimely(fri, at('2026-03-07', 10), oneWd)).toBe(true);
    expect(clock.transferTimely(fri, end('2026-03-09'), oneWd)).toBe(true);
    expect(clock.transferTimely(fri, end('2026-03-09') + 1, oneWd)).toBe(false);
  });

  it('receipt on a working day: the next working day is the last one', () => {
    const mon = at('2026-03-02', 9);
    expect(clock.transferTimely(mon, end('2026-03-03'), oneWd)).toBe(true);
    expect(clock.transferTimely(mon, at('2026-03-04'), oneWd)).toBe(false);
  });

  it('across Lunar New Year and the 補班 Saturday', () => {
    expect(clock.transferTimely(at('2026-02-13', 16), end('2026-02-23'), oneWd)).toBe(true);
    expect(clock.transferTimely(at('2026-02-13', 16), at('2026-02-24', 8), oneWd)).toBe(false);
    expect(clock.transferTimely(at('2025-02-07', 16), end('2025-02-08'), oneWd)).toBe(true);
    expect(clock.transferTimely(at('2025-02-07', 16), at('2025-02-10', 9), oneWd)).toBe(false);
  });

  it('a typhoon closure extends the window', () => {
    expect(clock.transferTimely(at('2026-08-11', 10), at('2026-08-13', 10), oneWd)).toBe(false);
    expect(typhoonClock.transferTimely(at('2026-08-11', 10), at('2026-08-13', 10), oneWd)).toBe(true);
  });

  it('seconds windows are exact to the millisecond', () => {
    const r = at('2026-03-06', 23, 59, 50);
    expect(clock.transferTimely(r, r + 30_000, p('30s'))).toBe(true);
    expect(clock.transferTimely(r, r + 30_001, p('30s'))).toBe(false);
  });

  it('a transfer stamped before the receipt (clock skew) is timely', () => {
    expect(clock.transferTimely(at('2026-03-02', 9), at('2026-03-02', 8), oneWd)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => clock.transferTimely(at('2026-03-02'), Number.NaN, oneWd)).toThrow(RangeError);
    expect(() => clock.transferTimely(at('2026-03-02'), 0, { kind: 'seconds', seconds: 0 })).toThrow(
      InvalidSlaPeriodError,
    );
  });
});

describe('nextEscalationAt — every 5 working days after a breach', () => {
  const fiveWd = p('5wd');

  it('from the due instant or from the breach instant 1 ms later: the same repeat', () => {
    const due = end('2026-03-10');
    expect(clock.nextEscalationAt(due, fiveWd)).toBe(end('2026-03-17'));
    expect(clock.nextEscalationAt(due + 1, fiveWd)).toBe(end('2026-03-17'));
  });

  it('repeats over Tomb Sweeping', () => {
    const times = [end('2026-03-10')];
    for (let i = 0; i < 4; i++) times.push(clock.nextEscalationAt(times[times.length - 1]!, fiveWd));
    // 03-31 + 5wd: 04-01, 04-02, (04-03..04-06 closed), 04-07, 04-08, 04-09.
    expect(times.slice(1)).toEqual([end('2026-03-17'), end('2026-03-24'), end('2026-03-31'), end('2026-04-09')]);
  });

  it('repeats over Lunar New Year', () => {
    // Breach of Thu 02-12: 02-13, 02-23, 02-24, 02-25, 02-26.
    expect(clock.nextEscalationAt(end('2026-02-12') + 1, fiveWd)).toBe(end('2026-02-26'));
    // Then 03-02 .. 03-06 (02-27 is the 228 holiday).
    expect(clock.nextEscalationAt(end('2026-02-26'), fiveWd)).toBe(end('2026-03-06'));
  });

  it('counts from the day of an instant inside a day; an instant at 00:00 belongs to the previous day', () => {
    expect(clock.nextEscalationAt(at('2026-03-11', 10), fiveWd)).toBe(end('2026-03-18'));
    expect(clock.nextEscalationAt(at('2026-03-11'), fiveWd)).toBe(end('2026-03-17'));
    expect(clock.nextEscalationAt(at('2026-03-11') + 1, fiveWd)).toBe(end('2026-03-18'));
  });

  it('seconds repeats are plain offsets', () => {
    const breach = at('2026-03-06', 23, 59, 58) + 1;
    const first = clock.nextEscalationAt(breach, p('5s'));
    expect(first).toBe(breach + 5000);
    expect(clock.nextEscalationAt(first, p('5s'))).toBe(breach + 10_000);
    expect(clock.nextEscalationAt(at('2026-03-11'), p('5s'))).toBe(at('2026-03-11') + 5000);
  });

  it('rejects bad input', () => {
    expect(() => clock.nextEscalationAt(0.5, fiveWd)).toThrow(/afterMs must be an integer/);
    expect(() => clock.nextEscalationAt(0, { kind: 'legal', period: { unit: 'wd', n: -5 } })).toThrow(
      InvalidSlaPeriodError,
    );
  });
});

describe('workingDaysLeft — by Taipei dates: >0 before the due date, 0 on it, <0 after', () => {
  const due = end('2026-03-10'); // Tue

  it.each([
    ['Mon 03-02', at('2026-03-02', 9), 6],
    ['Fri 03-06', at('2026-03-06', 9), 2],
    ['Sat 03-07', at('2026-03-07', 9), 2],
    ['Mon 03-09 23:59:59.999', end('2026-03-09'), 1],
    ['Tue 03-10 00:00 (due today)', at('2026-03-10'), 0],
    ['Tue 03-10 at the due instant', due, 0],
    ['Wed 03-11 00:00 (1 ms after due)', due + 1, -1],
    ['Thu 03-12', at('2026-03-12', 9), -2],
    ['Tue 03-17', at('2026-03-17', 9), -5],
  ])('%s → %i', (_label, now, left) => {
    expect(clock.workingDaysLeft(now, due)).toBe(left);
  });

  it('the weekend after a Friday due date is already overdue (−1, not 0)', () => {
    const fri = end('2026-03-13');
    expect(clock.workingDaysLeft(at('2026-03-13', 12), fri)).toBe(0);
    expect(clock.workingDaysLeft(at('2026-03-14', 12), fri)).toBe(-1);
    expect(clock.workingDaysLeft(at('2026-03-15', 12), fri)).toBe(-1);
    expect(clock.workingDaysLeft(at('2026-03-16', 12), fri)).toBe(-1);
    expect(clock.workingDaysLeft(at('2026-03-17', 12), fri)).toBe(-2);
  });

  it('counts working days only, across Lunar New Year', () => {
    const mon = end('2026-02-23');
    expect(clock.workingDaysLeft(at('2026-02-12', 9), mon)).toBe(2); // 02-13, 02-23
    expect(clock.workingDaysLeft(at('2026-02-13', 9), mon)).toBe(1);
    expect(clock.workingDaysLeft(at('2026-02-17', 9), mon)).toBe(1);
    expect(clock.workingDaysLeft(at('2026-03-02', 9), mon)).toBe(-4); // 02-24, 02-25, 02-26, 03-02
  });

  it('seconds deadlines: by the Taipei dates of the instants', () => {
    const r = at('2026-03-06', 10);
    expect(clock.workingDaysLeft(r + 30_000, r + 60_000)).toBe(0);
    expect(clock.workingDaysLeft(r + 90_000, r + 60_000)).toBe(0);
    expect(clock.workingDaysLeft(r, at('2026-03-08', 10))).toBe(1); // due on a Sunday: still "ahead"
  });

  it('rejects bad input', () => {
    expect(() => clock.workingDaysLeft(Number.NaN, 0)).toThrow(/nowMs must be an integer/);
  });
});

describe('warningAt (clock) — fractions of working time for legal deadlines', () => {
  it('no non-working day in between: same as wall time', () => {
    const start = at('2026-03-02', 9);
    const due = clock.dueAt(start, p('1wd'));
    for (const f of [0.5, 0.75] as const) expect(clock.warningAt(start, due, f, 'legal')).toBe(warningAt(start, due, f));
    expect(clock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-03-03', 4, 30) - 1);
  });

  it('6wd from Mon 09:00: the weekend is not time used', () => {
    const start = at('2026-03-02', 9);
    const due = clock.dueAt(start, p('6wd'));
    expect(due).toBe(end('2026-03-10'));
    // Working time: 15 h on 03-02 + 6 days = 159 h. 50 % = 79.5 h, 75 % = 119.25 h (minus the 1 ms before due).
    expect(clock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-03-05', 16, 30) - 1);
    expect(clock.warningAt(start, due, 0.75, 'legal')).toBe(at('2026-03-09', 8, 15) - 1);
    // Wall time would warn on Fri afternoon and on Sunday evening.
    expect(warningAt(start, due, 0.5)).toBe(at('2026-03-06', 16, 30) - 1);
    expect(warningAt(start, due, 0.75)).toBe(at('2026-03-08', 20, 15) - 1);
  });

  it('6wd from the Friday before Lunar New Year: no warning during the holidays', () => {
    const start = at('2026-02-13', 10);
    const due = clock.dueAt(start, p('6wd'));
    // 14 h on 02-13 + 6 days = 158 h. 50 % = 79 h → 02-25 17:00; 75 % = 118.5 h → 03-02 08:30.
    expect(clock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-02-25', 17) - 1);
    expect(clock.warningAt(start, due, 0.75, 'legal')).toBe(at('2026-03-02', 8, 30) - 1);
    // Wall time: half the time "used" on the last Sunday of the holidays, before any working day.
    expect(warningAt(start, due, 0.5)).toBe(at('2026-02-22', 17) - 1);
  });

  it('received on a Saturday: working time starts on Monday', () => {
    const start = at('2026-03-07', 10);
    const due = clock.dueAt(start, p('3wd'));
    expect(due).toBe(end('2026-03-11'));
    expect(clock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-03-10', 12) - 1);
    expect(clock.warningAt(start, due, 0.75, 'legal')).toBe(at('2026-03-11', 6) - 1);
  });

  it('skips a typhoon closure', () => {
    const start = at('2026-08-10', 9);
    const due = typhoonClock.dueAt(start, p('3wd'));
    expect(due).toBe(end('2026-08-14'));
    // 15 h on 08-10 + 08-11 + 08-13 + 08-14 = 87 h; 50 % = 43.5 h → 08-13 04:30 (08-12 skipped).
    expect(typhoonClock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-08-13', 4, 30) - 1);
    // Same due without the closure: 111 h of working time, 50 % = 55.5 h → 08-12 16:30.
    expect(clock.warningAt(start, due, 0.5, 'legal')).toBe(at('2026-08-12', 16, 30) - 1);
  });

  it('never after the due instant, even when a closure lands on the due date afterwards', () => {
    const start = at('2026-08-10', 9);
    const due = clock.dueAt(start, p('2wd')); // Wed 08-12 without the typhoon
    expect(due).toBe(end(TYPHOON));
    for (const f of [0.5, 0.75] as const) {
      const w = typhoonClock.warningAt(start, due, f, 'legal');
      expect(w).toBeGreaterThanOrEqual(start);
      expect(w).toBeLessThanOrEqual(due);
    }
  });

  it('seconds: wall time', () => {
    const start = at('2026-02-14', 10);
    expect(clock.warningAt(start, start + 100_000, 0.5, 'seconds')).toBe(start + 50_000);
    expect(clock.warningAt(start, start + 100_000, 0.75, 'seconds')).toBe(start + 75_000);
  });

  it('refuses mixed kinds and bad input', () => {
    const start = at('2026-03-02', 9);
    expect(() => clock.warningAt(start, start + 60_000, 0.5, 'legal')).toThrow(SlaKindMismatchError);
    expect(() => clock.warningAt(start, end('2026-03-03'), 0.5, 'seconds')).toThrow(SlaKindMismatchError);
    expect(() => clock.warningAt(end('2026-03-03'), start, 0.5, 'legal')).toThrow(/before startMs/);
    expect(() => clock.warningAt(start, end('2026-03-03'), 0.9 as 0.5, 'legal')).toThrow(/0.5 or 0.75/);
  });
});

describe('stateAt (clock) — classification with the clock’s warning instants', () => {
  const start = at('2026-02-13', 10);
  const due = clock.dueAt(start, p('6wd'));
  const state = (nowMs: number, paused = false) => clock.stateAt({ startMs: start, dueMs: due, nowMs, paused, kind: 'legal' });

  it('stays on track through Lunar New Year (wall time would already warn)', () => {
    expect(state(at('2026-02-22', 18))).toBe('on_track');
    expect(slaStateAt({ startMs: start, dueMs: due, nowMs: at('2026-02-22', 18), paused: false })).toBe('warned_50');
  });

  it('boundaries', () => {
    expect(state(at('2026-02-25', 17) - 2)).toBe('on_track');
    expect(state(at('2026-02-25', 17) - 1)).toBe('warned_50');
    expect(state(at('2026-03-02', 8, 30) - 2)).toBe('warned_50');
    expect(state(at('2026-03-02', 8, 30) - 1)).toBe('warned_75');
    expect(state(due)).toBe('warned_75');
    expect(state(due + 1)).toBe('breached');
    expect(state(due + 1, true)).toBe('paused');
    expect(state(start, true)).toBe('paused');
  });

  it('seconds kind', () => {
    const s = (nowMs: number) =>
      clock.stateAt({ startMs: 1_000_000, dueMs: 1_100_000, nowMs, paused: false, kind: 'seconds' });
    expect(s(1_049_999)).toBe('on_track');
    expect(s(1_050_000)).toBe('warned_50');
    expect(s(1_075_000)).toBe('warned_75');
    expect(s(1_100_000)).toBe('warned_75');
    expect(s(1_100_001)).toBe('breached');
  });

  it('refuses mixed kinds', () => {
    expect(() => clock.stateAt({ startMs: start, dueMs: due, nowMs: start, paused: false, kind: 'seconds' })).toThrow(
      SlaKindMismatchError,
    );
  });
});
