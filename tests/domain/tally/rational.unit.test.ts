import { describe, expect, it } from 'vitest';
import { Rational } from '../../../domain/tally/rational';

const r = (n: bigint | number, d: bigint | number = 1n): Rational => Rational.of(n, d);

describe('Rational', () => {
  it('normalises sign and common factors, so equal values are structurally equal', () => {
    expect(r(6, 8).toString()).toBe('3/4');
    expect(r(6, -8).toString()).toBe('-3/4');
    expect(r(-6, -8)).toEqual(r(3, 4));
    expect(r(0, -5)).toEqual(Rational.ZERO);
    expect(() => r(1, 0)).toThrow(RangeError);
    expect(() => r(0.5)).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    expect(r(1, 3).add(r(1, 6)).toString()).toBe('1/2');
    expect(r(1, 3).sub(r(1, 2)).toString()).toBe('-1/6');
    expect(r(2, 3).mul(r(9, 4)).toString()).toBe('3/2');
    expect(r(2, 3).div(r(4, 9)).toString()).toBe('3/2');
    expect(r(1, 10).add(r(2, 10))).toEqual(r(3, 10)); // where floats famously fail
    expect(r(7).add(3n).toString()).toBe('10');
    expect(() => r(1).div(Rational.ZERO)).toThrow(RangeError);
  });

  it('compares by cross-multiplication, also for huge values', () => {
    const big = r(10n ** 40n + 1n, 10n ** 40n);
    expect(big.gt(Rational.ONE)).toBe(true);
    expect(big.compare(r(10n ** 40n + 2n, 10n ** 40n))).toBe(-1);
    expect(r(1, 3).equals(r(2, 6))).toBe(true);
    expect(r(-1, 2).lt(r(-1, 3))).toBe(true);
    expect(r(1, 2).min(r(1, 3))).toEqual(r(1, 3));
    expect(r(1, 2).max(r(1, 3))).toEqual(r(1, 2));
  });

  it('floors and ceils towards the right infinity for negatives', () => {
    expect(r(7, 2).floor()).toBe(3n);
    expect(r(7, 2).ceil()).toBe(4n);
    expect(r(-7, 2).floor()).toBe(-4n);
    expect(r(-7, 2).ceil()).toBe(-3n);
    expect(r(6, 2).floor()).toBe(3n);
    expect(r(6, 2).ceil()).toBe(3n);
  });

  it('parses decimal literals exactly', () => {
    expect(Rational.parseDecimal('1607513.56')).toEqual(r(160751356, 100));
    expect(Rational.parseDecimal('-0.125')).toEqual(r(-1, 8));
    expect(Rational.parseDecimal('.5')).toEqual(r(1, 2));
    expect(Rational.parseDecimal('2e3')).toEqual(r(2000));
    expect(Rational.parseDecimal(' 12 ')).toEqual(r(12));
    for (const bad of ['', '.', 'abc', '1,5', '1e99999']) expect(() => Rational.parseDecimal(bad)).toThrow(RangeError);
  });

  it('renders decimals for display (rounded half away from zero) and exact decimals when they exist', () => {
    expect(r(2, 3).toDecimal(3)).toBe('0.667');
    expect(r(-2, 3).toDecimal(3)).toBe('-0.667');
    expect(r(1, 8).toDecimal(2)).toBe('0.13');
    expect(r(5, 2).toDecimal(0)).toBe('3');
    expect(r(3).toDecimal(2)).toBe('3');
    expect(r(3).toDecimal(2, true)).toBe('3.00');
    expect(r(-1, 1000).toDecimal(2)).toBe('0');
    expect(r(160751356, 100).toExactDecimal()).toBe('1607513.56');
    expect(r(1, 8).toExactDecimal()).toBe('0.125');
    expect(r(1, 3).toExactDecimal()).toBeNull();
    expect(r(1, 3).toNumber()).toBeCloseTo(0.3333333, 6);
  });
});
