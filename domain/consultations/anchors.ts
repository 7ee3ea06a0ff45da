/**
 * Stable anchors for the parts of a draft, so comments can target them:
 *
 *   a12-1               第十二條之一
 *   a12-1/p2            第十二條之一第二項
 *   a12-1/p2/s3         第十二條之一第二項第三款
 *   a12-1/p2/s3/i1      第十二條之一第二項第三款第一目
 *
 * Paragraphs, subparagraphs and items are numbered by position (1-based), which is how they are
 * cited. An anchor is stable as long as the structure before it in the same article is unchanged;
 * a comment stores the anchor together with the draft version it was made on.
 */
import { articleLabelOf, formatArticleNumber, parseArticleNumber } from './article-number';
import { formatChineseNumeral } from './chinese-numerals';
import type { Draft, DraftArticle, DraftItem, DraftParagraph, DraftSubparagraph } from './draft';

export interface ParsedAnchor {
  /** Normalized article number, `"12-1"`. */
  readonly article: string;
  readonly paragraph?: number;
  readonly subparagraph?: number;
  readonly item?: number;
}

const ANCHOR_RE = /^a([1-9][0-9]{0,3}(?:-[1-9][0-9]{0,3})?)(?:\/p([1-9][0-9]{0,3})(?:\/s([1-9][0-9]{0,3})(?:\/i([1-9][0-9]{0,3}))?)?)?$/;

/** `"12-1"` → `"a12-1"`. Throws RangeError for a malformed article number. */
export function articleAnchor(articleNumber: string): string {
  const parsed = parseArticleNumber(articleNumber);
  if (parsed === null) throw new RangeError(`Invalid article number ${JSON.stringify(articleNumber)}.`);
  return `a${formatArticleNumber(parsed)}`;
}

/** Builds an anchor; deeper levels require the levels above them. */
export function formatAnchor(anchor: ParsedAnchor): string {
  let out = articleAnchor(anchor.article);
  const levels: ReadonlyArray<readonly [string, number | undefined]> = [
    ['p', anchor.paragraph],
    ['s', anchor.subparagraph],
    ['i', anchor.item],
  ];
  let missing: string | undefined;
  for (const [prefix, n] of levels) {
    if (n === undefined) {
      missing ??= prefix;
      continue;
    }
    if (missing !== undefined) throw new RangeError(`Anchor level ${prefix} given without the level ${missing} above it.`);
    if (!Number.isInteger(n) || n < 1 || n > 9999) throw new RangeError(`Anchor ${prefix} must be an integer in 1..9999, got ${n}.`);
    out += `/${prefix}${n}`;
  }
  return out;
}

/** Parses an anchor; `null` when malformed. */
export function parseAnchor(anchor: string): ParsedAnchor | null {
  const m = typeof anchor === 'string' ? ANCHOR_RE.exec(anchor) : null;
  if (!m) return null;
  return {
    article: m[1]!,
    ...(m[2] !== undefined ? { paragraph: Number(m[2]) } : {}),
    ...(m[3] !== undefined ? { subparagraph: Number(m[3]) } : {}),
    ...(m[4] !== undefined ? { item: Number(m[4]) } : {}),
  };
}

/** Citation form: `a12-1/p2/s3/i1` → `第十二條之一第二項第三款第一目`. Throws RangeError when malformed. */
export function anchorLabel(anchor: string): string {
  const parsed = parseAnchor(anchor);
  if (parsed === null) throw new RangeError(`Invalid anchor ${JSON.stringify(anchor)}.`);
  let out = articleLabelOf(parsed.article);
  if (parsed.paragraph !== undefined) out += `第${formatChineseNumeral(parsed.paragraph)}項`;
  if (parsed.subparagraph !== undefined) out += `第${formatChineseNumeral(parsed.subparagraph)}款`;
  if (parsed.item !== undefined) out += `第${formatChineseNumeral(parsed.item)}目`;
  return out;
}

export type AnchorTarget =
  | { readonly level: 'article'; readonly article: DraftArticle; readonly start: number; readonly end: number }
  | { readonly level: 'paragraph'; readonly article: DraftArticle; readonly node: DraftParagraph; readonly start: number; readonly end: number }
  | { readonly level: 'subparagraph'; readonly article: DraftArticle; readonly node: DraftSubparagraph; readonly start: number; readonly end: number }
  | { readonly level: 'item'; readonly article: DraftArticle; readonly node: DraftItem; readonly start: number; readonly end: number };

/** The article of a draft by normalized number (`"12-1"`) or anchor (`"a12-1/p2"`). */
export function findArticle(draft: Draft, numberOrAnchor: string): DraftArticle | undefined {
  const number = parseArticleNumber(numberOrAnchor) ? numberOrAnchor : parseAnchor(numberOrAnchor)?.article;
  return number === undefined ? undefined : draft.articles.find((a) => a.number === number);
}

/** What an anchor points at in `draft` (with its range in the article text); `null` if it does not exist. */
export function resolveAnchor(draft: Draft, anchor: string): AnchorTarget | null {
  const parsed = parseAnchor(anchor);
  if (parsed === null) return null;
  const article = draft.articles.find((a) => a.number === parsed.article);
  if (article === undefined) return null;
  if (parsed.paragraph === undefined) return { level: 'article', article, start: 0, end: article.text.length };
  const paragraph = article.paragraphs[parsed.paragraph - 1];
  if (paragraph === undefined) return null;
  if (parsed.subparagraph === undefined) return { level: 'paragraph', article, node: paragraph, start: paragraph.start, end: paragraph.end };
  const sub = paragraph.subparagraphs[parsed.subparagraph - 1];
  if (sub === undefined) return null;
  if (parsed.item === undefined) return { level: 'subparagraph', article, node: sub, start: sub.start, end: sub.end };
  const item = sub.items[parsed.item - 1];
  if (item === undefined) return null;
  return { level: 'item', article, node: item, start: item.start, end: item.end };
}

/** Every anchor of an article, in document order (the article first). */
export function articleAnchors(article: DraftArticle): string[] {
  const out = [article.anchor];
  for (const p of article.paragraphs) {
    out.push(p.anchor);
    for (const s of p.subparagraphs) {
      out.push(s.anchor);
      for (const i of s.items) out.push(i.anchor);
    }
  }
  return out;
}

/** The deepest anchor whose range contains `[start, end)` (at least the article's own anchor). */
export function innermostAnchor(article: DraftArticle, start: number, end: number): string {
  const inside = (r: { start: number; end: number }): boolean => r.start <= start && end <= r.end;
  let anchor = article.anchor;
  for (const p of article.paragraphs) {
    if (!inside(p)) continue;
    anchor = p.anchor;
    for (const s of p.subparagraphs) {
      if (!inside(s)) continue;
      anchor = s.anchor;
      for (const i of s.items) if (inside(i)) anchor = i.anchor;
    }
  }
  return anchor;
}
