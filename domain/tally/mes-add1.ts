/**
 * The add1 completion of the Method of Equal Shares, as in pabutools
 * (`method_of_equal_shares(..., voter_budget_increment=1)`) and equalshares.net:
 *
 *   endowment := budget / voters; outcome := MES(endowment)
 *   repeat: stop if outcome is exhaustive (no unfunded supported project fits the money left);
 *           next := MES(endowment + 1 currency unit)   -- i.e. the total budget grows by #voters
 *           stop if next costs more than the real budget; else outcome := next, endowment += 1.
 *   result: outcome (the last one that fits).
 *
 * pabutools starts from the exact budget / voters; equalshares.net can round it down to a whole
 * currency unit (its "integral" option). Both are offered; `exact` is the default.
 *
 * The loop can need hundreds of steps (Assen 2024: 845). Each run certifies how far the endowment
 * can grow with the very same outcome (see `stableFor` in mes-engine); the steps inside that range
 * would each produce that same outcome (fitting, not exhaustive), so they are skipped without
 * changing the result or the final endowment.
 */
import type { MesPrepared } from './mes-prepare';
import { MesRunner, runMes, type MesRunResult } from './mes-engine';
import { Rational } from './rational';

export type Add1Start = 'exact' | 'integral';

export interface Add1Step {
  readonly endowment: Rational;
  readonly totalCost: bigint;
  readonly fits: boolean;
  readonly exhaustive: boolean;
  /** Further steps proven to give this same outcome, which were therefore not run. */
  readonly skippedAfter: bigint;
}

export interface Add1Outcome {
  /** The final run (with per-round details when `explain`). */
  readonly run: MesRunResult;
  /** The MES runs made, in order; the last one either did not fit or was exhaustive. */
  readonly steps: readonly Add1Step[];
}

export interface Add1Options {
  readonly budget: bigint;
  /** One currency unit in amount units: the endowment step. */
  readonly step: bigint;
  readonly start?: Add1Start;
  readonly explain?: boolean;
  /** Run every step (no certificate); only to cross-check the skipping in tests. */
  readonly naive?: boolean;
}

export function runMesAdd1(prep: MesPrepared, opts: Add1Options): Add1Outcome {
  const n = BigInt(Math.max(prep.voterCount, 1));
  let endowment = Rational.of(opts.budget, n);
  if (opts.start === 'integral') endowment = Rational.of(endowment.div(opts.step).floor() * opts.step);
  const naive = opts.naive === true;
  const at = (k: bigint): Rational => endowment.add(opts.step * k);
  // A certificate shorter than one step cannot skip anything: no need to refine it further.
  const trackFloor = Rational.of(opts.step);
  const runner = new MesRunner(prep);
  const fresh = (e: Rational, stop: bigint | undefined, record: boolean): MesRunResult =>
    naive
      ? runMes(prep, { endowment: e, ...(stop === undefined ? {} : { stopAboveCost: stop }) })
      : runner.run({ endowment: e, track: true, trackFloor, ...(stop === undefined ? {} : { stopAboveCost: stop }) }, true, record);
  const steps: Add1Step[] = [];
  let run = fresh(endowment, undefined, false);
  for (;;) {
    if (isExhaustive(prep, run, opts.budget) || prep.voterCount === 0) {
      steps.push({ endowment, totalCost: run.totalCost, fits: true, exhaustive: true, skippedAfter: 0n });
      break;
    }
    // Steps k·step with k·step < stableFor repeat this outcome; the first one to run is the
    // smallest k ≥ 1 with k·step ≥ stableFor.
    const stable = run.stableFor;
    const skip = stable ? maxBig(1n, stable.div(opts.step).ceil()) : 1n;
    if (naive || skip > 1n) {
      steps.push({ endowment, totalCost: run.totalCost, fits: true, exhaustive: false, skippedAfter: skip - 1n });
      const next = fresh(at(skip), opts.budget, false);
      if (next.exceeded) {
        steps.push({ endowment: at(skip), totalCost: next.totalCost, fits: false, exhaustive: false, skippedAfter: 0n });
        // The plain loop would have stopped one step earlier, on this same outcome.
        endowment = at(skip - 1n);
        break;
      }
      run = next;
      endowment = at(skip);
      continue;
    }
    // No step can be skipped: compute the next WINDOW steps top-down, each run replaying the one
    // just above it (consecutive runs mostly agree; see mes-run-log.ts), then take them in order.
    steps.push({ endowment, totalCost: run.totalCost, fits: true, exhaustive: false, skippedAfter: 0n });
    const window: MesRunResult[] = [];
    window[WINDOW] = fresh(at(BigInt(WINDOW)), opts.budget, true);
    // The lowest one is replayed by nobody: no need to record it.
    for (let j = WINDOW - 1; j >= 1; j--) window[j] = runner.run({ endowment: at(BigInt(j)), stopAboveCost: opts.budget }, false, j > 1);
    let stopped = false;
    let last = run;
    for (let j = 1; j <= WINDOW && !stopped; j++) {
      const next = window[j];
      if (!next) break;
      if (next.exceeded) {
        steps.push({ endowment: at(BigInt(j)), totalCost: next.totalCost, fits: false, exhaustive: false, skippedAfter: 0n });
        run = last;
        endowment = at(BigInt(j - 1));
        stopped = true;
      } else if (j < WINDOW && isExhaustive(prep, next, opts.budget)) {
        steps.push({ endowment: at(BigInt(j)), totalCost: next.totalCost, fits: true, exhaustive: true, skippedAfter: 0n });
        run = next;
        endowment = at(BigInt(j));
        stopped = true;
      } else if (j < WINDOW) steps.push({ endowment: at(BigInt(j)), totalCost: next.totalCost, fits: true, exhaustive: false, skippedAfter: 0n });
      last = next;
    }
    if (stopped) break;
    // The top run of the window (run fresh, with its certificate) continues the loop.
    run = window[WINDOW] ?? run;
    endowment = at(BigInt(WINDOW));
  }
  if (opts.explain || !run.endowment.equals(endowment)) run = runMes(prep, { endowment, explain: opts.explain === true });
  return { run, steps };
}

/** Steps computed together when none can be skipped: replays cost least between neighbours. */
const WINDOW = 16;

/** No supported project outside the outcome fits into the money the outcome leaves. */
export function isExhaustive(prep: MesPrepared, run: MesRunResult, budget: bigint): boolean {
  const left = budget - run.totalCost;
  const funded = new Set(run.selections.map((s) => s.project));
  return prep.contested.every((c) => funded.has(c) || (prep.election.costs[c] ?? 0n) > left);
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
