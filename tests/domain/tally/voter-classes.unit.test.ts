/**
 * Voter classes (mes-prepare): ballots approving the same projects (with the same points) are one
 * weighted class, whatever order they list the projects in. Checked against the naive per-voter
 * reference, which never groups, on random elections with many duplicates, shuffled ballots,
 * cumulative points and exact ties.
 */
import { describe, expect, it } from 'vitest';
import { indexElection, type Election } from '../../../domain/tally/election';
import { runMesAdd1 } from '../../../domain/tally/mes-add1';
import { runMes } from '../../../domain/tally/mes-engine';
import { prepareMes } from '../../../domain/tally/mes-prepare';
import { Rational } from '../../../domain/tally/rational';
import { tieRanks } from '../../../domain/tally/tie-breaking';
import { prng, randomElection } from './random-elections';
import { referenceAdd1, referenceMes, type RefBallot } from './reference-mes';

/** Every ballot listed again in a shuffled order (points kept aligned), the copies interleaved. */
function withShuffledCopies(e: Election, seed: number): Election {
  const rand = prng(seed);
  const copies = e.ballots.map((b) => {
    const order = b.projects.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const projects = order.map((i) => b.projects[i]!);
    return b.points ? { projects, points: order.map((i) => b.points![i]!) } : { projects };
  });
  return { ...e, ballots: e.ballots.flatMap((b, i) => [b, copies[i]!]) };
}

function canonical(b: { projects: readonly string[]; points?: readonly number[] }): string {
  return b.projects
    .map((id, i) => `${id}:${b.points?.[i] ?? 1}`)
    .sort()
    .join(',');
}

function check(e: Election, label: string): void {
  const ie = indexElection(e);
  const prep = prepareMes(ie);
  // One class per distinct non-empty ballot (as a set of (project, points) pairs); the classes'
  // weights add up to the non-empty ballots.
  const nonEmpty = e.ballots.filter((b) => b.projects.length > 0);
  expect(prep.groupCount, label).toBe(new Set(nonEmpty.map(canonical)).size);
  expect(prep.groupWeight.reduce((a, b) => a + b, 0), label).toBe(nonEmpty.length);

  const index = new Map(e.projects.map((p, i) => [p.id, i]));
  const ballots: RefBallot[] = e.ballots.map((b) => ({ projects: b.projects.map((id) => index.get(id) ?? -1), utilities: b.points ?? b.projects.map(() => 1) }));
  const rank = Array.from(tieRanks(ie));
  const endowment = Rational.of(e.budget, BigInt(Math.max(e.ballots.length, 1)));
  const got = runMes(prep, { endowment }).selections.map((s) => `${s.project}@${s.pricePerPoint.toString()}`);
  expect(got, label).toEqual(referenceMes(ie.costs, ballots, endowment, rank).map((s) => `${s.project}@${s.price.toString()}`));
  const add1 = runMesAdd1(prep, { budget: e.budget, step: e.currencyUnit });
  const ref = referenceAdd1(ie.costs, ballots, e.budget, e.currencyUnit, rank);
  expect(add1.run.selections.map((s) => s.project), label).toEqual(ref.selections.map((s) => s.project));
  expect(add1.run.endowment.toString(), label).toBe(ref.endowment.toString());
}

describe('voter classes (identical ballots grouped) = ungrouped per-voter reference', () => {
  it('approval ballots listed in any order, with exact ties', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const e = randomElection(seed, { projects: 3 + (seed % 6), voters: 3 + (seed % 15), costStep: 7, maxCostSteps: 3 + (seed % 12) });
      check(withShuffledCopies(e, seed), `approval, seed ${seed}`);
    }
  });

  it('cumulative ballots: same projects with other points are another class', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const e = randomElection(seed, { projects: 3 + (seed % 5), voters: 3 + (seed % 13), points: true, costStep: 6, maxCostSteps: 3 + (seed % 10) });
      const shuffled = withShuffledCopies(e, seed);
      // The first ballot again with its first project's points changed: not the same class.
      const first = e.ballots.find((b) => b.projects.length > 0);
      const extra = first?.points ? [{ projects: first.projects, points: first.points.map((p, i) => (i === 0 ? p + 1 : p)) }] : [];
      check({ ...shuffled, ballots: [...shuffled.ballots, ...extra] }, `cumulative, seed ${seed}`);
    }
  });

  it('a ballot repeated by every voter is one class of all of them', () => {
    const e: Election = {
      projects: [
        { id: '1', cost: 30n },
        { id: '2', cost: 30n },
        { id: '3', cost: 50n },
      ],
      ballots: Array.from({ length: 9 }, (_, i) => ({ projects: i % 2 ? ['1', '3', '2'] : ['2', '1', '3'] })),
      utility: 'approval',
      budget: 90n,
      currencyUnit: 1n,
    };
    const prep = prepareMes(indexElection(e));
    expect(prep.groupCount).toBe(1);
    expect(Array.from(prep.groupWeight)).toEqual([9]);
    check(e, 'one class');
  });
});
