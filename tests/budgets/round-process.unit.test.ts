import { describe, expect, it } from 'vitest';
import { RoundProcess, RoundRuleError, checkSchedule } from '../../workflows/budget-round/round-process';

const t0 = Date.parse('2027-03-01T00:00:00.000Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();
const schedule = { proposals: at(10), review: at(20), voting: at(30), results: at(40) };

describe('RoundProcess', () => {
  it('walks proposals → review → voting → tallying → results → implementation', () => {
    const p = new RoundProcess(schedule, t0);
    const seen = [p.phase];
    while (!p.finished) seen.push(p.advance());
    expect(seen).toEqual(['proposals', 'review', 'voting', 'tallying', 'results', 'implementation']);
    expect(() => p.advance()).toThrow(RoundRuleError);
  });

  it('starts where the calendar is for a round created late, and has no clock end while tallying', () => {
    expect(new RoundProcess(schedule, t0 + 25_000).phase).toBe('voting');
    const late = new RoundProcess(schedule, t0 + 35_000);
    expect(late.phase).toBe('tallying');
    expect(late.endsAt()).toBeNull();
  });

  it('extends only the current phase, before it ends, to a later time, with a reason; later phases keep their lengths', () => {
    const p = new RoundProcess(schedule, t0);
    const ok = { actorId: 'u-manager', phase: 'proposals' as const, until: at(15), reason: '颱風停班' };
    expect(() => p.validateExtend({ ...ok, phase: 'voting' }, t0)).toThrow(/current phase/);
    expect(() => p.validateExtend({ ...ok, reason: '  ' }, t0)).toThrow(/reason/);
    expect(() => p.validateExtend({ ...ok, until: at(9) }, t0)).toThrow(/later/);
    expect(() => p.validateExtend(ok, t0 + 10_000)).toThrow(/already ended/);
    p.extend(ok, t0 + 1000);
    expect(p.schedule).toEqual({ proposals: at(15), review: at(25), voting: at(35), results: at(45) });
    expect(p.endsAt()).toBe(t0 + 15_000);
  });

  it('checks schedules', () => {
    expect(checkSchedule(schedule)).toEqual([]);
    expect(checkSchedule({ ...schedule, voting: at(5) })).toEqual(['voting must end after the phase before it']);
    expect(checkSchedule({ ...schedule, review: 'soon' })).toEqual(['review end is not a date-time']);
  });
});
