/**
 * The one deterministic order used to break every tie, in every rule: higher score first, then
 * lower cost, then project id. Ids that are plain non-negative integers compare numerically and
 * come before all other ids; other ids compare by UTF-16 code units (never locale-dependent).
 * Putting numeric ids first (rather than comparing a numeric id with a text id as text) keeps the
 * order transitive: "2" < "10" numerically, and both before "1a".
 */
import type { IndexedElection } from './election';

const NUMERIC_ID = /^\d+$/;

export function compareProjectIds(a: string, b: string): number {
  const an = NUMERIC_ID.test(a);
  const bn = NUMERIC_ID.test(b);
  if (an && bn) {
    const x = BigInt(a);
    const y = BigInt(b);
    if (x !== y) return x < y ? -1 : 1;
    // "007" and "7" are different ids with the same number: fall through to the text order.
  } else if (an !== bn) {
    return an ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when project `a` wins a tie against project `b`. */
export function compareForTie(e: IndexedElection, a: number, b: number): number {
  const sa = e.scores[a] ?? 0;
  const sb = e.scores[b] ?? 0;
  if (sa !== sb) return sb - sa;
  const ca = e.costs[a] ?? 0n;
  const cb = e.costs[b] ?? 0n;
  if (ca !== cb) return ca < cb ? -1 : 1;
  return compareProjectIds(e.ids[a] ?? '', e.ids[b] ?? '');
}

/** Project indices in tie-break order (the greedy consideration order). */
export function tieOrder(e: IndexedElection): number[] {
  return e.ids.map((_, i) => i).sort((a, b) => compareForTie(e, a, b));
}

/** rank[p] = position of p in {@link tieOrder}; lower wins ties. */
export function tieRanks(e: IndexedElection): Int32Array {
  const rank = new Int32Array(e.ids.length);
  tieOrder(e).forEach((p, i) => (rank[p] = i));
  return rank;
}
