import { describe, expect, it } from 'vitest';
import {
  TAIPEI_UTC_OFFSET_MS,
  addDays,
  endOfTaipeiDay,
  parsePlainDate,
  startOfTaipeiDay,
  taipeiDateOf,
  type PlainDate,
} from '../../../domain/index';
import { prng } from '../helpers';

const d = parsePlainDate;

describe('Taipei day boundaries (fixed UTC+8)', () => {
  it('switches day at 16:00 UTC of the previous UTC day', () => {
    expect(taipeiDateOf(Date.UTC(2026, 1, 12, 15, 59, 59, 999))).toBe('2026-02-12');
    expect(taipeiDateOf(Date.UTC(2026, 1, 12, 16, 0, 0, 0))).toBe('2026-02-13');
    expect(taipeiDateOf(Date.parse('2026-02-12T23:59:59.999+08:00'))).toBe('2026-02-12');
    expect(taipeiDateOf(Date.parse('2026-02-13T00:00:00.000+08:00'))).toBe('2026-02-13');
  });

  it('puts a UTC New Year’s Eve evening into the Taipei new year', () => {
    expect(taipeiDateOf(Date.parse('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(taipeiDateOf(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('gives the first and last millisecond of a Taipei day', () => {
    expect(startOfTaipeiDay(d('2026-02-13'))).toBe(Date.UTC(2026, 1, 12, 16, 0, 0, 0));
    expect(endOfTaipeiDay(d('2026-02-13'))).toBe(Date.UTC(2026, 1, 13, 15, 59, 59, 999));
    expect(new Date(endOfTaipeiDay(d('2027-12-31'))).toISOString()).toBe('2027-12-31T15:59:59.999Z');
    expect(TAIPEI_UTC_OFFSET_MS).toBe(28_800_000);
  });

  it('handles instants around and before the Unix epoch', () => {
    expect(taipeiDateOf(0)).toBe('1970-01-01');
    expect(taipeiDateOf(-1)).toBe('1970-01-01');
    expect(taipeiDateOf(-TAIPEI_UTC_OFFSET_MS)).toBe('1970-01-01');
    expect(taipeiDateOf(-TAIPEI_UTC_OFFSET_MS - 1)).toBe('1969-12-31');
  });

  it('rejects non-finite instants', () => {
    expect(() => taipeiDateOf(Number.NaN)).toThrow(RangeError);
    expect(() => taipeiDateOf(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => taipeiDateOf(Date.parse('not a date'))).toThrow(RangeError);
  });

  it('round-trips every day of 2025–2027', () => {
    for (let day: PlainDate = d('2025-01-01'); day <= '2027-12-31'; day = addDays(day, 1)) {
      const start = startOfTaipeiDay(day);
      const end = endOfTaipeiDay(day);
      expect(end - start).toBe(86_400_000 - 1);
      expect(taipeiDateOf(start)).toBe(day);
      expect(taipeiDateOf(end)).toBe(day);
      expect(taipeiDateOf(start - 1)).toBe(addDays(day, -1));
      expect(taipeiDateOf(end + 1)).toBe(addDays(day, 1));
    }
  });

  it('agrees with the host tz database for Asia/Taipei since 1980', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Taipei',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const next = prng(42);
    const from = Date.UTC(1980, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(from + next() * (to - from));
      expect(taipeiDateOf(ms)).toBe(fmt.format(ms));
    }
  });
});
