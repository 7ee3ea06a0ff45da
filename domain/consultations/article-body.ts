/**
 * The body of one article: lines → 項 / 款 / 目 with offsets and anchors. Internal to the import.
 *
 * Rules (see DRAFT-FORMAT.md):
 *   - Each line is a unit; a blank line always separates units.
 *   - A line continues the previous one (hard-wrapped text, PDF copy) when the previous line does
 *     not end with sentence-final punctuation (。；：！？ . ; : ! ?, optionally followed by closing
 *     brackets or quotes, or （刪除）) and the line itself does not start with a marker. Continued
 *     lines are joined without a space, except between two ASCII letters or digits.
 *   - `一、` starts a 款, `（一）` / `(一)` a 目, `第N項` (followed by a space or colon) an explicitly
 *     numbered 項 whose marker is dropped from the text; `1.` / `（1）` lines stay inside the
 *     enclosing unit; any other line starts a new 項.
 */
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral, parseNumeral } from './chinese-numerals';
import type { DraftItem, DraftParagraph, DraftSubparagraph } from './draft';
import type { DraftImportError } from './draft-import-errors';

export interface BodyLine {
  /** Trimmed text; `''` for a blank line. */
  readonly text: string;
  /** 1-based source line. */
  readonly line: number;
}

type LineKind =
  | { readonly kind: 'paragraph'; readonly number: number; readonly rest: string }
  | { readonly kind: 'subparagraph'; readonly number: number }
  | { readonly kind: 'item'; readonly number: number }
  | { readonly kind: 'deeper' }
  | { readonly kind: 'plain' };

const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
const PARAGRAPH_RE = new RegExp(`^第[ \\t\\u3000]*([0-9０-９]+|${CN})[ \\t\\u3000]*項(?:[ \\t\\u3000：:]+|$)`);
const SUBPARAGRAPH_RE = new RegExp(`^(${CN})、`);
const ITEM_RE = new RegExp(`^[（(](${CN})[）)]`);
const DEEPER_RE = /^(?:[0-9０-９]+[.．、]|[（(][0-9０-９]+[）)])/;
const CLOSERS_RE = /[」』）)〕】"'”’]+$/;
const TERMINAL_RE = /[。；：！？.;:!?]$/;

function lineKind(text: string): LineKind {
  const p = PARAGRAPH_RE.exec(text);
  if (p) {
    const number = parseNumeral(p[1]!);
    if (number !== null) return { kind: 'paragraph', number, rest: text.slice(p[0].length).trim() };
  }
  const s = SUBPARAGRAPH_RE.exec(text);
  if (s) {
    const number = parseChineseNumeral(s[1]!);
    if (number !== null) return { kind: 'subparagraph', number };
  }
  const i = ITEM_RE.exec(text);
  if (i) {
    const number = parseChineseNumeral(i[1]!);
    if (number !== null) return { kind: 'item', number };
  }
  if (DEEPER_RE.test(text)) return { kind: 'deeper' };
  return { kind: 'plain' };
}

/** The line is complete: it ends a sentence (or is a deleted 款: `五、（刪除）`). */
function endsSentence(text: string): boolean {
  if (/刪除[）)]$/.test(text)) return true;
  return TERMINAL_RE.test(text.replace(CLOSERS_RE, '')) || TERMINAL_RE.test(text);
}

function join(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** Lines after joining continuations (see the module comment); blank lines removed. */
export function logicalLines(lines: readonly BodyLine[]): BodyLine[] {
  const out: { text: string; line: number }[] = [];
  let canContinue = false;
  for (const { text, line } of lines) {
    if (text === '') {
      canContinue = false;
      continue;
    }
    const last = out[out.length - 1];
    if (canContinue && last && lineKind(text).kind === 'plain' && !endsSentence(last.text)) {
      last.text = join(last.text, text);
    } else {
      out.push({ text, line });
    }
    canContinue = true;
  }
  return out;
}

/** Normalized text of free lines (current text, explanations): logical lines joined with `\n`. */
export function joinLines(lines: readonly BodyLine[]): string {
  return logicalLines(lines)
    .map((l) => l.text)
    .join('\n');
}

interface UnitBuild {
  index: number;
  first: number; // index into the output lines, -1 until the unit has a line
  last: number;
}
type ItemBuild = UnitBuild;
interface SubBuild extends UnitBuild {
  items: ItemBuild[];
}
interface ParagraphBuild extends UnitBuild {
  subs: SubBuild[];
  line: number;
}

export interface ArticleBody {
  readonly text: string;
  readonly paragraphs: readonly DraftParagraph[];
  readonly errors: readonly DraftImportError[];
}

/** Parses the body lines of an article whose anchor is `anchor` (label used in messages). */
export function parseArticleBody(lines: readonly BodyLine[], anchor: string, label: string): ArticleBody {
  const errors: DraftImportError[] = [];
  const error = (code: DraftImportError['code'], line: number, message: string): void => {
    errors.push({ code, line, article: label, message: `${label}: ${message}` });
  };
  const out: string[] = [];
  const paragraphs: ParagraphBuild[] = [];
  /** The unit the last line went into, for `1.` lines. */
  let deepest: 'paragraph' | 'subparagraph' | 'item' = 'paragraph';

  const extend = (para: ParagraphBuild, sub?: SubBuild, item?: ItemBuild): void => {
    const i = out.length - 1;
    for (const u of [para, sub, item]) {
      if (u === undefined) continue;
      if (u.first < 0) u.first = i;
      u.last = i;
    }
  };
  const newParagraph = (line: number): ParagraphBuild => {
    const para: ParagraphBuild = { index: paragraphs.length + 1, first: -1, last: -1, subs: [], line };
    paragraphs.push(para);
    return para;
  };

  for (const { text, line } of logicalLines(lines)) {
    const kind = lineKind(text);
    const para = paragraphs[paragraphs.length - 1];
    const sub = para?.subs[para.subs.length - 1];
    const awaitingLead = para !== undefined && para.first < 0;
    switch (kind.kind) {
      case 'paragraph': {
        if (awaitingLead) error('empty_paragraph', para.line, `第${para.index}項 has no text.`);
        if (kind.number !== paragraphs.length + 1 - (awaitingLead ? 1 : 0)) {
          error(
            'paragraph_out_of_order',
            line,
            `explicit 第${kind.number}項 where paragraph ${paragraphs.length + 1 - (awaitingLead ? 1 : 0)} was expected.`,
          );
        }
        const target = awaitingLead ? para : newParagraph(line);
        if (kind.rest !== '') {
          out.push(kind.rest);
          extend(target);
        }
        deepest = 'paragraph';
        break;
      }
      case 'subparagraph': {
        let target = para;
        if (target === undefined || awaitingLead) {
          error('subparagraph_without_paragraph', line, `the 款 "${text.slice(0, 12)}" has no lead sentence (項) before it.`);
          target ??= newParagraph(line);
        }
        const expected = target.subs.length + 1;
        if (kind.number !== expected) {
          error('subparagraph_out_of_order', line, `款 ${kind.number} where 款 ${expected} was expected.`);
        }
        const built: SubBuild = { index: expected, first: -1, last: -1, items: [] };
        target.subs.push(built);
        out.push(text);
        extend(target, built);
        deepest = 'subparagraph';
        break;
      }
      case 'item': {
        if (para === undefined || sub === undefined || awaitingLead || deepest === 'paragraph') {
          error('item_without_subparagraph', line, `the 目 "${text.slice(0, 12)}" is not inside a 款.`);
          const target = awaitingLead ? para : newParagraph(line);
          out.push(text);
          extend(target);
          deepest = 'paragraph';
          break;
        }
        const expected = sub.items.length + 1;
        if (kind.number !== expected) {
          error('item_out_of_order', line, `目 ${kind.number} where 目 ${expected} was expected.`);
        }
        const built: ItemBuild = { index: expected, first: -1, last: -1 };
        sub.items.push(built);
        out.push(text);
        extend(para, sub, built);
        deepest = 'item';
        break;
      }
      case 'deeper':
      case 'plain': {
        if (kind.kind === 'deeper' && para !== undefined && !awaitingLead) {
          out.push(text);
          const item = deepest === 'item' ? sub?.items[sub.items.length - 1] : undefined;
          extend(para, deepest === 'paragraph' ? undefined : sub, item);
          break;
        }
        const target = awaitingLead ? para : newParagraph(line);
        out.push(text);
        extend(target);
        deepest = 'paragraph';
        break;
      }
    }
  }
  const trailing = paragraphs[paragraphs.length - 1];
  if (trailing !== undefined && trailing.first < 0) {
    error('empty_paragraph', trailing.line, `第${trailing.index}項 has no text.`);
    paragraphs.pop();
  }

  const text = out.join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of out) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const range = (u: UnitBuild): { start: number; end: number; text: string } => {
    const start = starts[u.first]!;
    const end = starts[u.last]! + out[u.last]!.length;
    return { start, end, text: text.slice(start, end) };
  };
  const built: DraftParagraph[] = paragraphs.map((p) => {
    const pAnchor = `${anchor}/p${p.index}`;
    const subparagraphs: DraftSubparagraph[] = p.subs.map((s) => {
      const sAnchor = `${pAnchor}/s${s.index}`;
      const items: DraftItem[] = s.items.map((i) => ({ anchor: `${sAnchor}/i${i.index}`, index: i.index, ...range(i) }));
      return { anchor: sAnchor, index: s.index, ...range(s), items };
    });
    return { anchor: pAnchor, index: p.index, ...range(p), subparagraphs };
  });
  return { text, paragraphs: built, errors };
}
