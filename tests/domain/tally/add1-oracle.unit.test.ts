/**
 * The add1 loop fed by an oracle (blocks of steps computed elsewhere, e.g. by the tally
 * command's second thread) = the plain add1 loop: same final endowment, same run. The oracle
 * below computes the blocks in a scrambled order with its own runner, as another thread would.
 */
import { describe, expect, it } from 'vitest';
import { electionFromPabulib, parsePabulib } from '../../../domain/tally/index';
import { indexElection, type Election } from '../../../domain/tally/election';
import { ADD1_BLOCK, add1Block, add1StartEndowment, runMesAdd1, type Add1Oracle, type Add1StepOutcome } from '../../../domain/tally/mes-add1';
import { MesRunner } from '../../../domain/tally/mes-engine';
import { prepareMes, type MesPrepared } from '../../../domain/tally/mes-prepare';
import { randomElection } from './random-elections';
import { readSample } from './samples';

/** Computes the block after the requested one first (a block computed "ahead", then used). */
function aheadOracle(prep: MesPrepared, budget: bigint, step: bigint, start: 'exact' | 'integral'): Add1Oracle & { blocks: number } {
  const e0 = add1StartEndowment(prep, { budget, step, start });
  const runner = new MesRunner(prep);
  const blocks = new Map<bigint, Add1StepOutcome[]>();
  const size = BigInt(ADD1_BLOCK);
  const get = (b: bigint): Add1StepOutcome[] => {
    let block = blocks.get(b);
    if (!block) {
      block = add1Block(prep, runner, e0, { budget, step }, b * size + 1n);
      blocks.set(b, block);
    }
    return block;
  };
  return {
    blocks: 0,
    step(k) {
      const b = (k - 1n) / size;
      if (!blocks.has(b)) get(b + 1n);
      this.blocks = blocks.size;
      return get(b)[Number(k - 1n - b * size)]!;
    },
  };
}

/** Returns how many blocks the oracle computed. */
function same(e: Election, label: string, start: 'exact' | 'integral' = 'exact'): number {
  const prep = prepareMes(indexElection(e));
  const plain = runMesAdd1(prep, { budget: e.budget, step: e.currencyUnit, start });
  const oracle = aheadOracle(prep, e.budget, e.currencyUnit, start);
  const fed = runMesAdd1(prep, { budget: e.budget, step: e.currencyUnit, start, oracle });
  const show = (r: typeof plain): string => `${r.run.endowment.toString()} ${r.run.totalCost} ${r.run.selections.map((s) => `${s.project}@${s.pricePerPoint.toString()}`).join(' ')}`;
  expect(show(fed), label).toBe(show(plain));
  return oracle.blocks;
}

describe('add1 fed by an oracle = the plain add1 loop', () => {
  it('random approval and cumulative elections, exact ties, both starts', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const e = randomElection(seed, { projects: 3 + (seed % 9), voters: 2 + (seed % 25), points: seed % 3 === 0, costStep: seed % 2 ? 10 : 7, maxCostSteps: 5 + (seed % 30) });
      same(e, `seed ${seed}`, seed % 5 === 0 ? 'integral' : 'exact');
    }
  });

  it('larger elections with many add1 steps (several blocks)', () => {
    for (const seed of [901, 902, 903]) same(randomElection(seed, { projects: 25, voters: 300, costStep: 13, maxCostSteps: 40 }), `seed ${seed}`);
  });

  it('Assen 2024 (845 add1 steps)', () => {
    expect(same(electionFromPabulib(parsePabulib(readSample('Netherlands_Assen_2024.pb'))), 'Assen')).toBeGreaterThan(1);
  });
});
