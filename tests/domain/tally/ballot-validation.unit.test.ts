import { describe, expect, it } from 'vitest';
import { utilityOfBallotKind, validateBallot, type BallotSettings } from '../../../domain/tally/index';

const projects = [
  { id: 'p1', cost: 300n },
  { id: 'p2', cost: 500n },
  { id: 'p3', cost: 250n },
  { id: 'p4', cost: 100n },
];
const check = (settings: BallotSettings, chosen: string[], points?: number[]) =>
  validateBallot(points ? { projects: chosen, points } : { projects: chosen }, settings, projects);

describe('validateBallot', () => {
  it('approval: min and max number of projects', () => {
    const s: BallotSettings = { kind: 'approval', minProjects: 2, maxProjects: 3 };
    expect(check(s, ['p1', 'p2'])).toEqual([]);
    expect(check(s, ['p1'])).toEqual([{ code: 'too-few-projects', min: 2, actual: 1 }]);
    expect(check(s, ['p1', 'p2', 'p3', 'p4'])).toEqual([{ code: 'too-many-projects', max: 3, actual: 4 }]);
    expect(check({ kind: 'approval' }, [])).toEqual([]);
  });

  it('reports unknown and duplicate projects (every problem, not just the first)', () => {
    expect(check({ kind: 'approval', maxProjects: 2 }, ['p1', 'p9', 'p1'])).toEqual([
      { code: 'unknown-project', project: 'p9' },
      { code: 'duplicate-project', project: 'p1' },
      { code: 'too-many-projects', max: 2, actual: 3 },
    ]);
  });

  it('knapsack: the chosen projects must fit the budget', () => {
    const s: BallotSettings = { kind: 'knapsack', budget: 800n };
    expect(check(s, ['p1', 'p2'])).toEqual([]);
    expect(check(s, ['p1', 'p2', 'p4'])).toEqual([{ code: 'over-budget', budget: 800n, total: 900n }]);
    // A duplicate is reported once and not counted twice against the budget.
    expect(check(s, ['p2', 'p2', 'p3'])).toEqual([{ code: 'duplicate-project', project: 'p2' }]);
  });

  it('cumulative: points per project and their sum', () => {
    const s: BallotSettings = { kind: 'cumulative', maxSumPoints: 10, minSumPoints: 3, maxPointsPerProject: 6 };
    expect(check(s, ['p1', 'p2'], [6, 4])).toEqual([]);
    expect(check(s, ['p1', 'p2'], [6, 5])).toEqual([{ code: 'points-sum-too-high', max: 10, actual: 11 }]);
    expect(check(s, ['p1'], [2])).toEqual([{ code: 'points-sum-too-low', min: 3, actual: 2 }]);
    expect(check(s, ['p1'], [7])).toEqual([{ code: 'points-too-high', project: 'p1', max: 6, points: 7 }]);
    expect(check({ ...s, minPointsPerProject: 2 }, ['p1', 'p2'], [1, 5])).toEqual([{ code: 'points-too-low', project: 'p1', min: 2, points: 1 }]);
    expect(check(s, ['p1', 'p2'], [0, 2.5])).toEqual([
      { code: 'invalid-points', project: 'p1', points: 0 },
      { code: 'invalid-points', project: 'p2', points: 2.5 },
      { code: 'points-sum-too-low', min: 3, actual: 0 },
    ]);
    expect(check(s, ['p1'])).toEqual([{ code: 'points-missing' }]);
    expect(check(s, ['p1', 'p2'], [5])).toEqual([{ code: 'points-count-mismatch', projects: 2, points: 1 }]);
  });

  it('ordinal: rank up to k projects', () => {
    const s: BallotSettings = { kind: 'ordinal', maxRank: 3 };
    expect(check(s, ['p3', 'p1', 'p2'])).toEqual([]);
    expect(check(s, ['p3', 'p1', 'p2', 'p4'])).toEqual([{ code: 'too-many-projects', max: 3, actual: 4 }]);
    expect(check(s, [])).toEqual([{ code: 'too-few-projects', min: 1, actual: 0 }]);
    expect(check({ kind: 'ordinal', maxRank: 3, minRank: 3 }, ['p1', 'p2'])).toEqual([{ code: 'too-few-projects', min: 3, actual: 2 }]);
  });

  it('choose-one: exactly one project, no points', () => {
    const s: BallotSettings = { kind: 'choose-one' };
    expect(check(s, ['p2'])).toEqual([]);
    expect(check(s, [])).toEqual([{ code: 'too-few-projects', min: 1, actual: 0 }]);
    expect(check(s, ['p1', 'p2'])).toEqual([{ code: 'too-many-projects', max: 1, actual: 2 }]);
    expect(check(s, ['p1'], [1])).toEqual([{ code: 'points-not-allowed' }]);
  });

  it('maps ballot kinds to how the rules count them', () => {
    expect(utilityOfBallotKind('cumulative')).toBe('points');
    for (const k of ['approval', 'knapsack', 'ordinal', 'choose-one'] as const) expect(utilityOfBallotKind(k)).toBe('approval');
  });
});
