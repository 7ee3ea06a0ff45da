/**
 * Line-level reading of a draft source (plain text or Markdown): what each line is, before any
 * structure is built. Internal to the draft import.
 *
 * Markdown accepted: ATX headings (`# …` to `###### …`), bold (`**…**` / `__…__`) around an
 * article label or a block name, thematic breaks (`---`), which count as blank lines.
 */
import { parseNumeral, CHINESE_NUMERAL_CHARS } from './chinese-numerals';
import { ARTICLE_LABEL_RE, articleNumberFromMatch, type ArticleNumber } from './article-number';

export type BlockMarker = 'amended' | 'current' | 'explanation' | 'text' | 'general';

/** The block names of the draft convention and their aliases (see DRAFT-FORMAT.md). */
export const BLOCK_MARKER_NAMES: Readonly<Record<string, BlockMarker>> = {
  修正條文: 'amended',
  修正規定: 'amended',
  現行條文: 'current',
  現行規定: 'current',
  條文: 'text',
  草案條文: 'text',
  說明: 'explanation',
  總說明: 'general',
};

export type SourceLine =
  | { readonly kind: 'blank'; readonly line: number }
  | { readonly kind: 'title'; readonly line: number; readonly text: string; readonly raw: string; readonly markdown: boolean }
  | {
      readonly kind: 'article';
      readonly line: number;
      /** `null` when the numerals are malformed. */
      readonly number: ArticleNumber | null;
      readonly title?: string;
      /** Text following the label on the same line (plain `第一條　為…`). */
      readonly text: string;
      /** Written as a Markdown heading or in bold (never a repeated label inside a block). */
      readonly markdown: boolean;
      readonly raw: string;
    }
  | {
      readonly kind: 'chapter' | 'section';
      readonly line: number;
      readonly number: number | null;
      readonly title: string;
      readonly raw: string;
    }
  | { readonly kind: 'marker'; readonly line: number; readonly marker: BlockMarker; readonly text: string; readonly raw: string }
  | { readonly kind: 'heading'; readonly line: number; readonly text: string; readonly raw: string }
  | { readonly kind: 'text'; readonly line: number; readonly text: string };

const HEADING_RE = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?$/;
const BOLD_RE = /^(\*\*|__)(.+?)\1(.*)$/;
const RULE_RE = /^(?:[-*_][ \t]*){3,}$/;
const SPACE = '[ \\t\\u3000]';
const CHAPTER_RE = new RegExp(`^第${SPACE}*([0-9０-９]+|[${CHINESE_NUMERAL_CHARS}]+)${SPACE}*(章|節)(.*)$`);
const MARKER_RE = new RegExp(`^(${Object.keys(BLOCK_MARKER_NAMES).join('|')})${SPACE}*(?:[：:]${SPACE}*(.*))?$`);
const TITLE_LINE_RE = new RegExp(`^(?:名稱|標題)${SPACE}*[：:]${SPACE}*(.+)$`);

/** Splits on any line break and drops a leading byte-order mark. */
export function splitLines(source: string): string[] {
  return source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** `（立法目的）` / `(立法目的)` → `立法目的`; other text unchanged. Trimmed. */
function unwrapParens(text: string): string {
  const t = text.trim();
  const m = /^[（(](.*)[）)]$/.exec(t);
  return (m ? m[1]! : t).trim();
}

/**
 * A parenthesized title at the start of `rest` (`（立法目的）本條例…`): the title and what follows;
 * `null` when `rest` does not start with a closed parenthesis.
 */
function leadingParenTitle(rest: string): { title: string; after: string } | null {
  if (!/^[（(]/.test(rest)) return null;
  const close = rest.search(/[）)]/);
  if (close < 0) return null;
  return { title: rest.slice(1, close).trim(), after: rest.slice(close + 1).trim() };
}

function isSeparatorStart(rest: string): boolean {
  return rest === '' || /^[ \t\u3000：:]/.test(rest);
}

function classifyArticle(
  line: number,
  raw: string,
  content: string,
  form: 'heading' | 'bold' | 'plain',
  afterBold: string,
): SourceLine | null {
  const m = ARTICLE_LABEL_RE.exec(content);
  if (!m) return null;
  const number = articleNumberFromMatch(m[1]!, m[2] ?? m[3]);
  const rest = content.slice(m[0].length);
  if (form === 'heading') {
    const title = unwrapParens(rest.replace(/^[ \t\u3000：:]+/, ''));
    return { kind: 'article', line, number, ...(title ? { title } : {}), text: '', markdown: true, raw };
  }
  if (form === 'bold') {
    // `**第1條（目的）**本條例…` / `**第1條**（目的）本條例…`: title inside the bold or in parentheses after it.
    let title = unwrapParens(rest.replace(/^[ \t\u3000：:]+/, ''));
    let text = afterBold.trim().replace(/^[：:]\s*/, '');
    const paren = title === '' ? leadingParenTitle(text) : null;
    if (paren) {
      title = paren.title;
      text = paren.after;
    }
    return { kind: 'article', line, number, ...(title ? { title } : {}), text, markdown: true, raw };
  }
  const paren = leadingParenTitle(rest);
  if (paren) {
    return { kind: 'article', line, number, ...(paren.title ? { title: paren.title } : {}), text: paren.after, markdown: false, raw };
  }
  // Plain text: the label must be followed by a separator, so a body line that merely starts with
  // a reference (第五條所定…, 第三條第一項…) is not mistaken for a heading.
  if (!isSeparatorStart(rest)) return null;
  return { kind: 'article', line, number, text: rest.replace(/^[ \t\u3000：:]+/, '').trim(), markdown: false, raw };
}

function classifyChapter(line: number, raw: string, content: string, markdown: boolean): SourceLine | null {
  const m = CHAPTER_RE.exec(content);
  if (!m) return null;
  const rest = m[3]!;
  if (!markdown && !isSeparatorStart(rest)) return null;
  return {
    kind: m[2] === '章' ? 'chapter' : 'section',
    line,
    number: parseNumeral(m[1]!),
    title: rest.replace(/^[ \t\u3000：:]+/, '').trim(),
    raw,
  };
}

/** Classifies one source line (1-based `line`). */
export function classifyLine(text: string, line: number): SourceLine {
  const raw = text.trim();
  if (raw === '' || RULE_RE.test(raw)) return { kind: 'blank', line };

  const heading = HEADING_RE.exec(raw);
  if (heading) {
    const content = (heading[2] ?? '').replace(/^(\*\*|__)(.*)\1$/, '$2').trim();
    if (content === '') return { kind: 'blank', line };
    const found =
      classifyArticle(line, raw, content, 'heading', '') ??
      classifyChapter(line, raw, content, true) ??
      classifyMarker(line, raw, content);
    if (found) return found;
    if (heading[1] === '#') return { kind: 'title', line, text: content, raw, markdown: true };
    return { kind: 'heading', line, text: content, raw };
  }

  const bold = BOLD_RE.exec(raw);
  if (bold) {
    const inner = bold[2]!.trim();
    const after = bold[3]!;
    const found =
      classifyArticle(line, raw, inner, 'bold', after) ??
      (after.trim() === '' ? classifyChapter(line, raw, inner, true) : null) ??
      classifyMarker(line, raw, (inner + after).trim());
    if (found) return found;
  }

  const found = classifyArticle(line, raw, raw, 'plain', '') ?? classifyChapter(line, raw, raw, false) ?? classifyMarker(line, raw, raw);
  if (found) return found;
  const title = TITLE_LINE_RE.exec(raw);
  if (title) return { kind: 'title', line, text: title[1]!.trim(), raw, markdown: false };
  return { kind: 'text', line, text: raw };
}

function classifyMarker(line: number, raw: string, content: string): SourceLine | null {
  const m = MARKER_RE.exec(content);
  if (!m) return null;
  return { kind: 'marker', line, marker: BLOCK_MARKER_NAMES[m[1]!]!, text: (m[2] ?? '').trim(), raw };
}
