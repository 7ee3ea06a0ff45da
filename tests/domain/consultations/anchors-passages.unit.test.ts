import { describe, expect, it } from 'vitest';
import {
  anchorLabel,
  articleAnchor,
  articleAnchors,
  findArticle,
  formatAnchor,
  parseAnchor,
  resolveAnchor,
  selectPassage,
  type PassageErrorCode,
  type PassageSelection,
} from '../../../domain/consultations/index';
import { PARK_AMENDMENT_MD } from './fixtures';
import { articleOf, draftOf } from './helpers';

const draft = draftOf(PARK_AMENDMENT_MD);
const a3 = articleOf(draft, '3');

describe('anchors', () => {
  it.each([
    ['a12', { article: '12' }, '第十二條'],
    ['a12-1', { article: '12-1' }, '第十二條之一'],
    ['a12-1/p2', { article: '12-1', paragraph: 2 }, '第十二條之一第二項'],
    ['a12-1/p2/s3', { article: '12-1', paragraph: 2, subparagraph: 3 }, '第十二條之一第二項第三款'],
    ['a12-1/p2/s3/i1', { article: '12-1', paragraph: 2, subparagraph: 3, item: 1 }, '第十二條之一第二項第三款第一目'],
    ['a103/p1/s12', { article: '103', paragraph: 1, subparagraph: 12 }, '第一百零三條第一項第十二款'],
  ])('%s ↔ %j (%s)', (anchor, parsed, label) => {
    expect(parseAnchor(anchor)).toEqual(parsed);
    expect(formatAnchor(parsed)).toBe(anchor);
    expect(anchorLabel(anchor)).toBe(label);
  });

  it.each(['', 'a', 'a0', 'a012', 'a12-0', 'a12/p0', 'a12/s1', 'a12/p1/i1', 'a12/p1/s1/i1/x', 'A12', 'a12/', '12', 'a12 /p1', 'a12/p01'])(
    'rejects %j',
    (anchor) => {
      expect(parseAnchor(anchor)).toBeNull();
      expect(() => anchorLabel(anchor)).toThrow(RangeError);
    },
  );

  it('refuses to format a level without its parent', () => {
    expect(() => formatAnchor({ article: '3', subparagraph: 1 })).toThrow(RangeError);
    expect(() => formatAnchor({ article: '3', paragraph: 0 })).toThrow(RangeError);
    expect(() => articleAnchor('3之1')).toThrow(RangeError);
  });

  it('lists every anchor of an article in document order', () => {
    expect(articleAnchors(a3)).toEqual(['a3', 'a3/p1', 'a3/p1/s1', 'a3/p1/s2', 'a3/p1/s2/i1', 'a3/p1/s2/i2', 'a3/p1/s3', 'a3/p2']);
  });

  it('resolves anchors to their node and range', () => {
    expect(resolveAnchor(draft, 'a3')).toMatchObject({ level: 'article', start: 0, end: a3.text.length });
    const item = resolveAnchor(draft, 'a3/p1/s2/i2');
    expect(item?.level).toBe('item');
    expect(a3.text.slice(item!.start, item!.end)).toBe('（二）附設於公園內之共融式遊戲場。');
    expect(resolveAnchor(draft, 'a3/p2')).toMatchObject({ level: 'paragraph', node: { text: '前項第三款之公告，應刊登市政府公報。' } });
    expect(resolveAnchor(draft, 'a3-1/p2')?.level).toBe('paragraph');
  });

  it.each(['a4', 'a3/p3', 'a3/p2/s1', 'a3/p1/s4', 'a3/p1/s1/i1', 'a3/p1/s2/i3', 'bad'])('does not resolve %s', (anchor) => {
    expect(resolveAnchor(draft, anchor)).toBeNull();
  });

  it('finds articles by number or anchor', () => {
    expect(findArticle(draft, '3-1')?.label).toBe('第三條之一');
    expect(findArticle(draft, 'a3-1/p2')?.label).toBe('第三條之一');
    expect(findArticle(draft, '99')).toBeUndefined();
    expect(findArticle(draft, 'x')).toBeUndefined();
  });

  it('every anchor of the fixture resolves, and its range text is the node text', () => {
    for (const article of draft.articles) {
      for (const anchor of articleAnchors(article)) {
        const target = resolveAnchor(draft, anchor);
        expect(target, anchor).not.toBeNull();
        if (target && target.level !== 'article') expect(article.text.slice(target.start, target.end)).toBe(target.node.text);
      }
    }
  });
});

describe('passage selection', () => {
  const at = (quote: string): number => a3.text.indexOf(quote);

  it.each([
    ['inside a 目', '共融式遊戲場', 'a3/p1/s2/i2'],
    ['inside a 款', '都市計畫公園', 'a3/p1/s1'],
    ['across two 目 of a 款', '兒童遊樂場。\n（二）附設', 'a3/p1/s2'],
    ['across two 款', '公園。\n二、兒童', 'a3/p1'],
    ['across two 項', '綠地及廣場。\n前項', 'a3'],
    ['in the second 項', '市政府公報', 'a3/p2'],
    ['the lead sentence', '指下列場所', 'a3/p1'],
  ])('range %s → innermost anchor %s', (_what, quote, anchor) => {
    const start = at(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    const result = selectPassage(a3, { start, end: start + quote.length });
    expect(result).toEqual({ ok: true, value: { article: '3', anchor, start, end: start + quote.length, text: quote } });
  });

  it('accepts the whole text and single characters at both ends', () => {
    expect(selectPassage(a3, { start: 0, end: a3.text.length }).ok).toBe(true);
    expect(selectPassage(a3, { start: 0, end: 1 }).ok).toBe(true);
    expect(selectPassage(a3, { start: a3.text.length - 1, end: a3.text.length }).ok).toBe(true);
  });

  it('finds a quote exactly, or ignoring whitespace (copied across lines)', () => {
    const exact = selectPassage(a3, { quote: '獨立設置之兒童遊樂場' });
    expect(exact.ok && exact.value).toMatchObject({ anchor: 'a3/p1/s2/i1', text: '獨立設置之兒童遊樂場' });
    const copied = selectPassage(a3, { quote: '之兒童遊樂場。 （二）附設' });
    expect(copied.ok && copied.value).toMatchObject({ anchor: 'a3/p1/s2', text: '之兒童遊樂場。\n（二）附設' });
  });

  it('needs an occurrence for a repeated quote', () => {
    // 市政府 occurs in 款三 and in 項二.
    const ambiguous = selectPassage(a3, { quote: '市政府' });
    expect(!ambiguous.ok && ambiguous.errors[0]!.code).toBe('quote_ambiguous');
    const second = selectPassage(a3, { quote: '市政府', occurrence: 2 });
    expect(second.ok && second.value.anchor).toBe('a3/p2');
    const first = selectPassage(a3, { quote: '市政府', occurrence: 1 });
    expect(first.ok && first.value.anchor).toBe('a3/p1/s3');
  });

  const BAD: ReadonlyArray<readonly [string, PassageSelection, PassageErrorCode]> = [
    ['empty range', { start: 3, end: 3 }, 'invalid_range'],
    ['reversed range', { start: 5, end: 3 }, 'invalid_range'],
    ['fractional offsets', { start: 0.5, end: 3 }, 'invalid_range'],
    ['NaN', { start: Number.NaN, end: 3 }, 'invalid_range'],
    ['negative start', { start: -1, end: 3 }, 'range_out_of_bounds'],
    ['end past the text', { start: 0, end: a3.text.length + 1 }, 'range_out_of_bounds'],
    ['empty quote', { quote: '' }, 'empty_quote'],
    ['blank quote', { quote: ' \n' }, 'empty_quote'],
    ['quote from another article', { quote: '審議會' }, 'quote_not_found'],
    ['quote ambiguous', { quote: '公園' }, 'quote_ambiguous'],
    ['occurrence too high', { quote: '市政府', occurrence: 3 }, 'occurrence_not_found'],
    ['occurrence zero', { quote: '市政府', occurrence: 0 }, 'occurrence_not_found'],
  ];
  it.each(BAD)('refuses %s', (_what, selection, code) => {
    const result = selectPassage(a3, selection);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.code).toBe(code);
  });

  it('refuses selections in a deleted article', () => {
    const result = selectPassage(articleOf(draft, '14'), { start: 0, end: 1 });
    expect(!result.ok && result.errors[0]!.code).toBe('article_deleted');
  });

  it('refuses a range cutting a surrogate pair in two', () => {
    const d = draftOf('第一條　設置𠮟責專線。');
    const text = d.articles[0]!.text;
    const i = text.indexOf('𠮟');
    expect(selectPassage(d.articles[0]!, { start: i + 1, end: i + 4 }).ok).toBe(false);
    expect(selectPassage(d.articles[0]!, { start: i, end: i + 1 }).ok).toBe(false);
    const whole = selectPassage(d.articles[0]!, { start: i, end: i + 2 });
    expect(whole.ok && whole.value.text).toBe('𠮟');
    const r = selectPassage(d.articles[0]!, { start: i + 1, end: i + 4 });
    expect(!r.ok && r.errors[0]!.code).toBe('range_splits_character');
  });
});
