import { describe, expect, it } from 'vitest';
import { twOfficialCalendar } from '../../../domain/calendar/business-calendar';
import { parsePlainDate } from '../../../domain/calendar/plain-date';
import { endOfTaipeiDay, startOfTaipeiDay, taipeiDateOf } from '../../../domain/calendar/taipei-time';
import {
  PetitionClocks,
  checkPetitionSettings,
  defaultPetitionSettings,
  identityLevels,
  inQuietPeriod,
  meetsIdentityLevel,
  mergeQuietPeriods,
  progressTowards,
  suspendedMsBetween,
  thresholdReached,
  windowEnd,
} from '../../../domain/petitions';
import { parseSlaPeriod } from '../../../domain/sla/sla-period';
import { prng } from '../helpers';

const at9 = (date: string) => startOfTaipeiDay(parsePlainDate(date)) + 9 * 3_600_000;
const clocks = new PetitionClocks(twOfficialCalendar());

describe('settings', () => {
  it('defaults follow PRODUCT.md: 5,000 in 60 days, review 5 working days, response 60 days, verified persons', () => {
    expect(defaultPetitionSettings).toMatchObject({ threshold: 5000, reviewPeriod: '5wd', endorsementWindow: '60d', responsePeriod: '60d', endorseLevel: 'verified_person' });
    expect(checkPetitionSettings(defaultPetitionSettings)).toEqual([]);
  });

  it('accepts second-scale periods for tests', () => {
    expect(checkPetitionSettings({ ...defaultPetitionSettings, reviewPeriod: '5s', endorsementWindow: '8s', responsePeriod: '6s', closeAfter: '3s', threshold: 3 })).toEqual([]);
  });

  it.each([
    [{ threshold: 0 }, 'threshold'],
    [{ threshold: 1.5 }, 'threshold'],
    [{ threshold: 10_000_001 }, 'threshold'],
    [{ reviewPeriod: '5 days' }, 'reviewPeriod'],
    [{ endorsementWindow: '' }, 'endorsementWindow'],
    [{ responsePeriod: '0s' }, 'responsePeriod'],
    [{ closeAfter: '8s' }, 'not mixed'],
    [{ endorseLevel: 'mayor' as never }, 'endorseLevel'],
  ])('refuses %o', (patch, word) => {
    const problems = checkPetitionSettings({ ...defaultPetitionSettings, ...patch });
    expect(problems.join('; ')).toContain(word);
  });
});

describe('identity levels', () => {
  it('are ordered none < email_verified < verified_person', () => {
    expect(identityLevels).toEqual(['none', 'email_verified', 'verified_person']);
    for (const have of identityLevels) {
      for (const need of identityLevels) {
        expect(meetsIdentityLevel(have, need)).toBe(identityLevels.indexOf(have) >= identityLevels.indexOf(need));
      }
    }
  });
});

describe('threshold', () => {
  it('is reached at exactly the threshold, not one before', () => {
    expect(thresholdReached(4999, 5000)).toBe(false);
    expect(thresholdReached(5000, 5000)).toBe(true);
    expect(thresholdReached(5001, 5000)).toBe(true);
  });

  it('shows whole percent floored, 99 % until truly reached', () => {
    expect(progressTowards(0, 5000)).toEqual({ count: 0, threshold: 5000, remaining: 5000, percent: 0, reached: false });
    expect(progressTowards(4999, 5000)).toMatchObject({ percent: 99, remaining: 1, reached: false });
    expect(progressTowards(5000, 5000)).toMatchObject({ percent: 100, remaining: 0, reached: true });
    expect(progressTowards(12_000, 5000)).toMatchObject({ percent: 100, remaining: 0 });
    expect(progressTowards(1, 3)).toMatchObject({ percent: 33 });
  });

  it('never shows 100 % before the threshold, for any count (integer arithmetic only)', () => {
    const rnd = prng(12);
    for (let i = 0; i < 2000; i++) {
      const threshold = 1 + Math.floor(rnd() * 10_000_000);
      const count = Math.floor(rnd() * threshold * 1.2);
      const p = progressTowards(count, threshold);
      expect(p.reached).toBe(count >= threshold);
      if (!p.reached) expect(p.percent).toBeLessThan(100);
      expect(p.remaining).toBe(Math.max(0, threshold - count));
    }
  });

  it('refuses negative or fractional counts', () => {
    expect(() => thresholdReached(-1, 5)).toThrow(RangeError);
    expect(() => thresholdReached(1.5, 5)).toThrow(RangeError);
    expect(() => progressTowards(1, 0.5)).toThrow(RangeError);
  });
});

describe('quiet periods', () => {
  const open = 1_000_000;
  it('move the window end by the overlap only', () => {
    expect(windowEnd(open, open + 10_000, [], 'seconds')).toBe(open + 10_000);
    // entirely before the opening: no effect
    expect(windowEnd(open, open + 10_000, [{ fromMs: 0, untilMs: open }], 'seconds')).toBe(open + 10_000);
    // straddles the opening: only the part after it counts
    expect(windowEnd(open, open + 10_000, [{ fromMs: open - 5000, untilMs: open + 2000 }], 'seconds')).toBe(open + 12_000);
    // inside the window
    expect(windowEnd(open, open + 10_000, [{ fromMs: open + 3000, untilMs: open + 7000 }], 'seconds')).toBe(open + 14_000);
    // after the window's original end but before the moved end
    expect(
      windowEnd(open, open + 10_000, [{ fromMs: open + 1000, untilMs: open + 3000 }, { fromMs: open + 11_000, untilMs: open + 12_000 }], 'seconds'),
    ).toBe(open + 13_000);
    // after the end: no effect
    expect(windowEnd(open, open + 10_000, [{ fromMs: open + 10_000, untilMs: open + 20_000 }], 'seconds')).toBe(open + 10_000);
  });

  it('merge overlapping periods so no time counts twice', () => {
    expect(mergeQuietPeriods([{ fromMs: 5, untilMs: 10 }, { fromMs: 0, untilMs: 6 }, { fromMs: 20, untilMs: 20 }, { fromMs: 10, untilMs: 12 }])).toEqual([{ fromMs: 0, untilMs: 12 }]);
    expect(windowEnd(open, open + 10_000, [{ fromMs: open + 1000, untilMs: open + 4000 }, { fromMs: open + 2000, untilMs: open + 5000 }], 'seconds')).toBe(open + 14_000);
  });

  it('end a legal window at the end of a Taipei day', () => {
    const opened = at9('2026-03-02');
    const base = clocks.clock.dueAt(opened, parseSlaPeriod('60d'));
    const end = windowEnd(opened, base, [{ fromMs: at9('2026-03-10'), untilMs: at9('2026-03-20') }], 'legal');
    expect(end).toBe(endOfTaipeiDay(taipeiDateOf(base + 10 * 86_400_000)));
  });

  it('tell whether now is quiet, and how much time was suspended', () => {
    const q = [{ fromMs: 10, untilMs: 20 }];
    expect(inQuietPeriod(9, q)).toBeNull();
    expect(inQuietPeriod(10, q)).toEqual(q[0]);
    expect(inQuietPeriod(20, q)).toBeNull();
    expect(suspendedMsBetween(0, 15, q)).toBe(5);
    expect(suspendedMsBetween(12, 100, q)).toBe(8);
  });

  it('refuse an end before the opening', () => {
    expect(() => windowEnd(10, 5, [], 'seconds')).toThrow(RangeError);
  });
});

describe('clocks', () => {
  it('review: 5 working days over the 2026 Lunar New Year, warnings in working time', () => {
    // Submitted Fri 2026-02-13; 02-14..02-22 are holidays, Fri 02-27 is the observed 228 holiday:
    // working days 02-23, 24, 25, 26 and Mon 03-02.
    const d = clocks.deadline(at9('2026-02-13'), parseSlaPeriod('5wd'));
    expect(taipeiDateOf(d.dueMs)).toBe('2026-03-02');
    expect(d.warn50AtMs).toBeLessThan(d.warn75AtMs);
    for (const w of [d.warn50AtMs, d.warn75AtMs]) expect(twOfficialCalendar().isWorkingDay(taipeiDateOf(w))).toBe(true);
  });

  it('endorsement window: 60 calendar days, moved by quiet periods', () => {
    const opened = at9('2026-03-02');
    // Day 60 is Fri 05-01 (Labour Day, a day off): the period ends on the next working day (Art. 48).
    expect(taipeiDateOf(clocks.endorsementWindowEnd(opened, parseSlaPeriod('60d'), []))).toBe('2026-05-04');
    expect(clocks.endorsementWindowEnd(1000, parseSlaPeriod('8s'), [{ fromMs: 2000, untilMs: 5000 }])).toBe(12_000);
  });

  it('response extension: once, before expiry, no longer than the original period', () => {
    const d = clocks.deadline(10_000, parseSlaPeriod('60s'));
    const ok = clocks.extendResponse(d, parseSlaPeriod('30s'), parseSlaPeriod('60s'), 20_000, false);
    expect(ok).toMatchObject({ ok: true, deadline: { startMs: 70_000, dueMs: 100_000 } });
    expect(clocks.extendResponse(d, parseSlaPeriod('30s'), parseSlaPeriod('60s'), 20_000, true)).toEqual({ ok: false, reason: 'already_extended' });
    expect(clocks.extendResponse(d, parseSlaPeriod('30s'), parseSlaPeriod('60s'), 70_001, false)).toEqual({ ok: false, reason: 'after_expiry' });
    expect(clocks.extendResponse(d, parseSlaPeriod('61s'), parseSlaPeriod('60s'), 20_000, false)).toEqual({ ok: false, reason: 'longer_than_original' });
    expect(clocks.extendResponse(d, parseSlaPeriod('30d'), parseSlaPeriod('60s'), 20_000, false)).toEqual({ ok: false, reason: 'kind_mismatch' });
  });

  it('days left round up and never go negative', () => {
    expect(PetitionClocks.daysLeft(0, 1)).toBe(1);
    expect(PetitionClocks.daysLeft(0, 86_400_000)).toBe(1);
    expect(PetitionClocks.daysLeft(0, 86_400_001)).toBe(2);
    expect(PetitionClocks.daysLeft(10, 5)).toBe(0);
  });
});
