/**
 * The two loops of a Method of Equal Shares run that visit every supporter, kept as plain
 * top-level functions over typed arrays (monomorphic, no closures) because they dominate the
 * running time. Integer arithmetic only; see fixed-point.ts for the approximation contract.
 */

/** Distinct (history node, points) pairs among a project's supporters, with voter counts. */
export interface KeySet {
  n: number;
  readonly node: Int32Array;
  readonly weight: Int32Array;
  readonly points: Int32Array;
  /** Fixed-point budget approximation of the node and its error bound. */
  readonly approx: Float64Array;
  readonly error: Int32Array;
  /** Set by the classification: budget/points below the project's price. */
  readonly poor: Uint8Array;
  /** Σ weight·points over the keys, set by approxMoney (the classification starts from it). */
  units: number;
  /** Σ weight·points over the rich keys, set by the classification (the exact price's divisor). */
  rich: number;
}

export function newKeySet(capacity: number): KeySet {
  return {
    n: 0,
    units: 0,
    rich: 0,
    node: new Int32Array(capacity),
    weight: new Int32Array(capacity),
    points: new Int32Array(capacity),
    approx: new Float64Array(capacity),
    error: new Int32Array(capacity),
    poor: new Uint8Array(capacity),
  };
}

export function copyKeySet(k: KeySet): KeySet {
  return {
    n: k.n,
    units: k.units,
    rich: k.rich,
    node: k.node.slice(0, k.n),
    weight: k.weight.slice(0, k.n),
    points: k.points.slice(0, k.n),
    approx: k.approx.slice(0, k.n),
    error: k.error.slice(0, k.n),
    poor: k.poor.slice(0, k.n),
  };
}

export interface ScanState {
  /** Per ballot group: its current history node (0 = money used up). */
  readonly groupNode: Int32Array;
  readonly groupWeight: Int32Array;
  readonly supGroup: Int32Array;
  /** Index into `utilities` of the supporter's points for the project. */
  readonly supUtil: Int32Array;
  readonly supWeight: Int32Array;
  readonly utilities: Int32Array;
  /** Number of distinct utilities: key = node · M + utility index. */
  readonly M: number;
  /** Scratch indexed by key, all zero between calls. */
  slot: Int32Array;
  readonly slotKey: Int32Array;
  /** History node approximations and depths (error bound = depth + 1; node 0 is exact). */
  approx: Float64Array;
  depth: Int32Array;
}

/** Fills `ks` with the keys of the supporters supGroup[from..to). */
export function gatherKeys(s: ScanState, from: number, to: number, ks: KeySet): void {
  const n = s.M === 1 && s.utilities[0] === 1 ? gatherApproval(s, from, to, ks) : gatherPoints(s, from, to, ks);
  const { slot, slotKey, approx, depth } = s;
  const { node: kNode, approx: kApprox, error: kError, poor: kPoor } = ks;
  for (let j = 0; j < n; j++) {
    const node = kNode[j]!;
    slot[slotKey[j]!] = 0;
    kApprox[j] = approx[node]!;
    kError[j] = depth[node]! + 1;
    kPoor[j] = 0;
  }
  ks.n = n;
}

/** Every supporter has exactly 1 point (approval ballots): the key is the node itself. */
function gatherApproval(s: ScanState, from: number, to: number, ks: KeySet): number {
  const { groupNode, supGroup, supWeight, slot, slotKey } = s;
  const { node: kNode, weight: kWeight, points: kPoints } = ks;
  let n = 0;
  for (let i = from; i < to; i++) {
    const node = groupNode[supGroup[i]!]!;
    if (node === 0) continue;
    const at = slot[node]!;
    if (at === 0) {
      slotKey[n] = node;
      kNode[n] = node;
      kPoints[n] = 1;
      kWeight[n] = supWeight[i]!;
      n++;
      slot[node] = n;
    } else kWeight[at - 1] = kWeight[at - 1]! + supWeight[i]!;
  }
  return n;
}

function gatherPoints(s: ScanState, from: number, to: number, ks: KeySet): number {
  const { groupNode, supGroup, supUtil, supWeight, utilities, M, slot, slotKey } = s;
  const { node: kNode, weight: kWeight, points: kPoints } = ks;
  let n = 0;
  for (let i = from; i < to; i++) {
    const node = groupNode[supGroup[i]!]!;
    if (node === 0) continue;
    const ui = supUtil[i]!;
    const key = node * M + ui;
    const at = slot[key]!;
    if (at === 0) {
      slotKey[n] = key;
      kNode[n] = node;
      kPoints[n] = utilities[ui]!;
      kWeight[n] = supWeight[i]!;
      n++;
      slot[key] = n;
    } else kWeight[at - 1] = kWeight[at - 1]! + supWeight[i]!;
  }
  return n;
}

/**
 * Σ weight·approx and Σ weight·error over the keys (both exact integers below 2^53); also sets
 * `ks.units`, in the same pass.
 */
export function approxMoney(ks: KeySet): { money: number; error: number } {
  const { weight, approx, error, points } = ks;
  let money = 0;
  let err = 0;
  let units = 0;
  for (let j = 0; j < ks.n; j++) {
    const w = weight[j]!;
    money += w * approx[j]!;
    err += w * error[j]!;
    units += w * points[j]!;
  }
  ks.units = units;
  return { money, error: err };
}

export interface ChargeDecision {
  /** Returns true when a node's budget is used up by `points` times the price (exact check). */
  usedUpExactly(node: number, points: number): boolean;
  /** Creates the history node left after paying; returns its id. */
  addChild(node: number, points: number, approx: number): number;
}

/**
 * Moves every supporter group of the funded project to the node left after paying. Each
 * distinct (node, points) is decided once: from the approximations when their error bounds
 * settle it, else exactly. `priceS[ui]`: the price for utility index ui, rounded (error ≤ 1/2).
 * Every move (group, from, to) is appended to `moves` (when kept); with `pairs`, (group, node,
 * ui, next) for reports. Returns the number of moves.
 */
export function chargeSupporters(
  s: ScanState,
  from: number,
  to: number,
  priceS: Float64Array,
  child: Int32Array,
  decide: ChargeDecision,
  moves: { push(group: number, from: number, to: number): void } | null,
  pairs: number[] | null,
): number {
  const { groupNode, supGroup, supUtil, utilities, M } = s;
  const touched: number[] = [];
  let count = 0;
  for (let i = from; i < to; i++) {
    const g = supGroup[i]!;
    const node = groupNode[g]!;
    if (node === 0) continue;
    const ui = supUtil[i]!;
    const key = M === 1 ? node : node * M + ui;
    let next = child[key]! - 1;
    if (next < 0) {
      // Read the arrays afresh: addChild may have grown them.
      const a = s.approx[node]!;
      const err = s.depth[node]! + 1;
      const pr = priceS[ui]!;
      const u = utilities[ui]!;
      let usedUp: boolean;
      if (a - err >= pr + 1) usedUp = false;
      else if (a + err + 1 <= pr) usedUp = true;
      else usedUp = decide.usedUpExactly(node, u);
      next = usedUp ? 0 : decide.addChild(node, u, a - pr);
      child[key] = next + 1;
      touched.push(key);
    }
    if (pairs) pairs.push(g, node, ui, next);
    if (moves) moves.push(g, node, next);
    count++;
    groupNode[g] = next;
  }
  for (const key of touched) child[key] = 0;
  return count;
}
