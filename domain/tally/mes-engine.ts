/**
 * One run of the Method of Equal Shares with a fixed endowment per voter, exact and fast.
 *
 * Rule (equalshares.net / pabutools, "cost utilities"): every voter starts with the endowment.
 * For a project c, let q be the smallest price per point such that its supporters can pay
 * Σ min(budget_i, q·points_i) = cost(c). The effective vote count is cost(c) / q. Each round funds
 * the affordable project with the highest effective vote count (ties: compareForTie), charges its
 * supporters min(budget, q·points), and repeats until nothing is affordable.
 *
 * How it stays exact and fast:
 * - A voter's budget depends only on which funded projects they supported (and their points for
 *   them), so voters share a "pattern" node per history; a budget is stored once per pattern.
 * - All budgets are integers over one common denominator L (a bigint). Funding a project may
 *   grow L; patterns are rescaled lazily, per epoch, when next read. Sums and comparisons are
 *   then plain bigint additions and multiplications: no gcd in the hot path, no float anywhere.
 * - A project's effective vote count can only fall from round to round (budgets only shrink), so
 *   projects are evaluated in order of their previous count and the scan stops once that bound is
 *   below the best found (the standard lazy evaluation of the reference implementations).
 *
 * Stability certificate (`track`): as long as every comparison the run made keeps its outcome,
 * every budget and price is an affine function of the endowment e (slope 1 for an untouched
 * voter, and so on through the payments). The run keeps those slopes too and reports how far e
 * may grow with every deciding comparison provably unchanged: the same projects are funded, in
 * the same order. The add1 completion uses it to skip endowments that cannot change anything.
 */
import type { MesPrepared } from './mes-prepare';
import { Rational, bigGcd } from './rational';

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
   * projects in the same order; null means no bound was found. 0 means nothing is certified.
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
}

const ZERO_PATTERN = 0;
const START_PATTERN = 1;

interface Evaluation {
  readonly affordable: boolean;
  /** Affordable: q = x / (d·L). Unaffordable: x = the supporters' money · L. */
  readonly x: bigint;
  readonly d: bigint;
  /** dq/de = -s / (d·L) right after e (tracking only). */
  readonly s: bigint;
  /** The supporters' keys and which of them are poor, kept to certify the winner (tracking only). */
  readonly keys?: { readonly b: bigint[]; readonly slope: bigint[]; readonly u: number[]; readonly poor: Uint8Array };
}

/** Ratio a/b of two bigints with b > 0, compared by cross-multiplication. */
type Frac = readonly [num: bigint, den: bigint];

export function runMes(prep: MesPrepared, opts: MesRunOptions): MesRunResult {
  const e = prep.election;
  const explain = opts.explain === true;
  let track = opts.track === true && !explain;
  // Slopes are only needed for the certificate; without it they would just cost time.
  const keepSlopes = track;
  const { supStart, supGroup, supUtil, groupWeight } = prep;
  const M = prep.utilities.length || 1;
  const utilBig = prep.utilities.map((u) => BigInt(u));

  // A money value v is stored as the integer v·L; its slope dv/de likewise.
  let L = opts.endowment.den;
  const patNum: bigint[] = [0n, opts.endowment.num];
  const patSlope: bigint[] = [0n, L];
  const patEpoch: number[] = [0, 0];
  // epochRatio[k] = L now / L at epoch k.
  const epochRatio: bigint[] = [1n];
  const refresh = (p: number): void => {
    const ep = patEpoch[p] ?? 0;
    const cur = epochRatio.length - 1;
    if (ep === cur) return;
    const f = epochRatio[ep] ?? 1n;
    patNum[p] = (patNum[p] ?? 0n) * f;
    if (keepSlopes) patSlope[p] = (patSlope[p] ?? 0n) * f;
    patEpoch[p] = cur;
  };
  const groupPat = new Int32Array(prep.groupCount).fill(START_PATTERN);
  let cap = 1024;
  let acc = new Int32Array(cap * M);
  let childOf = new Int32Array(cap * M);
  const ensureCapacity = (): void => {
    if (patNum.length <= cap) return;
    while (cap < patNum.length) cap *= 2;
    const a = new Int32Array(cap * M);
    a.set(acc);
    acc = a;
    const c = new Int32Array(cap * M);
    c.set(childOf);
    childOf = c;
  };

  // The certificate: smallest endowment increase at which some decision could change.
  let stable: Frac | null = null;
  const bound = (num: bigint, den: bigint): void => {
    if (!track) return;
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num <= 0n) {
      stable = [0n, 1n];
      track = false; // nothing more to learn
      return;
    }
    if (stable === null || num * stable[1] < stable[0] * den) stable = [num, den];
  };

  const selections: MesSelection[] = [];
  const rounds: MesRoundDetail[] = [];
  let totalCost = 0n;
  for (const c of prep.free) {
    selections.push({ project: c, round: selections.length + 1, pricePerPoint: Rational.ZERO, effectiveVotes: null });
  }

  // Scratch for one evaluation: the distinct (pattern, utility) keys among the supporters.
  let keyB: bigint[] = [];
  let keyS: bigint[] = [];
  let keyW: number[] = [];
  let keyU: number[] = [];
  const touched: number[] = [];

  const gather = (c: number): bigint => {
    touched.length = 0;
    const to = supStart[c + 1] ?? 0;
    for (let i = supStart[c] ?? 0; i < to; i++) {
      const g = supGroup[i] ?? 0;
      const p = groupPat[g] ?? 0;
      if (p === ZERO_PATTERN) continue;
      const key = p * M + (supUtil[i] ?? 0);
      if (acc[key] === 0) touched.push(key);
      acc[key] = (acc[key] ?? 0) + (groupWeight[g] ?? 0);
    }
    const n = touched.length;
    keyB = new Array<bigint>(n);
    keyS = track ? new Array<bigint>(n) : keyS;
    keyW = new Array<number>(n);
    keyU = new Array<number>(n);
    let money = 0n;
    for (let k = 0; k < n; k++) {
      const key = touched[k] ?? 0;
      const p = (key / M) | 0;
      refresh(p);
      const b = patNum[p] ?? 0n;
      const w = acc[key] ?? 0;
      acc[key] = 0;
      keyB[k] = b;
      if (track) keyS[k] = patSlope[p] ?? 0n;
      keyW[k] = w;
      keyU[k] = prep.utilities[key % M] ?? 1;
      money += BigInt(w) * b;
    }
    return money;
  };

  const evaluate = (c: number): Evaluation => {
    const money = gather(c);
    const n = keyB.length;
    const costL = (e.costs[c] ?? 0n) * L;
    if (money < costL) {
      if (track) {
        let slope = 0n;
        for (let k = 0; k < n; k++) slope += BigInt(keyW[k] ?? 0) * (keyS[k] ?? 0n);
        if (slope > 0n) bound(costL - money, slope);
      }
      return { affordable: false, x: money, d: 1n, s: 0n };
    }
    let util = 0;
    for (let k = 0; k < n; k++) util += (keyW[k] ?? 0) * (keyU[k] ?? 0);
    // Find the poor (B/u < q) by raising q as they drop out; q only grows, so a voter marked
    // poor stays poor. Two sweeps settle almost every case; a sorted scan settles the rest.
    const poor = new Uint8Array(n);
    let x = costL;
    let d = BigInt(util);
    const markPoor = (k: number, b: bigint, u: bigint): void => {
      poor[k] = 1;
      const w = BigInt(keyW[k] ?? 0);
      x -= w * b;
      d -= w * u;
    };
    const sweep = (): boolean => {
      let changed = false;
      for (let k = 0; k < n; k++) {
        if (poor[k]) continue;
        const b = keyB[k] ?? 0n;
        const u = BigInt(keyU[k] ?? 1);
        if (b * d < x * u) {
          markPoor(k, b, u);
          changed = true;
        }
      }
      return changed;
    };
    if (sweep() && sweep()) {
      const rest: number[] = [];
      for (let k = 0; k < n; k++) if (!poor[k]) rest.push(k);
      rest.sort((a, b) => cmpFrac([keyB[a] ?? 0n, BigInt(keyU[a] ?? 1)], [keyB[b] ?? 0n, BigInt(keyU[b] ?? 1)]));
      for (const k of rest) {
        const b = keyB[k] ?? 0n;
        const u = BigInt(keyU[k] ?? 1);
        if (!(b * d < x * u)) break;
        markPoor(k, b, u);
      }
    }
    if (!track) return { affordable: true, x, d, s: 0n };
    let s = 0n;
    for (let k = 0; k < n; k++) if (poor[k]) s += BigInt(keyW[k] ?? 0) * (keyS[k] ?? 0n);
    return { affordable: true, x, d, s, keys: { b: keyB, slope: keyS, u: keyU, poor } };
  };

  /**
   * The winner's price must stay exactly affine, since it sets every later budget. Budgets grow
   * with e (slopes ≥ 0) while prices fall (s ≥ 0), so a rich supporter (B/u ≥ q) stays rich; only
   * a poor one (B/u < q) can cross, at e + (q − B/u) / (slope/u + s/(d·L)).
   */
  function certifyWinner(ev: Evaluation): void {
    const keys = ev.keys;
    if (!keys) return;
    for (let k = 0; k < keys.poor.length; k++) {
      if (!keys.poor[k]) continue;
      const u = BigInt(keys.u[k] ?? 1);
      // In L units: gap = x/d − B/u, closing rate = slope/u + s/d; their ratio is this fraction.
      bound(ev.x * u - (keys.b[k] ?? 0n) * ev.d, (keys.slope[k] ?? 0n) * ev.d + ev.s * u);
    }
  }

  // Per project, its last known price q = qNum/qDen and slope dq/de = gNum/qDen. The effective
  // vote count cost/q only falls over the rounds, so the last one bounds the current one.
  const qNum = new Map<number, bigint>();
  const qDen = new Map<number, bigint>();
  const gNum = new Map<number, bigint>();
  const remaining: number[] = [];
  for (const c of prep.contested) {
    let util = 0;
    for (let i = supStart[c] ?? 0; i < (supStart[c + 1] ?? 0); i++) util += (groupWeight[supGroup[i] ?? 0] ?? 0) * (prep.utilities[supUtil[i] ?? 0] ?? 1);
    qNum.set(c, e.costs[c] ?? 0n);
    qDen.set(c, BigInt(util));
    gNum.set(c, 0n);
    remaining.push(c);
  }
  // Negative when a has the higher effective vote count cost/q (or wins the tie).
  const cmpEff = (a: number, b: number): number => {
    const l = (e.costs[a] ?? 0n) * (qDen.get(a) ?? 1n) * (qNum.get(b) ?? 0n);
    const r = (e.costs[b] ?? 0n) * (qDen.get(b) ?? 1n) * (qNum.get(a) ?? 0n);
    if (l !== r) return l > r ? -1 : 1;
    return (prep.rank[a] ?? 0) - (prep.rank[b] ?? 0);
  };
  /**
   * Certifies that c keeps losing to the winner w as e grows. c's price is a convex function of
   * e (the least q with Σ min(B_i(e), q·u_i) ≥ cost, and that sum is concave in (q, e)), so it
   * never drops below its tangent at e: comparing the tangent with the winner's exact affine
   * price is enough, whatever happens to c's own poor/rich split. The same holds for a count kept
   * from an earlier round (lazy evaluation): it only overestimates the current one.
   */
  const certifyLoses = (c: number, w: number): void => {
    const cw = e.costs[w] ?? 0n;
    const cc = e.costs[c] ?? 0n;
    const dw = qDen.get(w) ?? 1n;
    const dc = qDen.get(c) ?? 1n;
    // H(t) = cost_w·q_c(t) − cost_c·q_w(t), scaled by dc·dw: must stay > 0 (or 0 with slope ≥ 0).
    const h0 = cw * (qNum.get(c) ?? 0n) * dw - cc * (qNum.get(w) ?? 0n) * dc;
    const h1 = cw * (gNum.get(c) ?? 0n) * dw - cc * (gNum.get(w) ?? 0n) * dc;
    if (h0 === 0n) {
      if (h1 < 0n) bound(0n, 1n);
    } else if (h1 < 0n) bound(h0, -h1);
  };

  let exceeded = false;
  while (remaining.length > 0) {
    remaining.sort(cmpEff);
    let best = -1;
    let bestEval: Evaluation | null = null;
    const dropped = new Set<number>();
    const detail: { project: number; state: MesCandidateState }[] = [];
    for (const c of remaining) {
      // Previous count below the best now: c cannot win (counts never rise). Equal: it might, on ties.
      if (best >= 0 && !explain && cmpEffValue(c, best) < 0) break;
      const ev = evaluate(c);
      if (!ev.affordable) {
        dropped.add(c);
        if (explain) detail.push({ project: c, state: { status: 'unaffordable', supportersMoney: Rational.of(ev.x, L) } });
        continue;
      }
      qNum.set(c, ev.x);
      qDen.set(c, ev.d * L);
      gNum.set(c, -ev.s);
      if (explain) {
        const q = Rational.of(ev.x, ev.d * L);
        detail.push({ project: c, state: { status: 'affordable', effectiveVotes: Rational.of(e.costs[c] ?? 0n).div(q), pricePerPoint: q } });
      }
      if (best < 0 || cmpEff(c, best) < 0) {
        best = c;
        bestEval = ev;
      }
    }
    if (explain) rounds.push({ round: selections.length + 1, candidates: detail });
    const keep = remaining.filter((c) => !dropped.has(c) && c !== best);
    remaining.length = 0;
    remaining.push(...keep);
    if (best < 0 || !bestEval) break;
    if (track) {
      certifyWinner(bestEval);
      for (const c of remaining) certifyLoses(c, best);
    }

    const cost = e.costs[best] ?? 0n;
    const q = Rational.of(bestEval.x, bestEval.d * L);
    const payments = charge(best, bestEval);
    totalCost += cost;
    const selection: MesSelection = { project: best, round: selections.length + 1, pricePerPoint: q, effectiveVotes: Rational.of(cost).div(q) };
    selections.push(payments ? { ...selection, payments } : selection);
    if (opts.stopAboveCost !== undefined && totalCost > opts.stopAboveCost) {
      exceeded = true;
      break;
    }
  }

  /** Like cmpEff but without the tie-break: the sign of count(a) − count(b). */
  function cmpEffValue(a: number, b: number): number {
    const l = (e.costs[a] ?? 0n) * (qDen.get(a) ?? 1n) * (qNum.get(b) ?? 0n);
    const r = (e.costs[b] ?? 0n) * (qDen.get(b) ?? 1n) * (qNum.get(a) ?? 0n);
    return l === r ? 0 : l > r ? 1 : -1;
  }

  function charge(w: number, ev: Evaluation): MesPayment[] | undefined {
    // Make q·L (and its slope) integral: L grows by f = d / gcd(x, s, d).
    const g = bigGcd(bigGcd(ev.x, ev.s), ev.d);
    const f = ev.d / g;
    const qL = ev.x / g;
    const qSlopeL = -ev.s / g;
    if (f !== 1n) {
      for (let k = 0; k < epochRatio.length; k++) epochRatio[k] = (epochRatio[k] ?? 1n) * f;
      epochRatio.push(1n);
      L *= f;
    }
    const paid = explain ? new Map<bigint, number>() : null;
    const keys: number[] = [];
    const to = supStart[w + 1] ?? 0;
    for (let i = supStart[w] ?? 0; i < to; i++) {
      const grp = supGroup[i] ?? 0;
      const p = groupPat[grp] ?? 0;
      if (p === ZERO_PATTERN) continue;
      const ui = supUtil[i] ?? 0;
      const key = p * M + ui;
      let child = (childOf[key] ?? 0) - 1;
      if (child < 0) {
        refresh(p);
        const b = patNum[p] ?? 0n;
        const u = utilBig[ui] ?? 1n;
        const price = u * qL;
        if (b <= price) {
          // Exactly used up: at a slightly larger endowment a sliver would remain, which the
          // affine model of this run cannot represent. Rare; just certify nothing.
          if (b === price) bound(0n, 1n);
          child = ZERO_PATTERN;
        } else {
          child = patNum.length;
          patNum.push(b - price);
          patSlope.push(keepSlopes ? (patSlope[p] ?? 0n) - u * qSlopeL : 0n);
          patEpoch.push(epochRatio.length - 1);
        }
        childOf[key] = child + 1;
        keys.push(key);
      }
      if (paid) {
        const amount = child === ZERO_PATTERN ? (patNum[p] ?? 0n) : (utilBig[ui] ?? 1n) * qL;
        paid.set(amount, (paid.get(amount) ?? 0) + (groupWeight[grp] ?? 0));
      }
      groupPat[grp] = child;
    }
    for (const key of keys) childOf[key] = 0;
    ensureCapacity();
    if (!paid) return undefined;
    return [...paid.entries()]
      .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
      .map(([amount, voters]) => ({ amount: Rational.of(amount, L), voters }));
  }

  const base: MesRunResult = { endowment: opts.endowment, selections, totalCost, exceeded };
  if (explain) return { ...base, rounds };
  if (opts.track) {
    const st = stable as Frac | null;
    return { ...base, stableFor: st === null ? null : Rational.of(st[0], st[1]) };
  }
  return base;
}

function cmpFrac(a: Frac, b: Frac): number {
  const l = a[0] * b[1];
  const r = b[0] * a[1];
  return l < r ? -1 : l > r ? 1 : 0;
}
