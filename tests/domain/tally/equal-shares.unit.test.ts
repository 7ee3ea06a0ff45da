import { describe, expect, it } from 'vitest';
import { indexElection } from '../../../domain/tally/election';
import { Rational, mesVoterPayments, tally, totalPaid, type Election, type MesExplanation } from '../../../domain/tally/index';
import { runMesAdd1 } from '../../../domain/tally/mes-add1';
import { runMes } from '../../../domain/tally/mes-engine';
import { prepareMes } from '../../../domain/tally/mes-prepare';

const q = (n: number | bigint, d: number | bigint = 1): Rational => Rational.of(n, d);

function mesOf(e: Election, rule: 'equalshares' | 'equalshares/add1' = 'equalshares'): MesExplanation {
  const x = tally(e, rule, { explain: true }).explanation?.equalShares;
  if (!x) throw new Error('no explanation');
  return x;
}

/**
 * The classic case: 7 of 10 voters like A, B and C, 3 like D; all cost 300, budget 1000.
 * Greedy gives the majority everything that fits (A, B, C); equal shares gives the minority its
 * proportional share: each voter holds 100, the 7 can pay for two projects, the 3 for one.
 */
const classic: Election = {
  projects: ['A', 'B', 'C', 'D'].map((id) => ({ id, cost: 300n })),
  ballots: [...Array.from({ length: 7 }, () => ({ projects: ['A', 'B', 'C'] })), ...Array.from({ length: 3 }, () => ({ projects: ['D'] }))],
  utility: 'approval',
  budget: 1000n,
  currencyUnit: 1n,
};

describe('Method of Equal Shares, by hand', () => {
  it('differs from greedy on the classic majority/minority example', () => {
    expect(tally(classic, 'greedy').selected).toEqual(['A', 'B', 'C']);
    expect(tally(classic, 'equalshares').selected).toEqual(['A', 'B', 'D']);
  });

  it('explains rounds: effective votes, prices and payments', () => {
    const m = mesOf(classic);
    expect(m.endowment).toEqual(q(100));
    expect(m.voters).toBe(10);
    expect(m.selections.map((s) => [s.projectId, s.round, s.pricePerPoint.toString(), s.effectiveVotes?.toString()])).toEqual([
      ['A', 1, '300/7', '7'],
      ['B', 2, '300/7', '7'],
      ['D', 3, '100', '3'],
    ]);
    const [r1, r2, r3, r4] = m.rounds;
    // Round 1: A, B and C tie at 7 effective votes (same cost, same votes): the id decides.
    expect(r1?.candidates.map((c) => (c.status === 'affordable' ? [c.projectId, c.effectiveVotes.toString()] : [c.projectId]))).toEqual([
      ['A', '7'],
      ['B', '7'],
      ['C', '7'],
      ['D', '3'],
    ]);
    expect(r1?.selected?.payments).toEqual([{ amount: q(300, 7), voters: 7 }]);
    expect(r2?.selected?.projectId).toBe('B');
    // Round 3: the majority has 100/7 each left; 100 in all cannot pay for C.
    expect(r3?.candidates.find((c) => c.projectId === 'C')).toEqual({ projectId: 'C', status: 'unaffordable', supportersMoney: q(100) });
    expect(r3?.selected).toMatchObject({ projectId: 'D', payments: [{ amount: q(100), voters: 3 }] });
    expect(r4).toBeUndefined();
    const explanation = tally(classic, 'equalshares', { explain: true }).explanation;
    expect(explanation?.projects.find((p) => p.projectId === 'C')?.outcome).toEqual({ code: 'unaffordable', round: 3, supportersMoney: q(100) });
    expect(explanation?.projects.find((p) => p.projectId === 'D')).toMatchObject({ selected: true, order: 3, outcome: { code: 'funded-equal-shares', round: 3 } });
  });

  it('lets callers compute what each voter paid; payments add up to the funded cost', () => {
    const m = mesOf(classic);
    const paid = mesVoterPayments(classic, m);
    expect(paid.slice(0, 7).every((p) => p.equals(q(600, 7)))).toBe(true);
    expect(paid.slice(7).every((p) => p.equals(q(100)))).toBe(true);
    expect(totalPaid(paid)).toEqual(q(900));
  });

  it('caps payments at what a voter has left (poor supporters pay everything)', () => {
    // 4 voters with 25 each. X (cost 60) is backed by all: 15 each. Then Y (cost 30) by voters
    // 1 and 2 only, who have 10 each left: unaffordable. Z (cost 12) by voters 3, 4: 6 each.
    const e: Election = {
      projects: [
        { id: 'X', cost: 60n },
        { id: 'Y', cost: 30n },
        { id: 'Z', cost: 12n },
      ],
      ballots: [{ projects: ['X', 'Y'] }, { projects: ['X', 'Y'] }, { projects: ['X', 'Z'] }, { projects: ['X', 'Z'] }],
      utility: 'approval',
      budget: 100n,
      currencyUnit: 1n,
    };
    expect(tally(e, 'equalshares').selected).toEqual(['X', 'Z']);
    // A poor supporter: P (cost 112, 4 supporters, 28 each) goes first and leaves voter 1 with 2.
    // T (cost 45) is then backed by budgets 2, 30, 30: voter 1 pays its 2, the other two 21.5
    // each (not 15), so T has 45 / 21.5 = 90/43 effective votes.
    const p: Election = {
      projects: [
        { id: 'P', cost: 112n },
        { id: 'T', cost: 45n },
      ],
      ballots: [{ projects: ['P', 'T'] }, { projects: ['T'] }, { projects: ['T'] }, { projects: ['P'] }, { projects: ['P'] }, { projects: ['P'] }],
      utility: 'approval',
      budget: 180n,
      currencyUnit: 1n,
    };
    const m = mesOf(p);
    expect(m.selections.map((s) => [s.projectId, s.pricePerPoint.toString(), s.effectiveVotes?.toString()])).toEqual([
      ['P', '28', '4'],
      ['T', '43/2', '90/43'],
    ]);
    expect(m.rounds[1]?.selected?.payments).toEqual([
      { amount: q(43, 2), voters: 2 },
      { amount: q(2), voters: 1 },
    ]);
    expect(mesVoterPayments(p, m).map(String)).toEqual(['30', '43/2', '43/2', '28', '28', '28']);
  });

  it('splits costs in proportion to points for cumulative ballots', () => {
    // Each voter holds 30. Round 1: all three projects have 3 effective points; the tie goes to
    // the cheapest, C (24): v2 pays 16, v3 pays 8. Round 2: A (30) has q = 10, count 3;
    // B (36): v3 can pay only 22 for 2 points, so v1 pays 14 for 1, q = 14, count 36/14.
    const e: Election = {
      projects: [
        { id: 'A', cost: 30n },
        { id: 'B', cost: 36n },
        { id: 'C', cost: 24n },
      ],
      ballots: [
        { projects: ['A', 'B'], points: [2, 1] },
        { projects: ['A', 'C'], points: [1, 2] },
        { projects: ['B', 'C'], points: [2, 1] },
      ],
      utility: 'points',
      budget: 90n,
      currencyUnit: 1n,
    };
    const m = mesOf(e);
    expect(m.selections.map((s) => [s.projectId, s.pricePerPoint.toString(), s.effectiveVotes?.toString()])).toEqual([
      ['C', '8', '3'],
      ['A', '10', '3'],
    ]);
    const round2 = m.rounds[1]?.candidates.find((c) => c.projectId === 'B');
    expect(round2).toEqual({ projectId: 'B', status: 'affordable', effectiveVotes: q(18, 7), pricePerPoint: q(14) });
    expect(m.rounds[1]?.selected?.payments).toEqual([
      { amount: q(20), voters: 1 },
      { amount: q(10), voters: 1 },
    ]);
    expect(mesVoterPayments(e, m).map(String)).toEqual(['20', '26', '8']);
    // Greedy by points funds all three (scores 3, 3, 3; by cost C, A, B = 90).
    expect(tally(e, 'greedy').selected).toEqual(['C', 'A', 'B']);
  });

  it('prices per point even when every ballot gives the same number of points', () => {
    const e: Election = { projects: [{ id: 'A', cost: 90n }], ballots: [{ projects: ['A'], points: [2] }], utility: 'points', budget: 100n, currencyUnit: 1n };
    expect(mesOf(e).selections.map((s) => s.pricePerPoint.toString())).toEqual(['45']);
  });

  it('funds free supported projects first and never funds unsupported ones', () => {
    const e: Election = {
      projects: [
        { id: 'free', cost: 0n },
        { id: 'nobody', cost: 1n },
        { id: 'paid', cost: 10n },
      ],
      ballots: [{ projects: ['free', 'paid'] }, { projects: [] }],
      utility: 'approval',
      budget: 20n,
      currencyUnit: 1n,
    };
    const m = mesOf(e);
    expect(m.selections.map((s) => [s.projectId, s.round, s.effectiveVotes])).toEqual([
      ['free', 1, null],
      ['paid', 2, q(1)],
    ]);
    expect(tally(e, 'greedy').selected).toEqual(['free', 'paid']);
  });
});

describe('add1 completion', () => {
  // Budget 90, three voters with 30 each; each wants one project.
  const three = (costA: bigint): Election => ({
    projects: [
      { id: 'A', cost: costA },
      { id: 'B', cost: 50n },
      { id: 'C', cost: 30n },
    ],
    ballots: [{ projects: ['A'] }, { projects: ['B'] }, { projects: ['C'] }],
    utility: 'approval',
    budget: 90n,
    currencyUnit: 1n,
  });

  it('keeps the last outcome that fits: raising the endowment to 50 would fund 130', () => {
    const m = mesOf(three(50n), 'equalshares/add1');
    expect(m.selections.map((s) => s.projectId)).toEqual(['C']);
    expect(m.endowment).toEqual(q(49));
    const last = m.add1?.[m.add1.length - 1];
    expect(last).toMatchObject({ endowment: q(50), fits: false, totalCost: 130n });
    // The 19 steps from 30 to 49 all repeat {C}: proven so and skipped, not run.
    expect(m.add1?.reduce((s, x) => s + x.skippedAfter, 0n)).toBeGreaterThan(0n);
  });

  it('stops as soon as an outcome is exhaustive', () => {
    // A costs 10: at 30, C and A are funded (40), B (50) fits the 50 left: not exhaustive.
    // At 50, B is affordable too: 90, nothing left to add, exhaustive.
    const m = mesOf(three(10n), 'equalshares/add1');
    expect(m.selections.map((s) => s.projectId)).toEqual(['A', 'C', 'B']);
    expect(m.endowment).toEqual(q(50));
    expect(m.add1?.[m.add1.length - 1]).toMatchObject({ exhaustive: true, fits: true, totalCost: 90n });
  });

  it('steps by one currency unit per voter, i.e. the total budget by the number of voters', () => {
    // Amounts in cents: the endowment grows by 100 units per step.
    const cents: Election = { ...three(50n), projects: three(50n).projects.map((p) => ({ ...p, cost: p.cost * 100n })), budget: 9000n, currencyUnit: 100n };
    const m = mesOf(cents, 'equalshares/add1');
    expect(m.endowment).toEqual(q(4900));
    expect(m.add1?.[m.add1.length - 1]?.endowment).toEqual(q(5000));
  });

  it('starts from budget/voters, or from it rounded down to a whole unit (equalshares.net "integral")', () => {
    const e: Election = { ...three(50n), budget: 100n, ballots: [...three(50n).ballots] };
    const exact = tally(e, 'equalshares/add1', { explain: true }).explanation?.equalShares?.add1;
    const integral = tally(e, 'equalshares/add1', { explain: true, add1Start: 'integral' }).explanation?.equalShares?.add1;
    expect(exact?.[0]?.endowment).toEqual(q(100, 3));
    expect(integral?.[0]?.endowment).toEqual(q(33));
    expect(exact?.[exact.length - 1]?.endowment).toEqual(q(100, 3).add(17n));
    expect(integral?.[integral.length - 1]?.endowment).toEqual(q(50));
  });

  it('add1-greedy fills the money left greedily; add1-comparison keeps equal shares unless more voters prefer greedy', () => {
    expect(tally(classic, 'equalshares/add1-greedy').selected).toEqual(['A', 'B', 'D']);
    const e = three(50n);
    // add1 funds C (30); greedy completion adds A (50) from the 60 left.
    const r = tally(e, 'equalshares/add1-greedy', { explain: true });
    expect(r.selected).toEqual(['C', 'A']);
    expect(r.explanation?.projects.find((p) => p.projectId === 'A')?.outcome).toMatchObject({ code: 'funded-completion', remainingBefore: 60n });
    // Greedy funds C then A (B no longer fits): voter 1 is better off, voter 3 indifferent.
    const c = tally(e, 'equalshares/add1-comparison', { explain: true });
    expect(c.explanation?.comparison).toEqual({ prefersEqualShares: 0, prefersGreedy: 1, chosen: 'greedy' });
    expect(c.selected).toEqual(tally(e, 'greedy').selected);
    // On the classic example the 3 minority voters prefer equal shares but the 7 get three
    // projects instead of two under greedy: greedy wins the comparison.
    const classicComparison = tally(classic, 'equalshares/add1-comparison', { explain: true });
    expect(classicComparison.explanation?.comparison).toEqual({ prefersEqualShares: 3, prefersGreedy: 7, chosen: 'greedy' });
    expect(classicComparison.selected).toEqual(['A', 'B', 'C']);
    // A tie keeps equal shares.
    const balanced: Election = { ...classic, ballots: [...classic.ballots.slice(0, 3), ...Array.from({ length: 3 }, () => ({ projects: ['D'] }))], budget: 600n };
    expect(tally(balanced, 'equalshares/add1-comparison', { explain: true }).explanation?.comparison?.chosen).toBe('equal-shares');
  });

  it('skipping proven-identical steps gives exactly the plain loop (result and final endowment)', () => {
    const prep = prepareMes(indexElection(three(50n)));
    const plain = runMesAdd1(prep, { budget: 90n, step: 1n, naive: true });
    const smart = runMesAdd1(prep, { budget: 90n, step: 1n });
    expect(plain.steps).toHaveLength(21);
    expect(smart.steps.length).toBeLessThan(plain.steps.length);
    expect(smart.run.selections.map((s) => s.project)).toEqual(plain.run.selections.map((s) => s.project));
    expect(smart.run.endowment).toEqual(plain.run.endowment);
  });
});

describe('stability certificate', () => {
  it('is 0 when a supporter can exactly afford its share (nothing can be promised past it)', () => {
    const e: Election = { projects: [{ id: 'A', cost: 60n }], ballots: [{ projects: ['A'] }, { projects: ['A'] }], utility: 'approval', budget: 60n, currencyUnit: 1n };
    const run = runMes(prepareMes(indexElection(e)), { endowment: q(30), track: true });
    expect(run.stableFor).toEqual(Rational.ZERO);
  });

  it('is unbounded when nothing can change', () => {
    const e: Election = { projects: [{ id: 'A', cost: 10n }], ballots: [{ projects: ['A'] }, { projects: ['A'] }], utility: 'approval', budget: 60n, currencyUnit: 1n };
    expect(runMes(prepareMes(indexElection(e)), { endowment: q(30), track: true }).stableFor).toBeNull();
  });
});
