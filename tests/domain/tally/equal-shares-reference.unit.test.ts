/**
 * The optimised engine (history nodes, fixed-point filters, exact fallbacks, skipped add1 steps)
 * against the naive per-voter Rational reference, on many small random elections where exact
 * ties and "exactly used up" budgets are frequent.
 */
import { describe, expect, it } from 'vitest';
import { indexElection, type Election } from '../../../domain/tally/election';
import { runMesAdd1 } from '../../../domain/tally/mes-add1';
import { MesRunner, runMes } from '../../../domain/tally/mes-engine';
import { prepareMes } from '../../../domain/tally/mes-prepare';
import { Rational } from '../../../domain/tally/rational';
import { tieRanks } from '../../../domain/tally/tie-breaking';
import { randomElection, type RandomElectionOptions } from './random-elections';
import { referenceAdd1, referenceMes, type RefBallot } from './reference-mes';

function refBallots(e: Election): RefBallot[] {
  const index = new Map(e.projects.map((p, i) => [p.id, i]));
  return e.ballots.map((b) => ({ projects: b.projects.map((id) => index.get(id) ?? -1), utilities: b.points ?? b.projects.map(() => 1) }));
}

function check(seed: number, o: RandomElectionOptions, extra: bigint): void {
  const e = randomElection(seed, o);
  const ie = indexElection(e);
  const prep = prepareMes(ie);
  const rank = Array.from(tieRanks(ie));
  const ballots = refBallots(e);
  const endowment = Rational.of(e.budget, BigInt(Math.max(e.ballots.length, 1))).add(extra);
  const got = runMes(prep, { endowment }).selections.map((s) => `${s.project}@${s.pricePerPoint.toString()}`);
  const want = referenceMes(ie.costs, ballots, endowment, rank).map((s) => `${s.project}@${s.price.toString()}`);
  expect(got, `MES, seed ${seed}`).toEqual(want);

  const add1 = runMesAdd1(prep, { budget: e.budget, step: e.currencyUnit });
  const ref = referenceAdd1(ie.costs, ballots, e.budget, e.currencyUnit, rank);
  expect(add1.run.selections.map((s) => s.project), `add1, seed ${seed}`).toEqual(ref.selections.map((s) => s.project));
  expect(add1.run.endowment.toString(), `add1 endowment, seed ${seed}`).toBe(ref.endowment.toString());
}

describe('equal shares engine = naive reference', () => {
  it('approval ballots, small costs (many exact ties)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      check(seed, { projects: 3 + (seed % 8), voters: 2 + (seed % 23), costStep: seed % 2 ? 10 : 7, maxCostSteps: 4 + (seed % 25) }, BigInt(seed % 4));
    }
  });

  it('cumulative ballots (points)', () => {
    for (let seed = 1; seed <= 120; seed++) {
      check(seed, { projects: 3 + (seed % 7), voters: 2 + (seed % 19), points: true, costStep: 6, maxCostSteps: 3 + (seed % 20) }, BigInt(seed % 3));
    }
  });

  it('huge amounts (the fixed-point scale goes below one unit)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      check(seed, { projects: 3 + (seed % 6), voters: 3 + (seed % 17), points: seed % 2 === 0, costStep: 10 ** 15 + 7, maxCostSteps: 30, currencyUnit: 10n ** 13n + 3n }, 10n ** 13n * BigInt(seed % 3));
    }
  });

  it('a larger election with repeated ballots (grouped) and many rounds', () => {
    for (const seed of [901, 902]) check(seed, { projects: 25, voters: 300, costStep: 13, maxCostSteps: 40 }, 0n);
  });
});

describe('runs replaying a previous run (MesRunner) = runs from scratch', () => {
  const same = (seed: number, endowments: (e0: Rational) => Rational[]): void => {
    const e = randomElection(seed, { projects: 3 + (seed % 9), voters: 2 + (seed % 25), points: seed % 3 === 0, costStep: seed % 2 ? 10 : 7, maxCostSteps: 5 + (seed % 30) });
    const prep = prepareMes(indexElection(e));
    const runner = new MesRunner(prep);
    const e0 = Rational.of(e.budget, BigInt(Math.max(e.ballots.length, 1)));
    const stop = seed % 4 === 0 ? { stopAboveCost: e.budget } : {};
    for (const endowment of endowments(e0)) {
      const show = (r: ReturnType<typeof runMes>): string => `${r.selections.map((s) => `${s.project}@${s.pricePerPoint.toString()}`).join(' ')} ${r.exceeded}`;
      expect(show(runner.run({ endowment, ...stop })), `seed ${seed}, e ${endowment.toString()}`).toBe(show(runMes(prep, { endowment, ...stop })));
    }
  };

  it('replaying downwards (recorded tree is a superset; some of its nodes hold nothing)', () => {
    for (let seed = 1; seed <= 150; seed++) same(seed, (e0) => [12, 11, 9, 8, 5, 4, 3, 1, 0].map((j) => e0.add(BigInt(j))));
  });

  it('replaying upwards (stops at the first node that keeps money it had spent)', () => {
    for (let seed = 1; seed <= 100; seed++) same(seed, (e0) => [0, 1, 2, 4, 7, 11].map((j) => e0.add(BigInt(j))));
  });
});
