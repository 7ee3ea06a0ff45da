/**
 * Integer fixed-point approximations with explicit error bounds, used to settle the bulk of the
 * Method of Equal Shares' comparisons cheaply. Values are integers held in JS numbers and kept
 * below 2^53, where number arithmetic on integers is exact; the only non-integral operation,
 * division, is corrected to the exact floor below. A comparison is settled from approximations
 * only when it holds for every value within the error bounds; otherwise the caller decides it
 * with exact bigint arithmetic. So no approximation ever decides anything on its own.
 */

/** Largest magnitude any approximation (or product of two of them) may reach. */
export const SAFE_LIMIT = 2 ** 52;

/** ⌊a / b⌋ for integers with |a| < 2^53 and 0 < b < 2^53, exactly. */
export function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  // The float quotient is within one of the true one; q·b stays below 2^53, so these are exact.
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/** ⌈a / b⌉ for integers with |a| < 2^53 and 0 < b < 2^53, exactly. */
export function ceilDiv(a: number, b: number): number {
  return -floorDiv(-a, b);
}

/**
 * A fixed-point scale 2^k for amounts up to `maxTotal` (exact, ≥ 0): the scaled total stays
 * below 2^50, leaving room for sums of error bounds.
 */
export function scaleExponent(maxTotal: bigint): number {
  if (maxTotal <= 0n) return 0;
  return 50 - maxTotal.toString(2).length;
}

/** ⌊num·2^k / den⌋ as a number (caller guarantees it is below 2^53); den > 0. */
export function scaledFloor(num: bigint, den: bigint, k: number): number {
  const n = k >= 0 ? num << BigInt(k) : num;
  const d = k >= 0 ? den : den << BigInt(-k);
  let q = n / d;
  if (n < 0n && q * d !== n) q -= 1n;
  return Number(q);
}

/**
 * num·2^k / den rounded to the nearest integer (ties up) as a number, or `cap` when it would
 * exceed `cap`; num ≥ 0, den > 0.
 */
export function scaledRound(num: bigint, den: bigint, k: number, cap: number): number {
  const n = k >= 0 ? num << BigInt(k) : num;
  const d = k >= 0 ? den : den << BigInt(-k);
  const r = (2n * n + d) / (2n * d);
  return r > BigInt(cap) ? cap : Number(r);
}
