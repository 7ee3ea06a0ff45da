import { describe, expect, it } from 'vitest';
import { TallyInputError, compareProjectIds, tally, type Election } from '../../../domain/tally/index';
import { prng } from './random-elections';

const election = (over: Partial<Election> = {}): Election => ({
  projects: [
    { id: 'A', cost: 500n },
    { id: 'B', cost: 400n },
    { id: 'C', cost: 300n },
    { id: 'D', cost: 100n },
    { id: 'E', cost: 50n },
  ],
  ballots: [
    { projects: ['A', 'B', 'C'] },
    { projects: ['A', 'B', 'D'] },
    { projects: ['A', 'C'] },
    { projects: ['B', 'C', 'D'] },
    { projects: ['A'] },
  ],
  utility: 'approval',
  budget: 1000n,
  currencyUnit: 1n,
  ...over,
});

describe('greedy rules', () => {
  // Scores: A 4, B 3, C 3, D 2, E 0. B and C tie on 3: C is cheaper.
  it('greedy skips a project that no longer fits and goes on', () => {
    const r = tally(election(), 'greedy', { explain: true });
    expect(r.selected).toEqual(['A', 'C', 'D']);
    expect(r.totalCost).toBe(900n);
    expect(r.explanation?.greedy?.steps.map((s) => [s.projectId, s.remainingBefore, s.decision])).toEqual([
      ['A', 1000n, 'selected'],
      ['C', 500n, 'selected'],
      ['B', 200n, 'does-not-fit'],
      ['D', 200n, 'selected'],
      ['E', 100n, 'no-votes'],
    ]);
    expect(r.explanation?.projects.find((p) => p.projectId === 'B')?.outcome).toEqual({ code: 'does-not-fit', remainingBefore: 200n });
  });

  it('greedy-no-skip stops at the first project that does not fit', () => {
    const r = tally(election(), 'greedy-no-skip', { explain: true });
    expect(r.selected).toEqual(['A', 'C']);
    expect(r.explanation?.greedy?.steps.map((s) => s.decision)).toEqual(['selected', 'selected', 'stopped-here', 'not-considered', 'not-considered']);
  });

  it('greedy-threshold only considers projects whose score reaches the threshold', () => {
    const r = tally(election({ minProjectScore: 3 }), 'greedy-threshold', { explain: true });
    expect(r.selected).toEqual(['A', 'C']);
    expect(r.explanation?.projects.find((p) => p.projectId === 'D')?.outcome).toEqual({ code: 'below-threshold', threshold: 3 });
    // Without a threshold it is plain greedy.
    expect(tally(election(), 'greedy-threshold').selected).toEqual(['A', 'C', 'D']);
  });

  it('scores points ballots by their points, not by the number of supporters', () => {
    const e: Election = {
      projects: [
        { id: 'x', cost: 60n },
        { id: 'y', cost: 60n },
      ],
      ballots: [
        { projects: ['x', 'y'], points: [1, 9] },
        { projects: ['x'], points: [2] },
      ],
      utility: 'points',
      budget: 100n,
      currencyUnit: 1n,
    };
    expect(tally(e, 'greedy').selected).toEqual(['y']);
  });

  it('rejects inconsistent input with a clear message', () => {
    expect(() => tally(election({ ballots: [{ projects: ['Z'] }] }), 'greedy')).toThrow(new TallyInputError('ballot 1: unknown project "Z"'));
    expect(() => tally(election({ ballots: [{ projects: ['A', 'A'] }] }), 'greedy')).toThrow(/listed twice/);
    expect(() => tally(election({ budget: -1n }), 'greedy')).toThrow(/budget/);
    expect(() => tally({ ...election(), utility: 'points' }, 'greedy')).toThrow(/3 projects but 0 points/);
  });
});

describe('tie-breaking', () => {
  it('orders ids numerically when both are plain integers, numeric ids first, then by code units', () => {
    const ids = ['b', '10', 'B', '9', '1a', '007', '7', 'a10', 'a9'];
    expect([...ids].sort(compareProjectIds)).toEqual(['007', '7', '9', '10', '1a', 'B', 'a10', 'a9', 'b']);
  });

  it('breaks score ties by lower cost, then by id', () => {
    const e: Election = {
      projects: [
        { id: '10', cost: 100n },
        { id: '9', cost: 100n },
        { id: '2', cost: 90n },
      ],
      ballots: [{ projects: ['10', '9', '2'] }],
      utility: 'approval',
      budget: 200n,
      currencyUnit: 1n,
    };
    expect(tally(e, 'greedy').selected).toEqual(['2', '9']);
  });

  it('gives the same result whatever the order of projects and ballots, for every rule', () => {
    const rand = prng(7);
    const base: Election = {
      // Many equal costs and equal scores, so that ties really occur.
      projects: Array.from({ length: 12 }, (_, i) => ({ id: String(i + 1), cost: BigInt(10 * (1 + (i % 3))) })),
      ballots: Array.from({ length: 30 }, () => ({ projects: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].filter(() => rand() < 0.3) })),
      utility: 'approval',
      budget: 70n,
      currencyUnit: 1n,
    };
    const shuffle = <T>(xs: readonly T[], r: () => number): T[] => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [a[i], a[j]] = [a[j] as T, a[i] as T];
      }
      return a;
    };
    for (const rule of ['greedy', 'greedy-no-skip', 'equalshares', 'equalshares/add1', 'equalshares/add1-greedy', 'equalshares/add1-comparison'] as const) {
      const expected = tally(base, rule).selected;
      for (let k = 0; k < 5; k++) {
        const r = prng(100 + k);
        const permuted: Election = {
          ...base,
          projects: shuffle(base.projects, r),
          ballots: shuffle(base.ballots, r).map((b) => ({ projects: shuffle(b.projects, r) })),
        };
        expect(tally(permuted, rule).selected, rule).toEqual(expected);
      }
    }
  });
});
