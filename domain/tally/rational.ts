/**
 * Exact rational numbers over bigint, always normalised (gcd(num, den) = 1, den > 0), so that
 * `equals` is structural and every decision in a tally is exact: a float never decides anything.
 */

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num);
    const d = toBigInt(den);
    if (d === 0n) throw new RangeError('Rational: zero denominator');
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n, d);
    return new Rational((sign * n) / g, (sign * d) / g);
  }

  /** Exact value of a plain decimal literal such as `1607513.56`, `-3`, `.5` or `2e3`. */
  static parseDecimal(text: string): Rational {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`Not a decimal number: "${text}"`);
    const sign = m[1] === '-' ? -1n : 1n;
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    const exp = m[4] === undefined ? 0 : Number(m[4]);
    // A huge exponent would make a huge bigint; no legitimate amount needs one.
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) throw new RangeError(`Exponent out of range: "${text}"`);
    const digits = BigInt((intPart + frac) || '0');
    const scale = frac.length - exp;
    return scale >= 0 ? Rational.of(sign * digits, 10n ** BigInt(scale)) : Rational.of(sign * digits * 10n ** BigInt(-scale));
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  add(o: Rational | bigint): Rational {
    const r = lift(o);
    return Rational.of(this.num * r.den + r.num * this.den, this.den * r.den);
  }

  sub(o: Rational | bigint): Rational {
    const r = lift(o);
    return Rational.of(this.num * r.den - r.num * this.den, this.den * r.den);
  }

  mul(o: Rational | bigint): Rational {
    const r = lift(o);
    return Rational.of(this.num * r.num, this.den * r.den);
  }

  div(o: Rational | bigint): Rational {
    const r = lift(o);
    if (r.num === 0n) throw new RangeError('Rational: division by zero');
    return Rational.of(this.num * r.den, this.den * r.num);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  compare(o: Rational | bigint): -1 | 0 | 1 {
    const r = lift(o);
    const l = this.num * r.den;
    const rr = r.num * this.den;
    return l < rr ? -1 : l > rr ? 1 : 0;
  }

  equals(o: Rational | bigint): boolean {
    return this.compare(o) === 0;
  }

  lt(o: Rational | bigint): boolean {
    return this.compare(o) < 0;
  }

  lte(o: Rational | bigint): boolean {
    return this.compare(o) <= 0;
  }

  gt(o: Rational | bigint): boolean {
    return this.compare(o) > 0;
  }

  gte(o: Rational | bigint): boolean {
    return this.compare(o) >= 0;
  }

  min(o: Rational): Rational {
    return this.compare(o) <= 0 ? this : o;
  }

  max(o: Rational): Rational {
    return this.compare(o) >= 0 ? this : o;
  }

  /** Largest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Smallest integer ≥ this. */
  ceil(): bigint {
    return -this.neg().floor();
  }

  /**
   * Decimal rendering for people, rounded half away from zero to `digits` places; trailing zeros
   * are dropped unless `fixed`. Display only: never feed the string back into a decision.
   */
  toDecimal(digits = 6, fixed = false): string {
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scale = 10n ** BigInt(digits);
    const scaled = (abs * scale * 2n + this.den) / (this.den * 2n);
    const intPart = scaled / scale;
    let frac = digits > 0 ? (scaled % scale).toString().padStart(digits, '0') : '';
    if (!fixed) frac = frac.replace(/0+$/, '');
    const body = frac ? `${intPart}.${frac}` : `${intPart}`;
    return neg && scaled !== 0n ? `-${body}` : body;
  }

  /**
   * Exact decimal text when the value has a terminating decimal expansion (denominator 2^a·5^b),
   * else null. Used to write amounts back to files without loss.
   */
  toExactDecimal(): string | null {
    let d = this.den;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return null;
    return this.toDecimal(Math.max(twos, fives), false);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** Approximation for charts and logs only. */
  toNumber(): number {
    return Number(this.toDecimal(17));
  }
}

function toBigInt(x: bigint | number): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`Rational: ${x} is not a safe integer`);
  return BigInt(x);
}

function lift(x: Rational | bigint): Rational {
  return typeof x === 'bigint' ? Rational.of(x) : x;
}

/** Greatest common divisor of two bigints (non-negative result). */
export function bigGcd(a: bigint, b: bigint): bigint {
  return gcd(a, b);
}
