/**
 * Import of a draft regulation from plain text or Markdown (the convention is in DRAFT-FORMAT.md):
 * articles with their 項 / 款 / 目, chapter and section headings, and for an amendment the
 * 修正條文 / 現行條文 / 說明 blocks of each article of the 條文對照表.
 *
 * Returns every problem at once, each with a stable code and its source line, instead of throwing.
 * Pure and deterministic.
 */
import { articleLabel, compareArticleNumbers, formatArticleNumber, type ArticleNumber } from './article-number';
import { parseArticleBody, joinLines, type BodyLine } from './article-body';
import { articleAnchor } from './anchors';
import { formatChineseNumeral } from './chinese-numerals';
import type { Draft, DraftArticle, DraftChapter, DraftHeading, DraftKind, DraftParagraph } from './draft';
import type { DraftImportError, DraftImportErrorCode } from './draft-import-errors';
import { classifyLine, splitLines, type BlockMarker, type SourceLine } from './draft-lines';
import { fail, ok, type Result } from './result';

export interface ParseDraftOptions {
  /**
   * The kind of draft. Default: `amendment` when any article has a 修正條文 or 現行條文 block,
   * otherwise `new`. Forcing it turns blocks of the other kind into `block_not_allowed` errors.
   */
  readonly kind?: DraftKind;
}

interface Block {
  readonly marker: BlockMarker | null;
  readonly line: number;
  readonly lines: BodyLine[];
  /** The article label repeated at the start of the block's first line (對照表 columns repeat it). */
  label?: { readonly number: ArticleNumber | null; readonly line: number };
}

interface ArticleChunk {
  readonly line: number;
  readonly number: ArticleNumber | null;
  readonly title?: string;
  readonly chapter?: DraftHeading;
  readonly section?: DraftHeading;
  readonly blocks: Block[];
}

interface ChapterBuild extends DraftHeading {
  readonly line: number;
  readonly sections: (DraftHeading & { readonly line: number })[];
  readonly articleNumbers: string[];
}

/**
 * A plain first line taken as the title: the name of a regulation or of a draft document (no
 * sentence punctuation, at most 80 characters, ending like 自治條例草案, 條文對照表, 辦法…).
 */
const PLAIN_TITLE_RE =
  /^[^。；！？：:]{2,78}(?:草案|對照表|總說明|法|律|條例|通則|規程|規則|細則|辦法|綱要|標準|準則|要點|規定)$/;
const DELETED_RE = /^[（(]?(?:本條)?刪除[）)]?。?$/;
const NO_CURRENT_RE = /^[（(]?(?:無|本條新增|新增|新增條文|本條為新增條文)[）)]?。?$/;

function hasContent(block: Block): boolean {
  return block.lines.some((l) => l.text !== '');
}

function firstContentLine(block: Block): number {
  return block.lines.find((l) => l.text !== '')?.line ?? block.line;
}

/** Parses a draft; see the module comment and DRAFT-FORMAT.md. */
export function parseDraft(source: string, options: ParseDraftOptions = {}): Result<Draft, DraftImportError> {
  if (typeof source !== 'string') throw new TypeError('parseDraft: source must be a string.');
  const errors: DraftImportError[] = [];
  const error = (code: DraftImportErrorCode, line: number, message: string, article?: string): void => {
    errors.push({ code, line, ...(article !== undefined ? { article } : {}), message });
  };

  const lines = splitLines(source).map((text, i) => classifyLine(text, i + 1));
  if (lines.every((l) => l.kind === 'blank')) {
    return fail([{ code: 'empty_source', line: 1, message: 'The draft is empty.' }]);
  }

  // ── Pass 1: segment the lines into preamble, headings and article blocks. ──
  let title: string | undefined;
  const general: BodyLine[] = [];
  let inGeneral = false;
  let strayRun = false; // inside a run of stray preamble lines (one error per run)
  let seenHeading = false; // any non-blank line in the preamble (a title must come first)
  const chapters: ChapterBuild[] = [];
  let chapter: ChapterBuild | undefined;
  let section: (DraftHeading & { readonly line: number }) | undefined;
  const chunks: ArticleChunk[] = [];
  let article: ArticleChunk | undefined;

  const currentBlock = (line: number): Block => {
    const blocks = article!.blocks;
    let block = blocks[blocks.length - 1];
    if (block === undefined) {
      block = { marker: null, line, lines: [] };
      blocks.push(block);
    }
    return block;
  };
  const stray = (l: SourceLine): void => {
    if (!strayRun) {
      const shown = (l.kind === 'text' ? l.text : 'raw' in l ? l.raw : '').slice(0, 30);
      error(
        'text_before_first_article',
        l.line,
        chunks.length === 0
          ? `Line ${l.line} is before the first article: "${shown}". Put a title after "# " or "名稱：", an introduction after "總說明：", or remove it.`
          : `Line ${l.line} is between a chapter heading and its first article: "${shown}".`,
      );
    }
    strayRun = true;
  };

  for (const l of lines) {
    if (l.kind === 'blank') {
      if (article) currentBlock(l.line).lines.push({ text: '', line: l.line });
      else if (inGeneral) general.push({ text: '', line: l.line });
      continue;
    }
    if (l.kind !== 'text') strayRun = false;

    if (l.kind === 'article') {
      // Inside a content block, a plain label followed by text on the same line is the label that
      // 對照表 columns repeat at the start of the text (修正條文：第三條之一　本府…), not a new article.
      const block = article?.blocks[article.blocks.length - 1];
      if (
        block &&
        !l.markdown &&
        l.text !== '' &&
        (block.marker === 'amended' || block.marker === 'current' || block.marker === 'text') &&
        !hasContent(block) &&
        block.label === undefined
      ) {
        block.label = { number: l.number, line: l.line };
        block.lines.push({ text: l.text, line: l.line });
        continue;
      }
      if (l.number === null) {
        error('invalid_article_number', l.line, `Malformed article number in "${l.raw.slice(0, 30)}".`);
      }
      inGeneral = false;
      article = {
        line: l.line,
        number: l.number,
        ...(l.title !== undefined ? { title: l.title } : {}),
        ...(chapter ? { chapter: headingOf(chapter) } : {}),
        ...(section ? { section: headingOf(section) } : {}),
        blocks: l.text !== '' ? [{ marker: null, line: l.line, lines: [{ text: l.text, line: l.line }] }] : [],
      };
      chunks.push(article);
      if (chapter && l.number) chapter.articleNumbers.push(formatArticleNumber(l.number));
      continue;
    }

    if (l.kind === 'chapter' || l.kind === 'section') {
      article = undefined;
      inGeneral = false;
      if (l.number === null) {
        error('invalid_heading_number', l.line, `Malformed ${l.kind} number in "${l.raw.slice(0, 30)}".`);
        continue;
      }
      const label = `第${formatChineseNumeral(l.number)}${l.kind === 'chapter' ? '章' : '節'}`;
      if (l.kind === 'chapter') {
        chapter = { number: l.number, label, title: l.title, line: l.line, sections: [], articleNumbers: [] };
        chapters.push(chapter);
        section = undefined;
      } else if (chapter === undefined) {
        error('section_without_chapter', l.line, `${label} is not inside a chapter (第…章).`);
      } else {
        section = { number: l.number, label, title: l.title, line: l.line };
        chapter.sections.push(section);
      }
      continue;
    }

    if (article) {
      const block = article.blocks[article.blocks.length - 1];
      const label = article.number ? articleLabel(article.number) : undefined;
      switch (l.kind) {
        case 'marker':
          if (l.marker === 'general') {
            error('block_not_allowed', l.line, `總說明 belongs before the first article.`, label);
          }
          article.blocks.push(markerBlock(l.marker, l.line, l.text));
          break;
        case 'heading':
          error('unexpected_heading', l.line, `Heading "${l.text.slice(0, 30)}" inside an article: only articles, chapters and blocks may be headings.`, label);
          break;
        case 'title':
          if (l.markdown) {
            error('unexpected_heading', l.line, `Heading "${l.text.slice(0, 30)}" inside an article.`, label);
          } else {
            (block ?? currentBlock(l.line)).lines.push({ text: l.raw, line: l.line });
          }
          break;
        case 'text':
          currentBlock(l.line).lines.push({ text: l.text, line: l.line });
          break;
      }
      continue;
    }

    // Preamble (before the first article or chapter), or after a chapter heading.
    switch (l.kind) {
      case 'title':
        if (title === undefined && !seenHeading && chapters.length === 0) title = l.text;
        else if (inGeneral) general.push({ text: l.raw, line: l.line });
        else stray(l);
        break;
      case 'marker':
        if (l.marker === 'general' && chapters.length === 0 && !inGeneral && general.length === 0) {
          inGeneral = true;
          if (l.text !== '') general.push({ text: l.text, line: l.line });
        } else if (inGeneral) {
          general.push({ text: l.raw, line: l.line });
        } else {
          stray(l);
        }
        break;
      case 'heading':
        // Document headings such as "## 條文對照表" are structure, not text: they end 總說明.
        inGeneral = false;
        break;
      case 'text':
        if (inGeneral) general.push({ text: l.text, line: l.line });
        else if (title === undefined && !seenHeading && chapters.length === 0 && PLAIN_TITLE_RE.test(l.text)) title = l.text;
        else stray(l);
        break;
    }
    seenHeading = true;
  }

  if (chunks.length === 0) {
    const line = lines.find((l) => l.kind !== 'blank')?.line ?? 1;
    if (!errors.some((e) => e.code === 'text_before_first_article')) {
      error('text_before_first_article', line, 'The draft has no article (第…條).');
    }
    return fail(errors);
  }

  // ── Pass 2: kind, numbering, and each article. ──
  const kind: DraftKind =
    options.kind ?? (chunks.some((c) => c.blocks.some((b) => b.marker === 'amended' || b.marker === 'current')) ? 'amendment' : 'new');
  checkChapters(chapters, kind, error);
  checkNumbering(chunks, kind, error);

  const articles: DraftArticle[] = [];
  for (const chunk of chunks) {
    if (chunk.number === null) continue;
    const built = kind === 'amendment' ? buildAmendmentArticle(chunk, chunk.number, error) : buildNewArticle(chunk, chunk.number, error);
    if (built) articles.push(built);
  }

  if (errors.length > 0) return fail([...errors].sort((a, b) => a.line - b.line));
  const generalExplanation = joinLines(general);
  return ok({
    kind,
    ...(title !== undefined ? { title } : {}),
    ...(generalExplanation !== '' ? { generalExplanation } : {}),
    chapters: chapters.map(
      (c): DraftChapter => ({ ...headingOf(c), sections: c.sections.map(headingOf), articleNumbers: c.articleNumbers }),
    ),
    articles,
  });
}

/**
 * A block started by a marker line; text after the marker (修正條文：第三條　…) may begin with the
 * repeated article label like a first line would.
 */
function markerBlock(marker: BlockMarker, line: number, text: string): Block {
  if (text === '') return { marker, line, lines: [] };
  const rest = classifyLine(text, line);
  if (rest.kind === 'article' && !rest.markdown && rest.text !== '' && marker !== 'explanation') {
    return { marker, line, lines: [{ text: rest.text, line }], label: { number: rest.number, line } };
  }
  return { marker, line, lines: [{ text, line }] };
}

type ErrorSink = (code: DraftImportErrorCode, line: number, message: string, article?: string) => void;

function headingOf(h: DraftHeading): DraftHeading {
  return { number: h.number, label: h.label, title: h.title };
}

function checkChapters(chapters: readonly ChapterBuild[], kind: DraftKind, error: ErrorSink): void {
  let previous = 0;
  for (const c of chapters) {
    const expected = previous + 1;
    if (c.number <= previous || (kind === 'new' && c.number !== expected)) {
      error('chapter_out_of_order', c.line, `${c.label} follows 第${formatChineseNumeral(Math.max(previous, 1))}章${kind === 'new' ? `; expected 第${formatChineseNumeral(expected)}章` : ''}.`);
    }
    previous = Math.max(previous, c.number);
    let previousSection = 0;
    for (const s of c.sections) {
      if (s.number <= previousSection || (kind === 'new' && s.number !== previousSection + 1)) {
        error('section_out_of_order', s.line, `${s.label} in ${c.label} is out of order.`);
      }
      previousSection = Math.max(previousSection, s.number);
    }
  }
}

function checkNumbering(chunks: readonly ArticleChunk[], kind: DraftKind, error: ErrorSink): void {
  const seen = new Map<string, number>();
  let previous: ArticleNumber | undefined;
  for (const chunk of chunks) {
    const number = chunk.number;
    if (number === null) continue;
    const key = formatArticleNumber(number);
    const label = articleLabel(number);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      error('duplicate_article', chunk.line, `${label} appears twice (first on line ${firstLine}).`, label);
      continue;
    }
    seen.set(key, chunk.line);
    if (previous && compareArticleNumbers(number, previous) < 0) {
      error('article_out_of_order', chunk.line, `${label} comes after ${articleLabel(previous)}.`, label);
      continue;
    }
    if (kind === 'new') {
      const expected: ArticleNumber = { main: previous ? previous.main + 1 : 1, sub: 0 };
      if (compareArticleNumbers(number, expected) !== 0) {
        error(
          'article_number_gap',
          chunk.line,
          `${label} where ${articleLabel(expected)} was expected: a new regulation numbers its articles 1, 2, 3, … without gaps or 之 articles.`,
          label,
        );
      }
    }
    previous = number;
  }
}

function blocksOf(chunk: ArticleChunk, marker: BlockMarker | null): Block[] {
  return chunk.blocks.filter((b) => b.marker === marker);
}

/** At most one block of each kind: reports the extras and returns the first. */
function single(chunk: ArticleChunk, marker: BlockMarker, name: string, label: string, error: ErrorSink): Block | undefined {
  const found = blocksOf(chunk, marker);
  for (const extra of found.slice(1)) error('duplicate_block', extra.line, `${label} has a second ${name} block.`, label);
  return found[0];
}

function explanationOf(chunk: ArticleChunk, label: string, error: ErrorSink): string | undefined {
  const block = single(chunk, 'explanation', '說明', label, error);
  const text = block ? joinLines(block.lines) : '';
  return text === '' ? undefined : text;
}

function bodyOf(
  lines: readonly BodyLine[],
  number: ArticleNumber,
  label: string,
  error: ErrorSink,
): { text: string; paragraphs: readonly DraftParagraph[] } {
  const body = parseArticleBody(lines, articleAnchor(formatArticleNumber(number)), label);
  for (const e of body.errors) error(e.code, e.line, e.message, label);
  return body;
}

function baseArticle(chunk: ArticleChunk, number: ArticleNumber) {
  const normalized = formatArticleNumber(number);
  return {
    number: normalized,
    label: articleLabel(number),
    anchor: articleAnchor(normalized),
    ...(chunk.chapter ? { chapter: chunk.chapter } : {}),
    ...(chunk.section ? { section: chunk.section } : {}),
    ...(chunk.title !== undefined && chunk.title !== '' ? { title: chunk.title } : {}),
    line: chunk.line,
  };
}

function buildAmendmentArticle(chunk: ArticleChunk, number: ArticleNumber, error: ErrorSink): DraftArticle | undefined {
  const label = articleLabel(number);
  for (const b of blocksOf(chunk, null)) {
    if (hasContent(b)) {
      error('text_outside_block', firstContentLine(b), `${label}: text before the 修正條文 block; start the text with "修正條文：".`, label);
    }
  }
  for (const b of blocksOf(chunk, 'text')) {
    error('block_not_allowed', b.line, `${label}: an amendment uses 修正條文 / 現行條文 / 說明, not 條文.`, label);
  }
  const amended = single(chunk, 'amended', '修正條文', label, error);
  const currentBlock = single(chunk, 'current', '現行條文', label, error);
  const explanation = explanationOf(chunk, label, error);
  if (amended === undefined) {
    error('missing_amended_block', chunk.line, `${label} has no 修正條文 block.`, label);
    return undefined;
  }
  if (amended.label?.number && compareArticleNumbers(amended.label.number, number) !== 0) {
    error(
      'label_mismatch',
      amended.label.line,
      `${label}: the 修正條文 text starts with ${articleLabel(amended.label.number)}.`,
      label,
    );
  }
  const currentText = currentBlock ? joinLines(currentBlock.lines) : '';
  const current = currentText === '' || NO_CURRENT_RE.test(currentText) ? null : currentText;
  const currentNumber =
    current !== null && currentBlock?.label?.number && compareArticleNumbers(currentBlock.label.number, number) !== 0
      ? formatArticleNumber(currentBlock.label.number)
      : undefined;
  const common = {
    ...baseArticle(chunk, number),
    current,
    ...(currentNumber !== undefined ? { currentNumber } : {}),
    ...(explanation !== undefined ? { explanation } : {}),
  };
  const amendedText = joinLines(amended.lines);
  if (DELETED_RE.test(amendedText)) {
    return { ...common, status: 'deleted', text: '', paragraphs: [] };
  }
  if (amendedText === '') {
    error('empty_article', amended.line, `${label}: the 修正條文 block is empty (write 刪除 for a deleted article).`, label);
    return undefined;
  }
  const body = bodyOf(amended.lines, number, label, error);
  const status = current === null ? 'new' : current === body.text ? 'unchanged' : 'amended';
  return { ...common, status, text: body.text, paragraphs: body.paragraphs };
}

function buildNewArticle(chunk: ArticleChunk, number: ArticleNumber, error: ErrorSink): DraftArticle | undefined {
  const label = articleLabel(number);
  for (const marker of ['amended', 'current'] as const) {
    for (const b of blocksOf(chunk, marker)) {
      error('block_not_allowed', b.line, `${label}: a new regulation has no ${marker === 'amended' ? '修正條文' : '現行條文'} block; use 條文 (or write the text after the heading).`, label);
    }
  }
  const explanation = explanationOf(chunk, label, error);
  const leading = blocksOf(chunk, null).filter(hasContent);
  const textBlock = single(chunk, 'text', '條文', label, error);
  if (textBlock && leading.length > 0) {
    error('duplicate_block', textBlock.line, `${label} has text both after its heading and in a 條文 block.`, label);
  }
  const lines = leading.length > 0 ? leading.flatMap((b) => b.lines) : (textBlock?.lines ?? []);
  if (!lines.some((l) => l.text !== '')) {
    error('empty_article', chunk.line, `${label} has no text.`, label);
    return undefined;
  }
  if (textBlock?.label?.number && compareArticleNumbers(textBlock.label.number, number) !== 0) {
    error('label_mismatch', textBlock.label.line, `${label}: the 條文 text starts with ${articleLabel(textBlock.label.number)}.`, label);
  }
  const body = bodyOf(lines, number, label, error);
  return {
    ...baseArticle(chunk, number),
    status: 'new',
    text: body.text,
    current: null,
    ...(explanation !== undefined ? { explanation } : {}),
    paragraphs: body.paragraphs,
  };
}
