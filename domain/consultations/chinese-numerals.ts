/**
 * Chinese numerals as used in Taiwanese statute numbering (第一百零三條, 第十二條之一, 第二章, 三、).
 *
 * Range 1..9999, which covers every article, chapter, 款 and 目 number in practice. The canonical
 * (formatted) spelling follows the style of 全國法規資料庫: 十 without 一 (十二, 一百十, 一千一百十),
 * one 零 for any run of missing units (一百零三, 一千零十, 一千零三). The parser also accepts the
 * explicit-一 spellings (一十二, 一百一十五) and 〇 or 兩 (一百〇三, 兩百), and rejects the colloquial
 * abbreviations that would be ambiguous (一百三 for 130, 兩千五) and anything else malformed.
 * Pure and deterministic.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const DIGIT_CHARS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

export const CHINESE_NUMERAL_MAX = 9999;

/** Characters that may appear in a Chinese numeral (for building regular expressions). */
export const CHINESE_NUMERAL_CHARS = '零〇一二三四五六七八九兩十百千';

/**
 * Value of a Chinese numeral (1..9999), or `null` when `text` is not a well-formed one.
 * Accepts 十二 / 一十二, 一百十 / 一百一十, 一百零三 / 一百〇三; rejects 一百三, 十十, 一零三, 零, ''.
 */
export function parseChineseNumeral(text: string): number | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  let total = 0;
  let lastUnit = 10_000; // the unit of the previous group; units must strictly decrease
  let digit: number | null = null; // a digit waiting for its unit (or for the end: the ones)
  let zero = false; // a 零 since the last unit
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const d = DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null) return null; // two digits in a row (一二, 一零三)
      if (d === 0) {
        // 零 only marks skipped units between groups: after a unit, once, never last.
        if (zero || lastUnit === 10_000 || i === chars.length - 1) return null;
        zero = true;
        continue;
      }
      digit = d;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined || unit >= lastUnit) return null;
    if (zero && unit * 10 >= lastUnit) return null; // 零 must stand for at least one skipped unit (一百零十 is wrong)
    if (!zero && lastUnit !== 10_000 && unit * 10 < lastUnit) return null; // skipped a unit without 零 (一千十)
    let value = digit;
    if (value === null) {
      // A bare 十 means 一十: at the start (十二), right after 百 (一百十, Taiwan style) or after 零 (一千零十).
      if (unit !== 10 || !(lastUnit === 10_000 || lastUnit === 100 || zero)) return null;
      value = 1;
    }
    total += value * unit;
    lastUnit = unit;
    digit = null;
    zero = false;
  }
  if (digit !== null) {
    // The ones digit: right after 十, after 零, or alone (三).
    if (!(lastUnit === 10_000 || lastUnit === 10 || zero)) return null; // 一百三 (colloquial 130) is ambiguous
    total += digit;
  }
  return total >= 1 && total <= CHINESE_NUMERAL_MAX ? total : null;
}

/** Canonical spelling of 1..9999: 1 → 一, 10 → 十, 12 → 十二, 103 → 一百零三, 110 → 一百十, 1010 → 一千零十. */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > CHINESE_NUMERAL_MAX) {
    throw new RangeError(`formatChineseNumeral: expected an integer in 1..${CHINESE_NUMERAL_MAX}, got ${n}.`);
  }
  const groups: ReadonlyArray<readonly [number, string]> = [
    [Math.floor(n / 1000), '千'],
    [Math.floor(n / 100) % 10, '百'],
    [Math.floor(n / 10) % 10, '十'],
    [n % 10, ''],
  ];
  let out = '';
  let needZero = false;
  for (const [digit, unit] of groups) {
    if (digit === 0) {
      if (out !== '') needZero = true;
      continue;
    }
    if (needZero) out += '零';
    needZero = false;
    out += unit === '十' && digit === 1 ? '十' : DIGIT_CHARS[digit]! + unit;
  }
  return out;
}

/** Arabic digits, ASCII or full-width (１２), as a number; `null` if not all digits or out of 1..9999. */
export function parseArabicNumeral(text: string): number | null {
  if (!/^[0-9０-９]+$/.test(text)) return null;
  const ascii = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
  const n = Number(ascii);
  return Number.isSafeInteger(n) && n >= 1 && n <= CHINESE_NUMERAL_MAX ? n : null;
}

/** A numeral in either script (一百零三 or 103 / １０３). */
export function parseNumeral(text: string): number | null {
  return parseArabicNumeral(text) ?? parseChineseNumeral(text);
}
