/**
 * Budget histories for one Method of Equal Shares run.
 *
 * A voter's money left depends only on the funded projects they supported and their points for
 * them: budget = e − Σ points_j · q_j over that history (q_j: price per point of the j-th funded
 * project), or 0 once a payment used it all up. Voters sharing a history share one node of a
 * tree (parent = the history before the last payment). A node keeps an integer fixed-point
 * approximation of its budget; the exact budget is recomputed on demand from the exact prices.
 */
import { Rational, bigGcd } from './rational';

/** Node of every voter whose money is used up. */
export const SPENT = 0;
/** Node of every voter who has paid nothing yet. */
export const UNTOUCHED = 1;

export class Histories {
  parent: Int32Array;
  /** Index (in funding order) of the payment that created the node. */
  step: Int32Array;
  /** Points the voter gave that project (1 for approvals). */
  points: Int32Array;
  depth: Int32Array;
  /** budget · 2^k, approximately: |approx − exact| ≤ errorOf(node). */
  approx: Float64Array;
  size = 2;

  constructor(untouchedApprox: number, capacity = 1024) {
    this.parent = new Int32Array(capacity).fill(-1);
    this.step = new Int32Array(capacity);
    this.points = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.approx = new Float64Array(capacity);
    this.approx[UNTOUCHED] = untouchedApprox;
  }

  add(parent: number, step: number, points: number, approx: number): number {
    if (this.size === this.parent.length) this.grow();
    const id = this.size++;
    this.parent[id] = parent;
    this.step[id] = step;
    this.points[id] = points;
    this.depth[id] = (this.depth[parent] ?? 0) + 1;
    this.approx[id] = approx;
    return id;
  }

  /**
   * The untouched budget is rounded down (error < 1) and each payment's price is rounded to
   * the nearest integer (error ≤ 1/2), so depth + 1 bounds the error; SPENT is exactly 0.
   */
  errorOf(node: number): number {
    return node === SPENT ? 0 : (this.depth[node] ?? 0) + 1;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const g = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.parent = g(this.parent, (n) => new Int32Array(n).fill(-1));
    this.step = g(this.step, (n) => new Int32Array(n));
    this.points = g(this.points, (n) => new Int32Array(n));
    this.depth = g(this.depth, (n) => new Int32Array(n));
    this.approx = g(this.approx, (n) => new Float64Array(n));
  }
}

/**
 * Exact prices of the funded projects (and, for the stability certificate, their rates of change
 * with the endowment e), all as integers over one common denominator L that grows as needed.
 */
export class ExactPrices {
  L: bigint;
  /** e · L */
  endowmentL: bigint;
  /** q_j · L */
  readonly priceL: bigint[] = [];
  /** dq_j/de · L */
  readonly slopeL: bigint[] = [];
  /** Per step, coefficient scratch for linear combinations (integers below 2^53). */
  private coef: number[] = [];

  constructor(endowment: Rational) {
    this.L = endowment.den;
    this.endowmentL = endowment.num;
  }

  /**
   * Appends a payment step with price q = x / (d·L) and dq/de = −s / (d·L) (x, s in current L
   * units); grows L so that both are integral.
   */
  addStep(x: bigint, s: bigint, d: bigint): void {
    const g = bigGcd(bigGcd(x, s), d);
    const f = d / g;
    if (f !== 1n) {
      this.L *= f;
      this.endowmentL *= f;
      for (let j = 0; j < this.priceL.length; j++) {
        this.priceL[j] = (this.priceL[j] ?? 0n) * f;
        this.slopeL[j] = (this.slopeL[j] ?? 0n) * f;
      }
    }
    this.priceL.push(x / g);
    this.slopeL.push(-s / g);
    this.coef.push(0);
  }

  /** Forgets the last payment step (a replayed round that turned out different). */
  popStep(): void {
    this.priceL.pop();
    this.slopeL.pop();
    this.coef.pop();
  }

  /**
   * Exact budget · L of a node; `zero` marks nodes whose money is used up in this run although
   * the recorded tree (replayed from a larger endowment) kept them.
   */
  budgetL(h: Histories, node: number, zero?: Uint8Array): bigint {
    if (node === SPENT || zero?.[node]) return 0n;
    let v = this.endowmentL;
    for (let p = node; p > UNTOUCHED; p = h.parent[p] ?? UNTOUCHED) v -= BigInt(h.points[p] ?? 0) * (this.priceL[h.step[p] ?? 0] ?? 0n);
    return v;
  }

  /** Exact d(budget)/de · L of a node (1 for untouched voters, more once prices fall with e). */
  budgetSlopeL(h: Histories, node: number, zero?: Uint8Array): bigint {
    if (node === SPENT || zero?.[node]) return 0n;
    let v = this.L;
    for (let p = node; p > UNTOUCHED; p = h.parent[p] ?? UNTOUCHED) v -= BigInt(h.points[p] ?? 0) * (this.slopeL[h.step[p] ?? 0] ?? 0n);
    return v;
  }

  /**
   * Σ weight · budget · L (and the same for slopes) over many nodes at once: one pass over
   * their histories with small integer coefficients, then one bigint product per step.
   */
  sum(
    h: Histories,
    nodes: ArrayLike<number>,
    weights: ArrayLike<number>,
    count: number,
    select?: Uint8Array,
    withSlope = false,
    zero?: Uint8Array,
  ): { money: bigint; slope: bigint } {
    const coef = this.coef;
    coef.fill(0);
    let total = 0;
    for (let k = 0; k < count; k++) {
      if (select && !select[k]) continue;
      const node = nodes[k] ?? SPENT;
      if (node === SPENT || zero?.[node]) continue;
      const w = weights[k] ?? 0;
      total += w;
      for (let p = node; p > UNTOUCHED; p = h.parent[p] ?? UNTOUCHED) {
        const j = h.step[p] ?? 0;
        coef[j] = (coef[j] ?? 0) + w * (h.points[p] ?? 0);
      }
    }
    let money = BigInt(total) * this.endowmentL;
    let slope = withSlope ? BigInt(total) * this.L : 0n;
    for (let j = 0; j < coef.length; j++) {
      const c = coef[j] ?? 0;
      if (c === 0) continue;
      const cb = BigInt(c);
      money -= cb * (this.priceL[j] ?? 0n);
      if (withSlope) slope -= cb * (this.slopeL[j] ?? 0n);
    }
    return { money, slope };
  }
}
