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
  /**
   * Where the runs at steps ≥ 1 come from, e.g. blocks computed by another thread
   * (scripts/tally-parallel.ts). Not used with `explain`, whose step list stays that of the
   * loop below.
   */
  readonly oracle?: Add1Oracle;
}

/** What the add1 loop needs to know about the run at one step. */
export interface Add1StepOutcome {
  readonly totalCost: bigint;
  /** Stopped because the funded cost went over the real budget. */
  readonly exceeded: boolean;
  readonly exhaustive: boolean;
  /** The run's certificate (see MesRunResult.stableFor); undefined when it was not computed. */
  readonly stableFor?: Rational | null;
}

/**
 * The outcomes of the runs at steps k ≥ 1 (endowment start + k·step). Every outcome is a
 * function of the endowment alone (the runs are exact), so it does not matter who computed it.
 */
export interface Add1Oracle {
  step(k: bigint): Add1StepOutcome;
}

/** The start of the add1 loop: budget / voters, or that rounded down to a currency unit. */
export function add1StartEndowment(prep: MesPrepared, opts: Pick<Add1Options, 'budget' | 'step' | 'start'>): Rational {
  const n = BigInt(Math.max(prep.voterCount, 1));
  const endowment = Rational.of(opts.budget, n);
  return opts.start === 'integral' ? Rational.of(endowment.div(opts.step).floor() * opts.step) : endowment;
}

export function runMesAdd1(prep: MesPrepared, opts: Add1Options): Add1Outcome {
  let endowment = add1StartEndowment(prep, opts);
  if (opts.oracle && !opts.explain && !opts.naive) return add1ByOracle(prep, opts, endowment, opts.oracle);
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
const WINDOW = 8;

/**
 * The loop above with the runs of steps ≥ 1 taken from an oracle: same steps, same skips where
 * the oracle's outcome carries a certificate, same result.
 */
function add1ByOracle(prep: MesPrepared, opts: Add1Options, start: Rational, oracle: Add1Oracle): Add1Outcome {
  const at = (k: bigint): Rational => start.add(opts.step * k);
  const first = new MesRunner(prep).run({ endowment: start, track: true, trackFloor: Rational.of(opts.step) }, true, false);
  let cur = outcomeOf(prep, first, opts.budget, true);
  let k = 0n;
  const steps: Add1Step[] = [];
  for (;;) {
    if (cur.exhaustive || prep.voterCount === 0) {
      steps.push({ endowment: at(k), totalCost: cur.totalCost, fits: true, exhaustive: true, skippedAfter: 0n });
      break;
    }
    const stable = cur.stableFor;
    const skip = stable ? maxBig(1n, stable.div(opts.step).ceil()) : 1n;
    steps.push({ endowment: at(k), totalCost: cur.totalCost, fits: true, exhaustive: false, skippedAfter: skip - 1n });
    const next = oracle.step(k + skip);
    if (next.exceeded) {
      steps.push({ endowment: at(k + skip), totalCost: next.totalCost, fits: false, exhaustive: false, skippedAfter: 0n });
      // The steps skipped before it repeat the outcome at k; the plain loop stops on the last.
      k += skip - 1n;
      break;
    }
    k += skip;
    cur = next;
  }
  return { run: k === 0n ? first : runMes(prep, { endowment: at(k) }), steps };
}

/** Steps per block for an oracle: the same top-down replays as the loop's windows. */
export const ADD1_BLOCK = WINDOW;

/**
 * Outcomes of the steps first … first + count − 1 (of the loop starting at `start`), computed
 * like a window of the loop: the top run fresh with its certificate, each lower one replaying
 * the one above it.
 */
export function add1Block(
  prep: MesPrepared,
  runner: MesRunner,
  start: Rational,
  opts: Pick<Add1Options, 'budget' | 'step'>,
  first: bigint,
  count = ADD1_BLOCK,
): Add1StepOutcome[] {
  const at = (k: bigint): Rational => start.add(opts.step * k);
  const out: Add1StepOutcome[] = [];
  const topRun = runner.run({ endowment: at(first + BigInt(count - 1)), track: true, trackFloor: Rational.of(opts.step), stopAboveCost: opts.budget }, true, count > 1);
  out[count - 1] = outcomeOf(prep, topRun, opts.budget, true);
  for (let j = count - 2; j >= 0; j--) {
    const run = runner.run({ endowment: at(first + BigInt(j)), stopAboveCost: opts.budget }, false, j > 0);
    out[j] = outcomeOf(prep, run, opts.budget, false);
  }
  return out;
}

function outcomeOf(prep: MesPrepared, run: MesRunResult, budget: bigint, tracked: boolean): Add1StepOutcome {
  const base = { totalCost: run.totalCost, exceeded: run.exceeded, exhaustive: !run.exceeded && isExhaustive(prep, run, budget) };
  return tracked ? { ...base, stableFor: run.stableFor ?? null } : base;
}

/** An oracle computing blocks of steps in this thread, each once (for tests and as a fallback). */
export function localAdd1Oracle(prep: MesPrepared, opts: Pick<Add1Options, 'budget' | 'step' | 'start'>): Add1Oracle {
  const start = add1StartEndowment(prep, opts);
  const runner = new MesRunner(prep);
  const blocks = new Map<bigint, Add1StepOutcome[]>();
  const size = BigInt(ADD1_BLOCK);
  return {
    step(k) {
      const b = (k - 1n) / size;
      let block = blocks.get(b);
      if (!block) {
        block = add1Block(prep, runner, start, opts, b * size + 1n);
        blocks.set(b, block);
      }
      const outcome = block[Number(k - 1n - b * size)];
      if (!outcome) throw new Error(`add1: no outcome for step ${k}`);
      return outcome;
    },
  };
}

/** No supported project outside the outcome fits into the money the outcome leaves. */
export function isExhaustive(prep: MesPrepared, run: MesRunResult, budget: bigint): boolean {
  const left = budget - run.totalCost;
  const funded = new Set(run.selections.map((s) => s.project));
  return prep.contested.every((c) => funded.has(c) || (prep.election.costs[c] ?? 0n) > left);
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
