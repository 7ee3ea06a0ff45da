/**
 * Passage selection: a comment may target a passage of an article, given as a character range
 * `[start, end)` of the article text (UTF-16 offsets, as JavaScript strings index) or as the quoted
 * text. The selection is accepted only when it lies inside that article's text.
 *
 * Quotes match exactly first; when that fails they match ignoring whitespace (copying across the
 * lines of a rendered article adds or drops line breaks). A quote found more than once must say
 * which occurrence it means (1-based, counted in the same way it matched).
 */
import { innermostAnchor } from './anchors';
import type { DraftArticle } from './draft';
import { fail, ok, type Result } from './result';

export type PassageSelection =
  | { readonly start: number; readonly end: number }
  | { readonly quote: string; readonly occurrence?: number };

export const passageErrorCodes = [
  /** start/end are not integers, or start >= end. */
  'invalid_range',
  /** The range goes outside the article text. */
  'range_out_of_bounds',
  /** The range cuts a character written as a surrogate pair in two. */
  'range_splits_character',
  /** The quote is empty (or only whitespace). */
  'empty_quote',
  /** The quote is not in the article text. */
  'quote_not_found',
  /** The quote occurs more than once and no occurrence was given. */
  'quote_ambiguous',
  /** The requested occurrence does not exist (or is not a positive integer). */
  'occurrence_not_found',
  /** The article is deleted in the draft: there is no text to select. */
  'article_deleted',
] as const;

export type PassageErrorCode = (typeof passageErrorCodes)[number];

export interface PassageError {
  readonly code: PassageErrorCode;
  readonly message: string;
}

export interface Passage {
  /** Normalized article number. */
  readonly article: string;
  /** The deepest anchor (article, 項, 款 or 目) containing the whole passage. */
  readonly anchor: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** True when offset `i` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && !isHighSurrogate(text.charCodeAt(i)) && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff;
}

function passageError(code: PassageErrorCode, message: string): { ok: false; errors: readonly PassageError[] } {
  return fail([{ code, message }]);
}

/** All start offsets of `needle` in `haystack`, overlapping occurrences included. */
function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Ranges in `text` of `quote`, matched exactly, else ignoring whitespace on both sides. */
function quoteRanges(text: string, quote: string): { start: number; end: number }[] {
  const exact = occurrences(text, quote);
  if (exact.length > 0) return exact.map((start) => ({ start, end: start + quote.length }));
  const compactQuote = quote.replace(/\s+/g, '');
  const map: number[] = []; // compact index → text index
  let compact = '';
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    map.push(i);
    compact += text[i];
  }
  return occurrences(compact, compactQuote).map((c) => ({
    start: map[c]!,
    end: map[c + compactQuote.length - 1]! + 1,
  }));
}

/** Validates a selection against an article; see the module comment. */
export function selectPassage(article: DraftArticle, selection: PassageSelection): Result<Passage, PassageError> {
  const text = article.text;
  if (article.status === 'deleted' || text === '') {
    return passageError('article_deleted', `${article.label} is deleted in this draft; comment on the article as a whole.`);
  }
  let start: number;
  let end: number;
  if ('quote' in selection) {
    const quote = typeof selection.quote === 'string' ? selection.quote : '';
    if (quote.trim() === '') return passageError('empty_quote', 'The quoted passage is empty.');
    const ranges = quoteRanges(text, quote);
    if (ranges.length === 0) {
      return passageError('quote_not_found', `The quoted passage is not in ${article.label}.`);
    }
    const occurrence = selection.occurrence;
    let range: { start: number; end: number } | undefined;
    if (occurrence === undefined) {
      if (ranges.length > 1) {
        return passageError('quote_ambiguous', `The quoted passage occurs ${ranges.length} times in ${article.label}; say which occurrence.`);
      }
      range = ranges[0];
    } else {
      range = Number.isInteger(occurrence) && occurrence >= 1 ? ranges[occurrence - 1] : undefined;
      if (range === undefined) {
        return passageError('occurrence_not_found', `${article.label} has ${ranges.length} occurrence(s) of the quote, not #${String(occurrence)}.`);
      }
    }
    ({ start, end } = range!);
  } else {
    ({ start, end } = selection);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start >= end) {
      return passageError('invalid_range', `Invalid range [${String(start)}, ${String(end)}): expected integers with start < end.`);
    }
    if (start < 0 || end > text.length) {
      return passageError('range_out_of_bounds', `Range [${start}, ${end}) is outside ${article.label} (0..${text.length}).`);
    }
    if (splitsPair(text, start) || splitsPair(text, end)) {
      return passageError('range_splits_character', `Range [${start}, ${end}) cuts a character in two.`);
    }
  }
  return ok({ article: article.number, anchor: innermostAnchor(article, start, end), start, end, text: text.slice(start, end) });
}
