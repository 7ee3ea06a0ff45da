import { describe, expect, it } from 'vitest';
import {
  articleLabel,
  articleLabelOf,
  compareArticleNumbers,
  formatArticleNumber,
  formatChineseNumeral,
  parseArabicNumeral,
  parseArticleLabel,
  parseArticleNumber,
  parseChineseNumeral,
  parseNumeral,
} from '../../../domain/consultations/index';

describe('Chinese numerals', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [103, '一百零三'],
    [110, '一百十'],
    [111, '一百十一'],
    [120, '一百二十'],
    [200, '二百'],
    [305, '三百零五'],
    [999, '九百九十九'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零十'],
    [1011, '一千零十一'],
    [1100, '一千一百'],
    [1110, '一千一百十'],
    [1030, '一千零三十'],
    [2005, '二千零五'],
    [9999, '九千九百九十九'],
  ])('%i ↔ %s (canonical, Taiwan statute style)', (n, text) => {
    expect(formatChineseNumeral(n)).toBe(text);
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it('round-trips every number 1..9999', () => {
    for (let n = 1; n <= 9999; n++) expect(parseChineseNumeral(formatChineseNumeral(n))).toBe(n);
  });

  it.each([
    ['一十', 10],
    ['一十二', 12],
    ['一百一十', 110],
    ['一百一十五', 115],
    ['一百〇三', 103],
    ['兩百', 200],
    ['一千零一十', 1010],
  ])('accepts the alternative spelling %s = %i', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it.each(['', '零', '〇', '十十', '一二', '一零三', '一百三', '一千十', '一百零十', '一千零零三', '百', '千', '三十零', '一百零', '兩千五', '十百', '一萬', 'a', '一 二'])(
    'rejects %j',
    (text) => {
      expect(parseChineseNumeral(text)).toBeNull();
    },
  );

  it('formats only integers in 1..9999', () => {
    for (const bad of [0, -1, 10000, 1.5, Number.NaN]) expect(() => formatChineseNumeral(bad)).toThrow(RangeError);
  });

  it.each([
    ['12', 12],
    ['１２', 12],
    ['0012', 12],
    ['9999', 9999],
    ['0', null],
    ['10000', null],
    ['1.5', null],
    ['', null],
  ])('parseArabicNumeral(%j) = %j', (text, n) => {
    expect(parseArabicNumeral(text)).toBe(n);
  });

  it('parseNumeral takes either script', () => {
    expect(parseNumeral('一百零三')).toBe(103);
    expect(parseNumeral('103')).toBe(103);
    expect(parseNumeral('一〇三')).toBeNull();
  });
});

describe('article numbers', () => {
  it.each([
    ['第十二條', '12', '第十二條'],
    ['第12條', '12', '第十二條'],
    ['第 12 條', '12', '第十二條'],
    ['第１２條', '12', '第十二條'],
    ['第十二條之一', '12-1', '第十二條之一'],
    ['第12條之1', '12-1', '第十二條之一'],
    ['第12-1條', '12-1', '第十二條之一'],
    ['第一百零三條', '103', '第一百零三條'],
    ['第一百十條之十二', '110-12', '第一百十條之十二'],
    ['第一百一十條', '110', '第一百十條'],
    ['第二百條', '200', '第二百條'],
    ['第一千零十條之三', '1010-3', '第一千零十條之三'],
  ])('%s → %s / %s', (label, normalized, canonical) => {
    const number = parseArticleLabel(label);
    expect(number).not.toBeNull();
    expect(formatArticleNumber(number!)).toBe(normalized);
    expect(articleLabel(number!)).toBe(canonical);
    expect(articleLabelOf(normalized)).toBe(canonical);
    expect(parseArticleNumber(normalized)).toEqual(number);
  });

  it.each(['第十十條', '第一百三條', '第條', '第12條之', '12條', '第12條規定', '第0條'])('rejects the label %j', (label) => {
    expect(parseArticleLabel(label)).toBeNull();
  });

  it.each(['012', '12-0', '12之1', '', '0', '12-', '-1', '10000', '1-2-3'])('rejects the normalized number %j', (text) => {
    expect(parseArticleNumber(text)).toBeNull();
  });

  it('sorts in statute order: 12 < 12-1 < 12-2 < 12-10 < 13', () => {
    const sorted = ['13', '12-10', '12', '12-2', '12-1']
      .map((t) => parseArticleNumber(t)!)
      .sort(compareArticleNumbers)
      .map(formatArticleNumber);
    expect(sorted).toEqual(['12', '12-1', '12-2', '12-10', '13']);
  });
});
