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
 */
import { SAFE_LIMIT, ceilDiv, floorDiv, scaleExponent, scaledFloor, scaledRound } from './fixed-point';
import { ExactPrices, Histories } from './mes-history';
import type { MesPrepared } from './mes-prepare';
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

export function runMes(prep: MesPrepared, opts: MesRunOptions): MesRunResult {
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
  const hist = new Histories(scaledFloor(e.num, e.den, k));
  const exact = new ExactPrices(e);
  const costS = new Float64Array(nProjects);
  const costErr = k >= 0 ? 0 : 1;
  // More than all the money there is: never affordable in this run (and costS could overflow).
  const hopeless = new Uint8Array(nProjects);
  let maxSupport = 1;
  for (let c = 0; c < nProjects; c++) {
    const cost = costs[c] ?? 0n;
    if (cost * e.den > voters * e.num) hopeless[c] = 1;
    else costS[c] = scaledFloor(cost, 1n, k);
    maxSupport = Math.max(maxSupport, (supStart[c + 1] ?? 0) - (supStart[c] ?? 0));
  }

  const scan: ScanState = {
    groupNode: new Int32Array(prep.groupCount).fill(1),
    groupWeight,
    supGroup: prep.supGroup,
    supUtil: prep.supUtil,
    supWeight: prep.supWeight,
    utilities: Int32Array.from(prep.utilities.length ? prep.utilities : [1]),
    M,
    slot: new Int32Array(1024 * M),
    slotKey: new Int32Array(maxSupport),
    approx: hist.approx,
    depth: hist.depth,
  };
  let childOf = new Int32Array(1024 * M);
  // Two key sets: the one being evaluated and the best so far; they swap instead of copying.
  let scratch = newKeySet(maxSupport);
  let spare = newKeySet(maxSupport);

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

  /** Exact price of c given its (certified) poor keys. */
  const exactPrice = (c: number, ks: KeySet): ExactPrice => {
    const { money, slope } = exact.sum(hist, ks.node, ks.weight, ks.n, ks.poor, track);
    let d = 0;
    for (let j = 0; j < ks.n; j++) if (!ks.poor[j]) d += ks.weight[j]! * ks.points[j]!;
    return { x: (costs[c] ?? 0n) * exact.L - money, d: BigInt(d), s: slope, L: exact.L };
  };

  const isAffordable = (c: number): boolean => {
    if (hopeless[c]) return false;
    const { money, error } = approxMoney(scratch);
    const cs = costS[c]!;
    if (money + error < cs) return false;
    if (money - error >= cs + costErr) return true;
    return exact.sum(hist, scratch.node, scratch.weight, scratch.n).money >= (costs[c] ?? 0n) * exact.L;
  };

  /**
   * Splits the supporters gathered in `scratch` into poor (budget/points < q) and rich, where q
   * is the price with exactly those poor. Returns the fixed-point bracket [lo, hi] of q·2^k.
   */
  const classify = (c: number): { lo: number; hi: number } => {
    const ks = scratch;
    const { n, weight, points, approx, error, poor } = ks;
    let nap = costS[c]!; // cost·2^k − Σ_poor weight·approx
    let perr = 0; // Σ_poor weight·error
    let d = 0; // Σ_rich weight·points
    for (let j = 0; j < n; j++) d += weight[j]! * points[j]!;
    for (;;) {
      // q only grows as poor supporters drop out, so a supporter below a lower bound of the
      // current q is poor for good. Sweep until nothing changes.
      let changed = true;
      while (changed) {
        changed = false;
        const lo = floorDiv(nap - perr, d);
        for (let j = 0; j < n; j++) {
          if (poor[j]) continue;
          const a = approx[j]! + error[j]!;
          const u = points[j]!;
          if ((u === 1 ? a : floorDiv(a, u)) < lo) {
            poor[j] = 1;
            const w = weight[j]!;
            nap -= w * approx[j]!;
            perr += w * error[j]!;
            d -= w * u;
            changed = true;
          }
        }
      }
      // Every other supporter must be provably at or above q; settle the doubtful ones exactly.
      const hi = ceilDiv(nap + perr + costErr, d);
      const doubtful: number[] = [];
      for (let j = 0; j < n; j++) {
        if (poor[j]) continue;
        const a = approx[j]! - error[j]!;
        const u = points[j]!;
        if ((u === 1 ? a : floorDiv(a, u)) < hi) doubtful.push(j);
      }
      if (doubtful.length === 0) return { lo: floorDiv(nap - perr, d), hi };
      const q = exactPrice(c, ks);
      let moved = false;
      for (const j of doubtful) {
        const u = points[j]!;
        if (exact.budgetL(hist, ks.node[j]!) * q.d < q.x * BigInt(u)) {
          poor[j] = 1;
          const w = weight[j]!;
          nap -= w * approx[j]!;
          perr += w * error[j]!;
          d -= w * u;
          moved = true;
        }
      }
      if (!moved) return { lo: floorDiv(nap - perr, d), hi };
    }
  };

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
  const surelyAhead = (a: number, b: number): boolean => {
    const loB = qLo[b]!;
    if (loB <= 0) return false;
    return (costs[a] ?? 0n) * BigInt(loB) > (costs[b] ?? 0n) * BigInt(qHi[a]!);
  };
  /** Exact comparison of counts; negative when a is ahead (ties: tie-break rank). */
  const compareExact = (a: number, b: number): number => {
    const pa = exactOf.get(a);
    const pb = exactOf.get(b);
    if (!pa || !pb) throw new Error('MES: exact price missing');
    // cost_a / q_a vs cost_b / q_b with q = x / (d·L)
    const l = (costs[a] ?? 0n) * pa.d * pa.L * pb.x;
    const r = (costs[b] ?? 0n) * pb.d * pb.L * pa.x;
    if (l !== r) return l > r ? -1 : 1;
    return prep.rank[a]! - prep.rank[b]!;
  };
  /** Heuristic evaluation order (upper bound of the count, as a plain number): never decides. */
  const promise = (c: number): number => {
    const lo = qLo[c]!;
    return hopeless[c] ? -1 : lo <= 0 ? Number.MAX_VALUE : Number(costs[c] ?? 0n) / lo;
  };

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
  let exceeded = false;
  while (remaining.length > 0) {
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
      if (!isAffordable(c)) {
        dropped.add(c);
        if (explain || track) {
          const { money, slope } = exact.sum(hist, scratch.node, scratch.weight, scratch.n, undefined, track);
          if (explain) detail.push({ project: c, state: { status: 'unaffordable', supportersMoney: Rational.of(money, exact.L) } });
          if (track && slope > 0n) bound((costs[c] ?? 0n) * exact.L - money, slope);
        }
        continue;
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
      let ahead: boolean;
      if (best < 0 || surelyAhead(c, best)) ahead = true;
      else if (surelyAhead(best, c)) ahead = false;
      else {
        if (!exactOf.has(c)) exactOf.set(c, exactPrice(c, scratch));
        if (!exactOf.has(best) && bestKeys) exactOf.set(best, exactPrice(best, bestKeys));
        ahead = compareExact(c, best) < 0;
      }
      if (ahead) {
        best = c;
        bestKeys = scratch;
        scratch = spare;
        spare = bestKeys;
      }
    }
    if (explain) rounds.push({ round: selections.length + 1, candidates: detail });
    const keep = remaining.filter((c) => !dropped.has(c) && c !== best);
    remaining.length = 0;
    remaining.push(...keep);
    if (best < 0 || !bestKeys) break;

    if (!exactOf.has(best)) exactOf.set(best, exactPrice(best, bestKeys));
    const price = exactOf.get(best);
    if (!price) break;
    if (track) {
      certifyWinner(price, bestKeys);
      for (const c of remaining) certifyLoses(c, best);
    }
    const cost = costs[best] ?? 0n;
    const payments = charge(best, price);
    totalCost += cost;
    selections.push(new Selection(best, selections.length + 1, cost, price, payments));
    if (opts.stopAboveCost !== undefined && totalCost > opts.stopAboveCost) {
      exceeded = true;
      break;
    }
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
      bound(p.x * u - exact.budgetL(hist, node) * p.d, exact.budgetSlopeL(hist, node) * p.d + p.s * u);
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
    chargeSupporters(scan, supStart[w]!, supStart[w + 1]!, priceS, childOf, {
      usedUpExactly: (node, u) => {
        const b = exact.budgetL(hist, node);
        const priceL = BigInt(u) * qL;
        // Exactly used up: at a slightly larger endowment a sliver would remain, which this
        // run's affine model cannot represent. Rare; certify nothing.
        if (b === priceL) bound(0n, 1n);
        return b <= priceL;
      },
      addChild: (node, u, approx) => {
        const id = hist.add(node, step, u, approx);
        scan.approx = hist.approx;
        scan.depth = hist.depth;
        return id;
      },
    }, pairs);
    if (hist.size * M > childOf.length) {
      let cap = childOf.length;
      while (cap < hist.size * M) cap *= 2;
      childOf = new Int32Array(cap);
      scan.slot = new Int32Array(cap);
    }
    if (!pairs) return undefined;
    const paid = new Map<bigint, number>();
    for (let i = 0; i < pairs.length; i += 4) {
      const g = pairs[i]!;
      const node = pairs[i + 1]!;
      const u = scan.utilities[pairs[i + 2]!]!;
      const amount = pairs[i + 3] === 0 ? exact.budgetL(hist, node) : BigInt(u) * qL;
      paid.set(amount, (paid.get(amount) ?? 0) + groupWeight[g]!);
    }
    return [...paid.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
      .map(([amount, n]) => ({ amount: Rational.of(amount, exact.L), voters: n }));
  }

  const base: MesRunResult = { endowment: e, selections, totalCost, exceeded };
  if (explain) return { ...base, rounds };
  if (opts.track) {
    const st = stable as { num: bigint; den: bigint } | null;
    return { ...base, stableFor: st === null ? null : Rational.of(st.num, st.den) };
  }
  return base;
}
