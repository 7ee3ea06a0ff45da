import { describe, expect, it } from 'vitest';
import { InvalidPeriodError, formatPeriod, parsePeriod, type Period } from '../../../domain/index';

describe('parsePeriod', () => {
  it.each([
    ['30d', { unit: 'd', n: 30 }],
    ['1d', { unit: 'd', n: 1 }],
    ['3650d', { unit: 'd', n: 3650 }],
    ['3wd', { unit: 'wd', n: 3 }],
    ['3650wd', { unit: 'wd', n: 3650 }],
    ['2mo', { unit: 'mo', n: 2 }],
    ['120mo', { unit: 'mo', n: 120 }],
  ])('parses %s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
    expect(formatPeriod(parsePeriod(text))).toBe(text);
  });

  it.each([
    '',
    'd',
    '30',
    '00d',
    '-3d',
    '+3d',
    '03d',
    '3.5d',
    '3 d',
    ' 3d',
    '3d ',
    '3D',
    '3WD',
    '3Mo',
    '3w',
    '3m',
    '3y',
    '3days',
    '1e3d',
    '３d',
    '3d3',
    'wd3',
  ])('rejects %j as a syntax error', (text) => {
    const err = catchError(() => parsePeriod(text));
    expect(err).toBeInstanceOf(InvalidPeriodError);
    expect(err.code).toBe('syntax');
    expect(err.input).toBe(text);
    expect(err.name).toBe('InvalidPeriodError');
    expect(err.message).toContain(JSON.stringify(text));
    expect(err.message).toMatch(/'d'.*'wd'.*'mo'/);
  });

  it.each([
    ['0d', /calendar days must be between 1 and 3650/],
    ['0mo', /months must be between 1 and 120/],
    ['3651d', /calendar days must be between 1 and 3650/],
    ['3651wd', /working days must be between 1 and 3650/],
    ['121mo', /months must be between 1 and 120/],
    ['99999999999999999999d', /between 1 and 3650/],
  ])('rejects %s as out of range', (text, message) => {
    const err = catchError(() => parsePeriod(text));
    expect(err).toBeInstanceOf(InvalidPeriodError);
    expect(err.code).toBe('range');
    expect(err.message).toMatch(message);
  });

  it('rejects non-string input with a typed error', () => {
    for (const v of [undefined, null, 30, { unit: 'd', n: 30 }]) {
      expect(() => parsePeriod(v as unknown as string)).toThrow(InvalidPeriodError);
    }
  });
});

describe('formatPeriod', () => {
  it('validates what it formats', () => {
    expect(formatPeriod({ unit: 'wd', n: 3 })).toBe('3wd');
    expect(() => formatPeriod({ unit: 'd', n: 0 })).toThrow(InvalidPeriodError);
    expect(() => formatPeriod({ unit: 'd', n: 1.5 })).toThrow(InvalidPeriodError);
    expect(() => formatPeriod({ unit: 'mo', n: 121 })).toThrow(InvalidPeriodError);
    expect(() => formatPeriod({ unit: 'y', n: 1 } as unknown as Period)).toThrow(InvalidPeriodError);
  });
});

function catchError(fn: () => unknown): InvalidPeriodError {
  try {
    fn();
  } catch (e) {
    return e as InvalidPeriodError;
  }
  throw new Error('expected an error');
}
