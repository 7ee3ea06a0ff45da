/**
 * One run of the Method of Equal Shares with a fixed endowment per voter: exact, and fast
 * enough to be run hundreds of times on 100,000 ballots (the add1 completion does that).
 *
 * Rule (equalshares.net / pabutools, "cost utilities"): every voter starts with the endowment
 * e. For a project c, q is the smallest price per point such that its supporters can pay
 * Σ min(budget_i, q·points_i) = cost(c); the effective vote count is cost(c) / q. Each round
 * funds the affordable project with the highest effective vote count (ties: compareForTie),
 * charges its supporters min(budget, q·points), and repeats until nothing is affordable.
 *
 * Exact but fast:
 * - Voters are grouped by ballot (mes-prepare) and by payment history (mes-history): a budget
 *   is handled once per history node, not once per voter.
 * - Each decision (is c affordable? is this supporter "poor", i.e. budget/points < q? which
 *   project has the highest count? does a payment use a budget up?) is first tried on integer
 *   fixed-point approximations with error bounds (fixed-point.ts). Only when the bounds do not
 *   settle it is it decided with exact bigint arithmetic: a budget is e − Σ points·q_j along
 *   its history, and the exact prices q_j share one common denominator. In a typical run the
 *   exact path runs once per round, for the winner's price, which every later budget depends on.
 *
 * Stability certificate (`track`): as long as the same decisions are taken, every budget and
 * price is an affine function of e. The run can report how far e may grow with every deciding
 * comparison provably unchanged, i.e. the same projects funded in the same order (see
 * certifyWinner, certifyLoses). The add1 completion uses it to skip endowments that cannot
 * change anything. These bounds are computed exactly, and only while they can still be useful.
 *
 * Reuse (MesRunner): a run at a new endowment replays the previous run's recorded rounds from
 * their recorded supporter keys, re-deciding everything exactly, until a round differs; see
 * mes-run-log.ts.
 */
import { SAFE_LIMIT, ceilDiv, floorDiv, scaleExponent, scaledFloor, scaledRound } from './fixed-point';
import { ExactPrices, Histories } from './mes-history';
import type { MesPrepared } from './mes-prepare';
import { newRunLog, recordMove, seek, truncate, type LoggedEvaluation, type LoggedRound, type RunLog } from './mes-run-log';
import { approxMoney, chargeSupporters, gatherKeys, newKeySet, type KeySet, type ScanState } from './mes-scan';
import { Rational } from './rational';

export interface MesPayment {
  /** What each of these voters paid for the project. */
  readonly amount: Rational;
  readonly voters: number;
}

export interface MesSelection {
  readonly project: number;
  /** 1-based round in which the project was funded. */
  readonly round: number;
  /** Price per point q (per approval for approval ballots), in amount units. 0 for free projects. */
  readonly pricePerPoint: Rational;
  /** cost / q; null for a free project. */
  readonly effectiveVotes: Rational | null;
  /** Only with `explain`: groups of voters by amount paid, largest amount first. */
  readonly payments?: readonly MesPayment[];
}

export type MesCandidateState =
  | { readonly status: 'affordable'; readonly effectiveVotes: Rational; readonly pricePerPoint: Rational }
  | { readonly status: 'unaffordable'; readonly supportersMoney: Rational };

export interface MesRoundDetail {
  readonly round: number;
  /** Every project still in play at the start of the round (explain mode evaluates them all). */
  readonly candidates: readonly { readonly project: number; readonly state: MesCandidateState }[];
}

export interface MesRunResult {
  readonly endowment: Rational;
  readonly selections: readonly MesSelection[];
  readonly totalCost: bigint;
  /** True when the run stopped early because the funded cost exceeded `stopAboveCost`. */
  readonly exceeded: boolean;
  /** Only with `explain`. */
  readonly rounds?: readonly MesRoundDetail[];
  /**
   * Only with `track`: every endowment in [endowment, endowment + stableFor) funds the same
   * projects in the same order. null: no bound found. A value below `trackFloor` only means
   * "less than trackFloor" (the run stopped refining it).
   */
  readonly stableFor?: Rational | null;
}

export interface MesRunOptions {
  /** Per voter, in amount units. */
  readonly endowment: Rational;
  /** Record every candidate's state in every round and the payments (slower: no lazy evaluation). */
  readonly explain?: boolean;
  /** Stop as soon as the funded cost exceeds this (the add1 completion only needs to know that). */
  readonly stopAboveCost?: bigint;
  /** Compute `stableFor`. */
  readonly track?: boolean;
  /** Stop computing `stableFor` once it is known to be below this. */
  readonly trackFloor?: Rational;
}

/** Exact price of an evaluated project: q = x / (d·L), dq/de = −s / (d·L) (L at the time). */
interface ExactPrice {
  readonly x: bigint;
  readonly d: bigint;
  readonly s: bigint;
  readonly L: bigint;
}

/** A selection whose rationals are only normalised (a gcd on big numbers) if someone asks. */
class Selection implements MesSelection {
  private q: Rational | null = null;

  constructor(
    readonly project: number,
    readonly round: number,
    private readonly cost: bigint,
    private readonly price: ExactPrice | null,
    readonly payments?: readonly MesPayment[],
  ) {}

  get pricePerPoint(): Rational {
    if (!this.price) return Rational.ZERO;
    this.q ??= Rational.of(this.price.x, this.price.d * this.price.L);
    return this.q;
  }

  get effectiveVotes(): Rational | null {
    return this.price ? Rational.of(this.cost).div(this.pricePerPoint) : null;
  }
}

/** Scratch memory a runner lends to its runs (all zero / unused between runs). */
interface Buffers {
  slot: Int32Array;
  childOf: Int32Array;
  slotKey: Int32Array;
  keys: [KeySet, KeySet];
  /** Classification scratch: keys whose side of the price the approximations cannot tell. */
  doubtful: Int32Array;
  /** A history tree and group nodes for the next run from scratch (their previous log is dropped). */
  hist: Histories | null;
  groupNode: Int32Array | null;
  zero: Uint8Array;
}

function newBuffers(prep: MesPrepared): Buffers {
  let maxSupport = 1;
  for (let c = 0; c < prep.election.ids.length; c++) maxSupport = Math.max(maxSupport, prep.supStart[c + 1]! - prep.supStart[c]!);
  const M = prep.utilities.length || 1;
  return {
    slot: new Int32Array(1024 * M),
    childOf: new Int32Array(1024 * M),
    slotKey: new Int32Array(maxSupport),
    keys: [newKeySet(maxSupport), newKeySet(maxSupport)],
    doubtful: new Int32Array(maxSupport),
    hist: null,
    groupNode: null,
    zero: new Uint8Array(1024),
  };
}

/** One run from scratch. */
export function runMes(prep: MesPrepared, opts: MesRunOptions): MesRunResult {
  return runWith(prep, opts, null, newBuffers(prep), false).result;
}

/** Runs equal shares repeatedly on one election, each run reusing what the previous one did. */
export class MesRunner {
  private log: RunLog | null = null;
  private readonly buffers: Buffers;

  constructor(private readonly prep: MesPrepared) {
    this.buffers = newBuffers(prep);
  }

  /**
   * Replays the previous run where it can (best when this endowment is smaller than the
   * previous one: see mes-run-log.ts); `fresh` starts from scratch.
   */
  run(opts: MesRunOptions, fresh = false, record = true): MesRunResult {
    const { result, log } = runWith(this.prep, opts, opts.explain || fresh ? null : this.log, this.buffers, record);
    this.log = record ? log : null;
    return result;
  }
}

/** `record`: keep the keys of every evaluation, for a later run to replay. */
function runWith(prep: MesPrepared, opts: MesRunOptions, old: RunLog | null, buffers: Buffers, record: boolean): { result: MesRunResult; log: RunLog } {
  const el = prep.election;
  const costs = el.costs;
  const explain = opts.explain === true;
  let track = opts.track === true && !explain;
  const { supStart, groupWeight } = prep;
  const M = prep.utilities.length || 1;
  const nProjects = el.ids.length;
  const e = opts.endowment;
  const voters = BigInt(prep.voterCount);

  // Fixed-point scale 2^k: the whole endowment N·e, scaled, stays below 2^50.
  const k = scaleExponent((voters * e.num) / e.den + 1n);
  const untouched = scaledFloor(e.num, e.den, k);
  let hist: Histories;
  let log: RunLog;
  if (old) {
    hist = old.hist;
    hist.approx[1] = untouched;
    log = old;
  } else {
    // Reuse the memory of the last tree and group nodes; whatever log used them is gone.
    hist = buffers.hist ?? new Histories(untouched);
    hist.reset(untouched);
    buffers.hist = hist;
    const groupNode = buffers.groupNode ?? new Int32Array(prep.groupCount);
    groupNode.fill(1);
    buffers.groupNode = groupNode;
    log = { ...newRunLog(hist, 0), groupNode };
  }
  // Nodes of a replayed tree (recorded at a larger endowment) whose money is used up in this
  // run: they hold zero, exactly like a spent voter.
  if (buffers.zero.length < hist.parent.length) buffers.zero = new Uint8Array(hist.parent.length);
  let zero = buffers.zero;
  zero.fill(0);
  const exact = new ExactPrices(e);
  const costS = new Float64Array(nProjects);
  const costErr = k >= 0 ? 0 : 1;
  // More than all the money there is: never affordable in this run (and costS could overflow).
  const hopeless = new Uint8Array(nProjects);
  for (let c = 0; c < nProjects; c++) {
    const cost = costs[c] ?? 0n;
    if (cost * e.den > voters * e.num) hopeless[c] = 1;
    else costS[c] = scaledFloor(cost, 1n, k);
  }
  if (buffers.slot.length < hist.parent.length * M) {
    buffers.slot = new Int32Array(hist.parent.length * M);
    buffers.childOf = new Int32Array(hist.parent.length * M);
  }

  const scan: ScanState = {
    groupNode: log.groupNode,
    groupWeight,
    supGroup: prep.supGroup,
    supUtil: prep.supUtil,
    supWeight: prep.supWeight,
    utilities: Int32Array.from(prep.utilities.length ? prep.utilities : [1]),
    M,
    slot: buffers.slot,
    slotKey: buffers.slotKey,
    approx: hist.approx,
    depth: hist.depth,
  };
  let childOf = buffers.childOf;
  // Two key sets: the one being evaluated and the best so far; they swap instead of copying.
  let [scratch, spare] = buffers.keys;

  // The certificate: the smallest endowment increase at which some decision could change.
  let stable: { num: bigint; den: bigint } | null = null;
  const trackFloor = opts.trackFloor;
  const bound = (num: bigint, den: bigint): void => {
    if (!track) return;
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num < 0n || den === 0n) num = 0n;
    if (stable === null || num * stable.den < stable.num * (den === 0n ? 1n : den)) stable = { num, den: den === 0n ? 1n : den };
    // Below the caller's floor the exact value is of no use: stop paying for it.
    if (stable.num === 0n || (trackFloor && stable.num * trackFloor.den < trackFloor.num * stable.den)) track = false;
  };

  const selections: MesSelection[] = [];
  const rounds: MesRoundDetail[] = [];
  let totalCost = 0n;
  for (const c of prep.free) selections.push(new Selection(c, selections.length + 1, 0n, null));

  /** Exact price of c given its (certified) poor keys; `ks.rich` as the classification left it. */
  function exactPrice(c: number, ks: KeySet): ExactPrice {
    const { money, slope } = exact.sum(hist, ks.node, ks.weight, ks.n, ks.poor, track, zero);
    return { x: (costs[c] ?? 0n) * exact.L - money, d: BigInt(ks.rich), s: slope, L: exact.L };
  }

  function isAffordable(c: number): boolean {
    if (hopeless[c]) return false;
    const { money, error } = approxMoney(scratch);
    const cs = costS[c]!;
    if (money + error < cs) return false;
    if (money - error >= cs + costErr) return true;
    return exact.sum(hist, scratch.node, scratch.weight, scratch.n, undefined, false, zero).money >= (costs[c] ?? 0n) * exact.L;
  }

  /**
   * Splits the supporters gathered in `scratch` into poor (budget/points < q) and rich, where q
   * is the price with exactly those poor. Returns the fixed-point bracket [lo, hi] of q·2^k.
   */
  function classify(c: number): { lo: number; hi: number } {
    const ks = scratch;
    const { n, weight, points, approx, error, poor } = ks;
    const doubtful = buffers.doubtful;
    let nap = costS[c]!; // cost·2^k − Σ_poor weight·approx
    let perr = 0; // Σ_poor weight·error
    let d = ks.units; // Σ_rich weight·points (approxMoney summed it over all keys)
    for (;;) {
      // q only grows as poor supporters drop out, so a supporter below a lower bound of the
      // current q is poor for good. One circular sweep: the bound is raised at each new poor
      // supporter, and the sweep ends after n keys in a row changed nothing (all of them
      // checked against the final bound). Those n keys are also checked against the final
      // upper bound hi: the ones possibly below it are doubtful.
      let lo = floorDiv(nap - perr, d);
      let hi = ceilDiv(nap + perr + costErr, d);
      let nd = 0;
      for (let j = 0, quiet = 0; quiet < n; quiet++, j = j + 1 === n ? 0 : j + 1) {
        if (poor[j]) continue;
        const u = points[j]!;
        const a = approx[j]!;
        const err = error[j]!;
        const up = a + err;
        if ((u === 1 ? up : floorDiv(up, u)) < lo) {
          poor[j] = 1;
          const w = weight[j]!;
          nap -= w * a;
          perr += w * err;
          d -= w * u;
          lo = floorDiv(nap - perr, d);
          hi = ceilDiv(nap + perr + costErr, d);
          nd = 0;
          quiet = 0;
          continue;
        }
        const down = a - err;
        if ((u === 1 ? down : floorDiv(down, u)) < hi) doubtful[nd++] = j;
      }
      // Every other supporter must be provably at or above q; settle the doubtful ones exactly.
      ks.rich = d;
      if (nd === 0) return { lo, hi };
      const q = exactPrice(c, ks);
      let moved = false;
      for (let i = 0; i < nd; i++) {
        const j = doubtful[i]!;
        const u = points[j]!;
        if (exact.budgetL(hist, ks.node[j]!, zero) * q.d < q.x * BigInt(u)) {
          poor[j] = 1;
          const w = weight[j]!;
          nap -= w * approx[j]!;
          perr += w * error[j]!;
          d -= w * u;
          moved = true;
        }
      }
      ks.rich = d;
      if (!moved) return { lo: floorDiv(nap - perr, d), hi };
    }
  }

  // Per project: a bracket [qLo, qHi] of q·2^k from its last evaluation (q only rises over the
  // rounds, so qLo stays a lower bound), and its exact price when one was computed.
  const qLo = new Float64Array(nProjects);
  const qHi = new Float64Array(nProjects);
  const exactOf = new Map<number, ExactPrice>();
  const remaining: number[] = [];
  let initialDrops: { project: number; state: MesCandidateState }[] = [];
  for (const c of prep.contested) {
    const util = prep.totalUtility[c]!;
    const cost = costs[c] ?? 0n;
    // Everyone rich: q = cost / Σ points, exactly.
    exactOf.set(c, { x: cost * exact.L, d: BigInt(util), s: 0n, L: exact.L });
    if (!hopeless[c]) {
      qLo[c] = floorDiv(costS[c]!, util);
      qHi[c] = ceilDiv(costS[c]! + costErr, util);
    }
    remaining.push(c);
  }

  /** Certainly more effective votes (cost/q) for a than for b, from the brackets alone. */
  function surelyAhead(a: number, b: number): boolean {
    const loB = qLo[b]!;
    if (loB <= 0) return false;
    return (costs[a] ?? 0n) * BigInt(loB) > (costs[b] ?? 0n) * BigInt(qHi[a]!);
  }
  /** Exact comparison of counts; negative when a is ahead (ties: tie-break rank). */
  function compareExact(a: number, b: number): number {
    const pa = exactOf.get(a);
    const pb = exactOf.get(b);
    if (!pa || !pb) throw new Error('MES: exact price missing');
    // cost_a / q_a vs cost_b / q_b with q = x / (d·L)
    const l = (costs[a] ?? 0n) * pa.d * pa.L * pb.x;
    const r = (costs[b] ?? 0n) * pb.d * pb.L * pa.x;
    if (l !== r) return l > r ? -1 : 1;
    return prep.rank[a]! - prep.rank[b]!;
  }
  /** Heuristic evaluation order (upper bound of the count, as a plain number): never decides. */
  function promise(c: number): number {
    const lo = qLo[c]!;
    return hopeless[c] ? -1 : lo <= 0 ? Number.MAX_VALUE : Number(costs[c] ?? 0n) / lo;
  }

  // Before any payment every supporter holds exactly e, so the supporters' money is
  // votes·e: projects it cannot cover are out without scanning their supporters.
  {
    const round1: { project: number; state: MesCandidateState }[] = [];
    const stillIn = remaining.filter((c) => {
      const supporters = BigInt(el.votes[c] ?? 0);
      if ((costs[c] ?? 0n) * e.den <= supporters * e.num) return true;
      if (explain) round1.push({ project: c, state: { status: 'unaffordable', supportersMoney: e.mul(supporters) } });
      // Money grows by `supporters` per unit of e: affordable from e + (cost − money)/supporters.
      if (track) bound((costs[c] ?? 0n) * e.den - supporters * e.num, supporters * e.den);
      return false;
    });
    remaining.length = 0;
    remaining.push(...stillIn);
    if (explain) initialDrops = round1;
  }
  if (explain && remaining.length === 0 && initialDrops.length > 0) rounds.push({ round: selections.length + 1, candidates: initialDrops });
  const order = new Float64Array(nProjects);
  const inPlay = new Uint8Array(nProjects);
  for (const c of remaining) inPlay[c] = 1;
  let exceeded = false;
  let replaying = old !== null;
  let round = 0;
  while (remaining.length > 0) {
    if (replaying) {
      const logged = log.rounds[round];
      const outcome = logged ? replayRound(logged) : 'diverged';
      if (outcome === 'charged') {
        round++;
        if (exceeded) break;
        continue;
      }
      if (outcome === 'finished') break;
      // From here on, scan supporters again, from their nodes at the start of this round; those
      // on nodes that hold nothing here are spent (logged, so that a later replay can undo it).
      truncate(log, round);
      const groupNode = log.groupNode;
      for (let g = 0; g < groupNode.length; g++) {
        const node = groupNode[g]!;
        if (node !== 0 && zero[node]) {
          recordMove(log, g, node, 0);
          groupNode[g] = 0;
        }
      }
      replaying = false;
    }
    const histStart = hist.size;
    const movesStart = log.moves.length;
    const evaluations: LoggedEvaluation[] = [];
    // Most promising first, so that the best is found early; the order only affects speed:
    // every skip below is proven, whatever the order.
    for (const c of remaining) order[c] = promise(c);
    remaining.sort((a, b) => order[b]! - order[a]! || prep.rank[a]! - prep.rank[b]!);
    let best = -1;
    let bestKeys: KeySet | null = null;
    const dropped = new Set<number>();
    const detail: { project: number; state: MesCandidateState }[] = initialDrops;
    initialDrops = [];
    for (const c of remaining) {
      // Its last count bounds its current one: skip it if even that loses for sure.
      if (best >= 0 && !explain && surelyAhead(best, c)) continue;
      gatherKeys(scan, supStart[c]!, supStart[c + 1]!, scratch);
      const n = scratch.n;
      if (record) evaluations.push({ project: c, node: scratch.node.slice(0, n), weight: scratch.weight.slice(0, n), points: scratch.points.slice(0, n) });
      if (!evaluate(c, detail)) {
        dropped.add(c);
        continue;
      }
      if (best < 0 || isAhead(c, best, bestKeys)) {
        best = c;
        bestKeys = scratch;
        scratch = spare;
        spare = bestKeys;
      }
    }
    if (explain) rounds.push({ round: selections.length + 1, candidates: detail });
    log.rounds.push({ histStart, movesStart, evaluations, winner: best, priceLowerBounds: qLo.slice(), scale: k, endowment: e });
    round++;
    leave(dropped, best);
    if (best < 0 || !bestKeys) break;
    const price = winnerPrice(best, bestKeys);
    certifyRound(best, price, bestKeys, dropped);
    const cost = costs[best] ?? 0n;
    const payments = charge(best, price);
    fund(best, cost, price, payments);
    if (exceeded) break;
  }

  /** Evaluates c from the keys in `scratch`; false when its supporters cannot pay for it. */
  function evaluate(c: number, detail: { project: number; state: MesCandidateState }[]): boolean {
    if (!isAffordable(c)) {
      if (explain || track) {
        const { money, slope } = exact.sum(hist, scratch.node, scratch.weight, scratch.n, undefined, track, zero);
        if (explain) detail.push({ project: c, state: { status: 'unaffordable', supportersMoney: Rational.of(money, exact.L) } });
        if (track && slope > 0n) bound((costs[c] ?? 0n) * exact.L - money, slope);
      }
      return false;
    }
    const { lo, hi } = classify(c);
    qLo[c] = lo;
    qHi[c] = hi;
    exactOf.delete(c);
    if (explain || track) {
      const p = exactPrice(c, scratch);
      exactOf.set(c, p);
      if (explain) {
        const q = Rational.of(p.x, p.d * p.L);
        detail.push({ project: c, state: { status: 'affordable', effectiveVotes: Rational.of(costs[c] ?? 0n).div(q), pricePerPoint: q } });
      }
    }
    return true;
  }

  /** Whether c (keys in `scratch`) beats the best so far, exactly when the brackets cannot tell. */
  function isAhead(c: number, best: number, bestKeys: KeySet | null): boolean {
    if (surelyAhead(c, best)) return true;
    if (surelyAhead(best, c)) return false;
    if (!exactOf.has(c)) exactOf.set(c, exactPrice(c, scratch));
    if (!exactOf.has(best) && bestKeys) exactOf.set(best, exactPrice(best, bestKeys));
    return compareExact(c, best) < 0;
  }

  function leave(dropped: ReadonlySet<number>, best: number): void {
    for (const c of dropped) inPlay[c] = 0;
    if (best >= 0) inPlay[best] = 0;
    const keep = remaining.filter((c) => inPlay[c]);
    remaining.length = 0;
    remaining.push(...keep);
  }

  function winnerPrice(best: number, bestKeys: KeySet): ExactPrice {
    let price = exactOf.get(best);
    if (!price) {
      price = exactPrice(best, bestKeys);
      exactOf.set(best, price);
    }
    return price;
  }

  /**
   * The certificate's conditions for this round (see certifyWinner, certifyLoses), against the
   * projects still in play after it. Must run before the payment step grows L.
   */
  function certifyRound(best: number, price: ExactPrice, bestKeys: KeySet, dropped: ReadonlySet<number>): void {
    if (!track) return;
    certifyWinner(price, bestKeys);
    for (const c of remaining) if (c !== best && !dropped.has(c)) certifyLoses(c, best);
  }

  function fund(best: number, cost: bigint, price: ExactPrice, payments: MesPayment[] | undefined): void {
    totalCost += cost;
    selections.push(new Selection(best, selections.length + 1, cost, price, payments));
    if (opts.stopAboveCost !== undefined && totalCost > opts.stopAboveCost) exceeded = true;
  }

  /**
   * Re-decides a recorded round at this run's endowment from the recorded keys. 'charged' or
   * 'finished' when it comes out as recorded (and has been applied); 'diverged' otherwise, with
   * nothing applied but still-valid brackets.
   */
  function replayRound(logged: LoggedRound): 'charged' | 'finished' | 'diverged' {
    const evaluated = new Set<number>();
    const dropped = new Set<number>();
    let best = -1;
    let bestKeys: KeySet | null = null;
    let bestEval: LoggedEvaluation | null = null;
    for (const ev of logged.evaluations) {
      const c = ev.project;
      // Out of play already (its supporters had less money here than in the recorded run).
      if (!inPlay[c]) continue;
      loadKeys(ev);
      evaluated.add(c);
      if (!evaluate(c, [])) {
        dropped.add(c);
        continue;
      }
      if (best < 0 || isAhead(c, best, bestKeys)) {
        best = c;
        bestEval = ev;
        bestKeys = scratch;
        scratch = spare;
        spare = bestKeys;
      }
    }
    // Every project not looked at must lose for sure (or the round must be redone in full).
    const below = e.lte(logged.endowment);
    for (const c of remaining) {
      if (evaluated.has(c)) continue;
      if (best < 0) return 'diverged';
      if (below) {
        // The recorded run's bound holds here too (see LoggedRound.priceLowerBounds).
        const recorded = rescale(logged.priceLowerBounds[c]!, logged.scale);
        if (recorded > qLo[c]!) qLo[c] = recorded;
      }
      if (surelyAhead(best, c)) continue;
      if (!below) return 'diverged';
      // Look at it after all: put the groups on their recorded nodes of this round and scan its
      // supporters (nodes that hold nothing here count as spent). Lower replays reuse the keys.
      seek(log, round);
      gatherKeys(scan, supStart[c]!, supStart[c + 1]!, scratch);
      for (let j = 0; j < scratch.n; j++) {
        if (zero[scratch.node[j]!]) {
          scratch.approx[j] = 0;
          scratch.error[j] = 0;
        }
      }
      const n = scratch.n;
      logged.evaluations.push({ project: c, node: scratch.node.slice(0, n), weight: scratch.weight.slice(0, n), points: scratch.points.slice(0, n) });
      if (!evaluate(c, [])) dropped.add(c);
      else if (isAhead(c, best, bestKeys)) return 'diverged';
    }
    if (best !== logged.winner) return 'diverged';
    if (best < 0 || !bestKeys || !bestEval) {
      leave(dropped, best);
      return 'finished';
    }
    const price = winnerPrice(best, bestKeys);
    // These conditions hold for this round at this endowment whether or not the recorded tree
    // matches (a full redo of the round decides the same), so they can go first.
    certifyRound(best, price, bestKeys, dropped);
    if (!regrow(logged, bestEval, bestKeys, price)) return 'diverged';
    leave(dropped, best);
    fund(best, costs[best] ?? 0n, price, undefined);
    return 'charged';
  }

  /** A lower bound at scale `from` as a lower bound at this run's scale (never above it). */
  function rescale(v: number, from: number): number {
    if (v <= 0) return 0;
    if (from === k) return v;
    const r = from < k ? v * 2 ** (k - from) : Math.floor(v / 2 ** (from - k));
    return r < SAFE_LIMIT ? r : 0;
  }

  function loadKeys(ev: LoggedEvaluation): void {
    const n = ev.node.length;
    scratch.node.set(ev.node);
    scratch.weight.set(ev.weight);
    scratch.points.set(ev.points);
    for (let j = 0; j < n; j++) {
      const node = ev.node[j]!;
      const spent = zero[node] === 1;
      scratch.approx[j] = spent ? 0 : hist.approx[node]!;
      scratch.error[j] = spent ? 0 : hist.depth[node]! + 1;
      scratch.poor[j] = 0;
    }
    scratch.n = n;
  }

  /**
   * Pays for the winner along the recorded tree: each of its keys must again leave money (the
   * recorded child, whose approximation is recomputed) or use it up (recorded as spent).
   */
  function regrow(logged: LoggedRound, winner: LoggedEvaluation, keys: KeySet, p: ExactPrice): boolean {
    exact.addStep(p.x, p.s, p.d);
    const step = exact.priceL.length - 1;
    const qL = exact.priceL[step] ?? 0n;
    const index = new Map(prep.utilities.map((u, i) => [u, i]));
    const priceS = Float64Array.from(scan.utilities, (u) => scaledRound(BigInt(u) * qL, exact.L, k, SAFE_LIMIT));
    const children = winner.children ?? recordedChildren(logged, winner, index);
    winner.children = children;
    let same = true;
    for (let j = 0; j < keys.n && same; j++) {
      const node = keys.node[j]!;
      const u = keys.points[j]!;
      const recorded = children[j]!;
      if (zero[node]) {
        // Nothing left here, nor below.
        if (recorded >= 0) zero[recorded] = 1;
        continue;
      }
      const a = hist.approx[node]!;
      const err = hist.depth[node]! + 1;
      const pr = priceS[M === 1 ? 0 : (index.get(u) ?? 0)]!;
      const usedUp = a - err >= pr + 1 ? false : a + err + 1 <= pr ? true : usedUpExactly(node, u, qL);
      if (recorded < 0) {
        // Used up in the recorded run: with less money (or a higher price) it must be here too.
        if (!usedUp) same = false;
      } else if (usedUp) zero[recorded] = 1;
      else {
        hist.approx[recorded] = a - pr;
        zero[recorded] = 0;
      }
    }
    if (!same) exact.popStep();
    return same;
  }

  /** The node each key of the round's winner moved to in the recorded tree (−1: used up). */
  function recordedChildren(logged: LoggedRound, winner: LoggedEvaluation, index: ReadonlyMap<number, number>): Int32Array {
    const next = log.rounds[round + 1];
    const end = next ? next.histStart : hist.size;
    const slotOf = (node: number, u: number): number => (M === 1 ? node : node * M + (index.get(u) ?? 0));
    for (let id = logged.histStart; id < end; id++) childOf[slotOf(hist.parent[id]!, hist.points[id]!)] = id + 1;
    const children = new Int32Array(winner.node.length);
    for (let j = 0; j < children.length; j++) children[j] = childOf[slotOf(winner.node[j]!, winner.points[j]!)]! - 1;
    for (let id = logged.histStart; id < end; id++) childOf[slotOf(hist.parent[id]!, hist.points[id]!)] = 0;
    return children;
  }

  function usedUpExactly(node: number, u: number, qL: bigint): boolean {
    const b = exact.budgetL(hist, node, zero);
    const priceL = BigInt(u) * qL;
    // Exactly used up: at a slightly larger endowment a sliver would remain, which this run's
    // affine model cannot represent. Rare; certify nothing.
    if (b === priceL) bound(0n, 1n);
    return b <= priceL;
  }

  /**
   * The winner's price must stay exactly affine in e, since it sets every later budget. Budgets
   * grow with e (slopes ≥ 0) while prices fall (s ≥ 0), so a rich supporter (B/u ≥ q) stays
   * rich; only a poor one (B/u < q) can cross, at e + (q − B/u) / (slope/u + s/(d·L)).
   */
  function certifyWinner(p: ExactPrice, ks: KeySet): void {
    for (let j = 0; j < ks.n && track; j++) {
      if (!ks.poor[j]) continue;
      const node = ks.node[j]!;
      const u = BigInt(ks.points[j]!);
      // In L units: gap = x/d − B/u, closing rate = slope/u + s/d; their ratio is this fraction.
      bound(p.x * u - exact.budgetL(hist, node, zero) * p.d, exact.budgetSlopeL(hist, node, zero) * p.d + p.s * u);
    }
  }

  /**
   * Certifies that c keeps losing to the winner w as e grows. c's price is a convex function of
   * e (the least q with Σ min(B_i(e), q·u_i) ≥ cost, and that sum is concave in (q, e)), so it
   * never drops below its tangent at e: comparing the tangent with the winner's exact affine
   * price suffices, whatever happens to c's own poor/rich split. A price kept from an earlier
   * round (lazy evaluation) works the same way: it only underestimates the current one.
   */
  function certifyLoses(c: number, w: number): void {
    const pc = exactOf.get(c);
    const pw = exactOf.get(w);
    if (!pc || !pw) {
      bound(0n, 1n);
      return;
    }
    const cw = costs[w] ?? 0n;
    const cc = costs[c] ?? 0n;
    const dw = pw.d * pw.L;
    const dc = pc.d * pc.L;
    // H(t) = cost_w·q_c(t) − cost_c·q_w(t), scaled by dc·dw: must stay > 0 (or 0 with slope ≥ 0).
    const h0 = cw * pc.x * dw - cc * pw.x * dc;
    const h1 = -(cw * pc.s * dw - cc * pw.s * dc);
    if (h0 === 0n) {
      if (h1 < 0n) bound(0n, 1n);
    } else if (h1 < 0n) bound(h0, -h1);
  }

  function charge(w: number, p: ExactPrice): MesPayment[] | undefined {
    exact.addStep(p.x, p.s, p.d);
    const step = exact.priceL.length - 1;
    const qL = exact.priceL[step] ?? 0n;
    const priceS = Float64Array.from(scan.utilities, (u) => scaledRound(BigInt(u) * qL, exact.L, k, SAFE_LIMIT));
    const pairs = explain ? [] : null;
    const decide = {
      usedUpExactly: (node: number, u: number) => usedUpExactly(node, u, qL),
      addChild: (node: number, u: number, approx: number) => {
        const id = hist.add(node, step, u, approx);
        scan.approx = hist.approx;
        scan.depth = hist.depth;
        if (zero.length < hist.parent.length) {
          const z = new Uint8Array(hist.parent.length);
          z.set(zero);
          zero = z;
          buffers.zero = z;
        }
        return id;
      },
    };
    // Unrecorded runs are never replayed: no need to keep their moves.
    const moved = chargeSupporters(scan, supStart[w]!, supStart[w + 1]!, priceS, childOf, decide, record ? log.moves : null, pairs);
    if (record) log.applied += moved;
    if (hist.size * M > childOf.length) {
      let cap = childOf.length;
      while (cap < hist.size * M) cap *= 2;
      childOf = new Int32Array(cap);
      scan.slot = new Int32Array(cap);
      buffers.childOf = childOf;
      buffers.slot = scan.slot;
    }
    if (!pairs) return undefined;
    const paid = new Map<bigint, number>();
    for (let i = 0; i < pairs.length; i += 4) {
      const g = pairs[i]!;
      const node = pairs[i + 1]!;
      const u = scan.utilities[pairs[i + 2]!]!;
      const amount = pairs[i + 3] === 0 ? exact.budgetL(hist, node, zero) : BigInt(u) * qL;
      paid.set(amount, (paid.get(amount) ?? 0) + groupWeight[g]!);
    }
    return [...paid.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
      .map(([amount, n]) => ({ amount: Rational.of(amount, exact.L), voters: n }));
  }

  const base: MesRunResult = { endowment: e, selections, totalCost, exceeded };
  if (explain) return { result: { ...base, rounds }, log };
  if (opts.track) {
    const st = stable as { num: bigint; den: bigint } | null;
    return { result: { ...base, stableFor: st === null ? null : Rational.of(st.num, st.den) }, log };
  }
  return { result: base, log };
}
