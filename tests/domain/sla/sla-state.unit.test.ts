import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  isSlaState,
  parsePlainDate,
  slaStateAt,
  slaStates,
  slaWarningFractions,
  startOfTaipeiDay,
  warningAt,
  type SlaState,
  type SlaWarningFraction,
} from '../../../domain/index';

const start = startOfTaipeiDay(parsePlainDate('2026-03-02')) + 9 * 3_600_000; // Mon 09:00 Taipei
const due = start + 100_000; // a 100s test deadline

describe('slaStates', () => {
  it('lists every state once, in escalation order, for the D1 CHECK constraint', () => {
    expect(slaStates).toEqual(['on_track', 'warned_50', 'warned_75', 'breached', 'paused']);
    expect(new Set(slaStates).size).toBe(slaStates.length);
  });

  it('is mirrored by the SlaState type', () => {
    expectTypeOf<SlaState>().toEqualTypeOf<'on_track' | 'warned_50' | 'warned_75' | 'breached' | 'paused'>();
    expectTypeOf<(typeof slaStates)[number]>().toEqualTypeOf<SlaState>();
    expectTypeOf<SlaWarningFraction>().toEqualTypeOf<0.5 | 0.75>();
    expect(slaWarningFractions).toEqual([0.5, 0.75]);
  });

  it('isSlaState accepts exactly the listed states', () => {
    for (const s of slaStates) expect(isSlaState(s)).toBe(true);
    for (const v of ['', 'ON_TRACK', 'warned', 'warned_100', 'overdue', null, undefined, 0, ['paused']]) {
      expect(isSlaState(v)).toBe(false);
    }
  });
});

describe('warningAt (wall time)', () => {
  it('is start + floor((due - start) * fraction)', () => {
    expect(warningAt(start, due, 0.5)).toBe(start + 50_000);
    expect(warningAt(start, due, 0.75)).toBe(start + 75_000);
    expect(warningAt(1000, 1003, 0.5)).toBe(1001); // 1.5 → 1
    expect(warningAt(1000, 1003, 0.75)).toBe(1002); // 2.25 → 2
    expect(warningAt(1000, 1001, 0.75)).toBe(1000);
    expect(warningAt(1000, 1000, 0.5)).toBe(1000);
  });

  it('is exact for a two-month span ending at 23:59:59.999', () => {
    const end = startOfTaipeiDay(parsePlainDate('2026-05-04')) + 86_400_000 - 1;
    expect(warningAt(start, end, 0.5)).toBe(start + Math.floor((end - start) / 2));
    expect(warningAt(start, end, 0.75)).toBe(start + Math.floor(((end - start) * 3) / 4));
  });

  it('rejects bad input', () => {
    expect(() => warningAt(due, start, 0.5)).toThrow(/before startMs/);
    expect(() => warningAt(start, due, 0.6 as SlaWarningFraction)).toThrow(/0.5 or 0.75/);
    expect(() => warningAt(start, due, 1 as SlaWarningFraction)).toThrow(RangeError);
    expect(() => warningAt(start + 0.5, due, 0.5)).toThrow(/startMs must be an integer/);
    expect(() => warningAt(start, Number.NaN, 0.5)).toThrow(/dueMs must be an integer/);
    expect(() => warningAt(start, Number.POSITIVE_INFINITY, 0.5)).toThrow(RangeError);
  });
});

describe('slaStateAt', () => {
  const state = (nowMs: number, paused = false) => slaStateAt({ startMs: start, dueMs: due, nowMs, paused });

  it.each([
    ['before the start', start - 1, 'on_track'],
    ['at the start', start, 'on_track'],
    ['1 ms before 50 %', start + 49_999, 'on_track'],
    ['exactly at 50 %', start + 50_000, 'warned_50'],
    ['1 ms before 75 %', start + 74_999, 'warned_50'],
    ['exactly at 75 %', start + 75_000, 'warned_75'],
    ['exactly at the due instant (still met)', due, 'warned_75'],
    ['1 ms after the due instant', due + 1, 'breached'],
    ['long after the due instant', due + 86_400_000 * 30, 'breached'],
  ] as const)('%s → %s', (_label, now, expected) => {
    expect(state(now)).toBe(expected);
  });

  it('paused wins over every other state, breached included', () => {
    for (const now of [start - 1, start, start + 50_000, start + 75_000, due, due + 1, due + 10 ** 9]) {
      expect(state(now, true)).toBe('paused');
    }
  });

  it('uses explicit warning instants when given (the calendar-aware clock passes its own)', () => {
    const input = { startMs: start, dueMs: due, paused: false, warn50AtMs: start + 10, warn75AtMs: start + 20 };
    expect(slaStateAt({ ...input, nowMs: start + 9 })).toBe('on_track');
    expect(slaStateAt({ ...input, nowMs: start + 10 })).toBe('warned_50');
    expect(slaStateAt({ ...input, nowMs: start + 20 })).toBe('warned_75');
    expect(slaStateAt({ ...input, nowMs: due + 1 })).toBe('breached');
    // Only one of them given: the other one keeps its wall-time default.
    expect(slaStateAt({ startMs: start, dueMs: due, paused: false, nowMs: start + 60_000, warn75AtMs: start + 60_000 })).toBe(
      'warned_75',
    );
  });

  it('a zero-length span is breached 1 ms after it', () => {
    const s = (nowMs: number) => slaStateAt({ startMs: start, dueMs: start, nowMs, paused: false });
    expect(s(start - 1)).toBe('on_track');
    expect(s(start)).toBe('warned_75');
    expect(s(start + 1)).toBe('breached');
  });

  it('rejects inconsistent input', () => {
    const base = { startMs: start, dueMs: due, nowMs: start, paused: false };
    expect(() => slaStateAt({ ...base, dueMs: start - 1 })).toThrow(/before startMs/);
    expect(() => slaStateAt({ ...base, nowMs: Number.NaN })).toThrow(/nowMs must be an integer/);
    expect(() => slaStateAt({ ...base, warn50AtMs: start + 80_000 })).toThrow(/warn50AtMs <= warn75AtMs/);
    expect(() => slaStateAt({ ...base, warn75AtMs: due + 1 })).toThrow(RangeError);
    expect(() => slaStateAt({ ...base, warn50AtMs: start - 1 })).toThrow(RangeError);
    expect(() => slaStateAt({ ...base, warn50AtMs: 1.5 })).toThrow(/warn50AtMs must be an integer/);
    expect(() => slaStateAt({ ...base, paused: 'no' as unknown as boolean })).toThrow(TypeError);
  });
});
