/**
 * Article numbers (條次) of Taiwanese statutes: 第十二條, and articles inserted by an amendment
 * between two existing ones, 第十二條之一 (read "article 12-1"), which sorts after 12 and before 13.
 *
 * Normalized form `"12"` / `"12-1"`: stable, ASCII, used in anchors, URLs and D1 columns.
 * Label form `"第十二條之一"`: canonical Chinese numerals, for display.
 */
import { formatChineseNumeral, parseNumeral, CHINESE_NUMERAL_MAX } from './chinese-numerals';

export interface ArticleNumber {
  /** The article (1..9999). */
  readonly main: number;
  /** The inserted article after `main` (之一 → 1), or 0 for a plain article. */
  readonly sub: number;
}

const NORMALIZED_RE = /^([1-9][0-9]{0,3})(?:-([1-9][0-9]{0,3}))?$/;

function checkPart(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > CHINESE_NUMERAL_MAX) {
    throw new RangeError(`Article number ${name} must be an integer in ${min}..${CHINESE_NUMERAL_MAX}, got ${n}.`);
  }
}

/** `{ main: 12, sub: 1 }` → `"12-1"`; `{ main: 12, sub: 0 }` → `"12"`. */
export function formatArticleNumber(number: ArticleNumber): string {
  checkPart('main', number.main, 1);
  checkPart('sub', number.sub, 0);
  return number.sub === 0 ? String(number.main) : `${number.main}-${number.sub}`;
}

/** Inverse of {@link formatArticleNumber}; `null` for anything else (`"012"`, `"12-0"`, `"12之1"`). */
export function parseArticleNumber(text: string): ArticleNumber | null {
  const m = typeof text === 'string' ? NORMALIZED_RE.exec(text) : null;
  if (!m) return null;
  return { main: Number(m[1]), sub: m[2] === undefined ? 0 : Number(m[2]) };
}

/** `{ main: 12, sub: 1 }` → `"第十二條之一"`. */
export function articleLabel(number: ArticleNumber): string {
  checkPart('main', number.main, 1);
  checkPart('sub', number.sub, 0);
  const main = `第${formatChineseNumeral(number.main)}條`;
  return number.sub === 0 ? main : `${main}之${formatChineseNumeral(number.sub)}`;
}

/** Label of a normalized number: `"12-1"` → `"第十二條之一"`. Throws RangeError for a malformed one. */
export function articleLabelOf(normalized: string): string {
  const number = parseArticleNumber(normalized);
  if (number === null) throw new RangeError(`Invalid article number ${JSON.stringify(normalized)}: expected e.g. "12" or "12-1".`);
  return articleLabel(number);
}

/** Statute order: 12 < 12-1 < 12-2 < 13. Usable with `Array#sort`. */
export function compareArticleNumbers(a: ArticleNumber, b: ArticleNumber): number {
  return a.main !== b.main ? a.main - b.main : a.sub - b.sub;
}

/**
 * Reads the numbers of an article label as written in a draft: `第十二條之一`, `第12條之1`,
 * `第12-1條`, `第 12 條`, full-width digits. `null` when the numerals are malformed.
 */
export function parseArticleLabel(label: string): ArticleNumber | null {
  const m = ARTICLE_LABEL_RE.exec(label);
  if (!m || m[0].length !== label.length) return null;
  return articleNumberFromMatch(m[1]!, m[2] ?? m[3]);
}

/** Numerals of a 條 label match (main, optional sub); `null` when a numeral is malformed. */
export function articleNumberFromMatch(mainText: string, subText: string | undefined): ArticleNumber | null {
  const main = parseNumeral(mainText);
  if (main === null) return null;
  if (subText === undefined) return { main, sub: 0 };
  const sub = parseNumeral(subText);
  return sub === null ? null : { main, sub };
}

const NUM = '[0-9０-９]+|[零〇一二三四五六七八九兩十百千]+';

/**
 * An article label at the start of a string: group 1 the main numeral, group 2 the sub numeral
 * written `第N-M條` (Arabic digits only), group 3 the sub numeral written `第N條之M`.
 */
export const ARTICLE_LABEL_RE = new RegExp(
  `^第[ \\t\\u3000]*(${NUM})[ \\t\\u3000]*(?:[-－‐][ \\t\\u3000]*([0-9０-９]+)[ \\t\\u3000]*條|條(?:[ \\t\\u3000]*之[ \\t\\u3000]*(${NUM}))?)`,
);
