import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  InvalidPriorityTierError,
  PRIORITY_TIER_DEFAULT_PERIODS,
  PRIORITY_TIER_NAMES_ZH,
  endOfTaipeiDay,
  formatSlaPeriod,
  isPriorityTier,
  parsePlainDate,
  parsePriorityTier,
  priorityTiers,
  slaClock,
  startOfTaipeiDay,
  twOfficialCalendar,
  type PriorityTier,
} from '../../../domain/index';

describe('priority tiers (公文速別)', () => {
  it('lists the tiers, most urgent first, mirrored by the type', () => {
    expect(priorityTiers).toEqual(['most_urgent', 'urgent', 'normal']);
    expectTypeOf<PriorityTier>().toEqualTypeOf<'most_urgent' | 'urgent' | 'normal'>();
  });

  it('has the official zh-TW names', () => {
    expect(PRIORITY_TIER_NAMES_ZH).toEqual({ most_urgent: '最速件', urgent: '速件', normal: '普通件' });
  });

  it('defaults to 1, 3 and 6 working days', () => {
    expect(priorityTiers.map((t) => formatSlaPeriod(PRIORITY_TIER_DEFAULT_PERIODS[t]))).toEqual(['1wd', '3wd', '6wd']);
  });

  it('defaults are frozen data', () => {
    expect(Object.isFrozen(PRIORITY_TIER_DEFAULT_PERIODS)).toBe(true);
    expect(Object.isFrozen(PRIORITY_TIER_DEFAULT_PERIODS.normal)).toBe(true);
    expect(Object.isFrozen(PRIORITY_TIER_NAMES_ZH)).toBe(true);
  });

  it('gives real deadlines from the Friday before Lunar New Year 2026', () => {
    const clock = slaClock(twOfficialCalendar());
    const received = startOfTaipeiDay(parsePlainDate('2026-02-13')) + 10 * 3_600_000;
    const due = (t: PriorityTier) => clock.dueAt(received, PRIORITY_TIER_DEFAULT_PERIODS[t]);
    expect(due('most_urgent')).toBe(endOfTaipeiDay(parsePlainDate('2026-02-23')));
    expect(due('urgent')).toBe(endOfTaipeiDay(parsePlainDate('2026-02-25')));
    expect(due('normal')).toBe(endOfTaipeiDay(parsePlainDate('2026-03-03'))); // 02-27 is the 228 holiday
  });

  it('parses codes and zh-TW names', () => {
    for (const t of priorityTiers) {
      expect(parsePriorityTier(t)).toBe(t);
      expect(parsePriorityTier(PRIORITY_TIER_NAMES_ZH[t])).toBe(t);
      expect(isPriorityTier(t)).toBe(true);
    }
  });

  it.each(['', 'URGENT', 'Urgent', ' urgent', '速', '速件 ', '最速', '普通', 'high', 'low'])('rejects %j', (text) => {
    expect(isPriorityTier(text)).toBe(false);
    let err: unknown;
    try {
      parsePriorityTier(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidPriorityTierError);
    expect((err as InvalidPriorityTierError).input).toBe(text);
    expect((err as Error).message).toContain('最速件、速件、普通件');
  });

  it('isPriorityTier rejects non-strings', () => {
    for (const v of [null, undefined, 1, ['urgent'], { tier: 'urgent' }]) expect(isPriorityTier(v)).toBe(false);
  });
});
