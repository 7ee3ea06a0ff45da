/** Deterministic random elections for property tests (mulberry32; same seed, same election). */
import type { Election } from '../../../domain/tally/election';
import { prng } from '../helpers';

/** The tests' one deterministic PRNG (mulberry32), shared with the other domain tests. */
export { prng };

export interface RandomElectionOptions {
  readonly projects: number;
  readonly voters: number;
  readonly points?: boolean;
  /** Costs are multiples of this (small values make exact ties likely). */
  readonly costStep?: number;
  readonly maxCostSteps?: number;
  /** The add1 step (default 1). */
  readonly currencyUnit?: bigint;
}

export function randomElection(seed: number, o: RandomElectionOptions): Election {
  const rand = prng(seed);
  const step = o.costStep ?? 10;
  const projects = Array.from({ length: o.projects }, (_, i) => ({
    id: String(i + 1),
    cost: BigInt(step * (1 + Math.floor(rand() * (o.maxCostSteps ?? 20)))),
  }));
  const popularity = projects.map(() => rand());
  const ballots = Array.from({ length: o.voters }, () => {
    const chosen = projects.filter((_, i) => rand() < (popularity[i] ?? 0) * 0.6).map((p) => p.id);
    return o.points ? { projects: chosen, points: chosen.map(() => 1 + Math.floor(rand() * 4)) } : { projects: chosen };
  });
  const total = projects.reduce((s, p) => s + p.cost, 0n);
  const budget = (total * BigInt(20 + Math.floor(rand() * 50))) / 100n;
  return { projects, ballots, utility: o.points ? 'points' : 'approval', budget, currencyUnit: o.currencyUnit ?? 1n };
}
