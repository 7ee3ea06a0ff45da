/**
 * A draft regulation as published for comment (法規草案預告, 行政程序法 Art. 154): either a new
 * regulation (新訂) or an amendment (修正草案) with, per article, the amended text, the current text
 * and the explanation — the columns of a 條文對照表.
 *
 * Structure of an article (Taiwanese drafting practice, 中央法規標準法 Art. 8):
 *   條 article → 項 paragraphs (separate lines, unnumbered in the text) → 款 subparagraphs
 *   (一、二、…) → 目 items (（一）（二）…). Deeper levels (1. (1)) stay inside the text of their 目.
 *
 * Every node carries its `[start, end)` range in the article's `text` (UTF-16 offsets, the
 * JavaScript string indices) and a stable anchor, e.g. `a12-1/p2/s3/i1` for 第十二條之一第二項第三款第一目.
 */

export type DraftKind = 'amendment' | 'new';

/**
 * `new`: a new article (新訂, or 新增 in an amendment: no current text);
 * `amended`: the text changes; `unchanged`: listed in the table but identical to the current text;
 * `deleted`: 刪除 (the amended text is empty).
 */
export type ArticleStatus = 'new' | 'amended' | 'unchanged' | 'deleted';

/** A 章 or 節 heading, kept as grouping. */
export interface DraftHeading {
  readonly number: number;
  /** `第一章` / `第二節` (canonical numerals). */
  readonly label: string;
  /** `總則`; empty when the heading has no name. */
  readonly title: string;
}

export interface DraftChapter extends DraftHeading {
  readonly sections: readonly DraftHeading[];
  /** Normalized numbers of the articles under this chapter, in order. */
  readonly articleNumbers: readonly string[];
}

export interface TextRange {
  /** Inclusive start offset in the article text. */
  readonly start: number;
  /** Exclusive end offset in the article text. */
  readonly end: number;
}

/** 目. `text` is `article.text.slice(start, end)`, marker included (`（一）…`). */
export interface DraftItem extends TextRange {
  readonly anchor: string;
  /** 1-based position in its 款. */
  readonly index: number;
  readonly text: string;
}

/** 款. `text` covers the 款 line and its 目 lines. */
export interface DraftSubparagraph extends TextRange {
  readonly anchor: string;
  readonly index: number;
  readonly text: string;
  readonly items: readonly DraftItem[];
}

/** 項. `text` covers the paragraph's lead sentence and all its 款 and 目. */
export interface DraftParagraph extends TextRange {
  readonly anchor: string;
  readonly index: number;
  readonly text: string;
  readonly subparagraphs: readonly DraftSubparagraph[];
}

export interface DraftArticle {
  /** Normalized article number, `"12"` or `"12-1"`. */
  readonly number: string;
  /** `第十二條之一` (canonical numerals, whatever the source used). */
  readonly label: string;
  /** Anchor of the whole article, `a12-1`. */
  readonly anchor: string;
  readonly chapter?: DraftHeading;
  readonly section?: DraftHeading;
  /** Article heading (條文要旨), e.g. `立法目的`. */
  readonly title?: string;
  readonly status: ArticleStatus;
  /**
   * The proposed text (amended or new), without the article label: one line per 項, 款 and 目
   * (joined with `\n`), empty for a deleted article.
   */
  readonly text: string;
  /** The current text (現行條文), normalized the same way; `null` for a new article (新增 / 新訂). */
  readonly current: string | null;
  /** When the current text belongs to a differently numbered article (renumbering), its number. */
  readonly currentNumber?: string;
  /** 說明, lines joined with `\n`. */
  readonly explanation?: string;
  readonly paragraphs: readonly DraftParagraph[];
  /** 1-based source line of the article heading. */
  readonly line: number;
}

export interface Draft {
  readonly kind: DraftKind;
  /** From a `# ` heading or a `名稱：` line before the first article. */
  readonly title?: string;
  /** The 總說明 block before the first article. */
  readonly generalExplanation?: string;
  readonly chapters: readonly DraftChapter[];
  readonly articles: readonly DraftArticle[];
}
