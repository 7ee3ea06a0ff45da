import { describe, expect, it } from 'vitest';
import {
  InvalidPeriodError,
  InvalidSlaPeriodError,
  SLA_SECONDS_MAX,
  SlaKindMismatchError,
  commonSlaKind,
  formatSlaPeriod,
  parseSlaPeriod,
  type SlaPeriod,
} from '../../../domain/index';

describe('parseSlaPeriod', () => {
  it.each([
    ['30d', { kind: 'legal', period: { unit: 'd', n: 30 } }],
    ['3wd', { kind: 'legal', period: { unit: 'wd', n: 3 } }],
    ['2mo', { kind: 'legal', period: { unit: 'mo', n: 2 } }],
    ['3650d', { kind: 'legal', period: { unit: 'd', n: 3650 } }],
    ['120mo', { kind: 'legal', period: { unit: 'mo', n: 120 } }],
    ['1s', { kind: 'seconds', seconds: 1 }],
    ['90s', { kind: 'seconds', seconds: 90 }],
    ['86400s', { kind: 'seconds', seconds: 86_400 }],
  ])('parses %s and formats it back', (text, period) => {
    expect(parseSlaPeriod(text)).toEqual(period);
    expect(formatSlaPeriod(parseSlaPeriod(text))).toBe(text);
  });

  it('caps seconds at one day', () => {
    expect(SLA_SECONDS_MAX).toBe(86_400);
  });

  it.each([
    '',
    's',
    '30',
    '00s',
    '01s',
    '-1s',
    '+1s',
    '1.5s',
    '1 s',
    ' 1s',
    '1s ',
    '1S',
    '1sec',
    '1ms',
    '1h',
    '1e3s',
    '１s',
    's1',
    '1s1',
    '3D',
    '03d',
    '3w',
    '3y',
  ])('rejects %j as a syntax error naming every notation', (text) => {
    const err = catchError(() => parseSlaPeriod(text));
    expect(err).toBeInstanceOf(InvalidSlaPeriodError);
    expect(err.name).toBe('InvalidSlaPeriodError');
    expect(err.code).toBe('syntax');
    expect(err.input).toBe(text);
    expect(err.message).toContain(JSON.stringify(text));
    expect(err.message).toMatch(/'30d'.*'3wd'.*'2mo'.*'90s'/);
    expect(err.message).toContain('tests and demos only');
  });

  it.each([
    ['0s', /seconds must be a whole number between 1 and 86400/],
    ['86401s', /seconds must be a whole number between 1 and 86400/],
    ['99999999999999999999s', /between 1 and 86400/],
    ['0d', /calendar days must be between 1 and 3650/],
    ['3651wd', /working days must be between 1 and 3650/],
    ['121mo', /months must be between 1 and 120/],
  ])('rejects %s as out of range', (text, message) => {
    const err = catchError(() => parseSlaPeriod(text));
    expect(err).toBeInstanceOf(InvalidSlaPeriodError);
    expect(err.code).toBe('range');
    expect(err.input).toBe(text);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^Invalid SLA period /);
  });

  it('keeps the legal parser error as the cause', () => {
    const err = catchError(() => parseSlaPeriod('0d'));
    expect(err.cause).toBeInstanceOf(InvalidPeriodError);
    expect(catchError(() => parseSlaPeriod('0s')).cause).toBeUndefined();
  });

  it('rejects non-string input with a typed error', () => {
    for (const v of [undefined, null, 30, { kind: 'seconds', seconds: 30 }]) {
      expect(() => parseSlaPeriod(v as unknown as string)).toThrow(InvalidSlaPeriodError);
    }
  });
});

describe('formatSlaPeriod', () => {
  it('formats both kinds', () => {
    expect(formatSlaPeriod({ kind: 'legal', period: { unit: 'wd', n: 5 } })).toBe('5wd');
    expect(formatSlaPeriod({ kind: 'seconds', seconds: 5 })).toBe('5s');
  });

  it.each([
    [{ kind: 'seconds', seconds: 0 }, 'range'],
    [{ kind: 'seconds', seconds: 1.5 }, 'range'],
    [{ kind: 'seconds', seconds: 86_401 }, 'range'],
    [{ kind: 'seconds', seconds: Number.NaN }, 'range'],
    [{ kind: 'seconds' }, 'range'],
    [{ kind: 'legal', period: { unit: 'd', n: 0 } }, 'range'],
    [{ kind: 'legal', period: { unit: 'y', n: 1 } }, 'syntax'],
    [{ kind: 'hours', hours: 1 }, 'syntax'],
    [{}, 'syntax'],
    [null, 'syntax'],
  ])('validates what it formats: %j', (period, code) => {
    const err = catchError(() => formatSlaPeriod(period as unknown as SlaPeriod));
    expect(err).toBeInstanceOf(InvalidSlaPeriodError);
    expect(err.code).toBe(code);
    expect(err.input).toBe(period);
  });
});

describe('commonSlaKind', () => {
  it('returns the single kind of a consistent configuration', () => {
    expect(
      commonSlaKind({
        acknowledge: parseSlaPeriod('3wd'),
        resolve: parseSlaPeriod('2mo'),
        escalationRepeat: parseSlaPeriod('5wd'),
        transferWindow: parseSlaPeriod('1wd'),
      }),
    ).toBe('legal');
    expect(commonSlaKind({ acknowledge: parseSlaPeriod('5s'), resolve: parseSlaPeriod('60s') })).toBe('seconds');
  });

  it('refuses a seconds rule mixed into a legal configuration, naming both', () => {
    const err = catchError(() =>
      commonSlaKind({ resolve: parseSlaPeriod('2mo'), pause: parseSlaPeriod('30d'), escalationRepeat: parseSlaPeriod('5s') }),
    );
    expect(err).toBeInstanceOf(SlaKindMismatchError);
    expect(err.name).toBe('SlaKindMismatchError');
    expect(err.message).toContain('resolve is legal');
    expect(err.message).toContain('escalationRepeat (5s) is seconds');
  });

  it('validates every period and needs at least one', () => {
    expect(() => commonSlaKind({})).toThrow(RangeError);
    expect(() =>
      commonSlaKind({ a: parseSlaPeriod('3wd'), b: { kind: 'seconds', seconds: 0 } }),
    ).toThrow(InvalidSlaPeriodError);
  });
});

function catchError(fn: () => unknown): InvalidSlaPeriodError {
  try {
    fn();
  } catch (e) {
    return e as InvalidSlaPeriodError;
  }
  throw new Error('expected an error');
}
