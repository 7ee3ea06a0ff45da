/**
 * Problems found while importing a draft. The codes are stable (stored, shown in the admin UI,
 * asserted by tests); the messages are for people and may change.
 */

export const draftImportErrorCodes = [
  /** Nothing but blank lines. */
  'empty_source',
  /** Text before the first article that is not a title, a 總說明 block or a Markdown heading. */
  'text_before_first_article',
  /** A 條 heading whose numeral is malformed (第十十條, 第一百三條). */
  'invalid_article_number',
  /** A 章 / 節 heading whose numeral is malformed. */
  'invalid_heading_number',
  /** The same article number twice. */
  'duplicate_article',
  /** An article number lower than the one before it. */
  'article_out_of_order',
  /** A new regulation must number its articles 1, 2, 3, … with no gaps and no 之 articles. */
  'article_number_gap',
  /** An article without text (a deleted article must say 刪除). */
  'empty_article',
  /** An amendment article without its 修正條文 block. */
  'missing_amended_block',
  /** The same block (修正條文, 現行條文, 說明, 條文) twice in one article. */
  'duplicate_block',
  /** A block that does not belong to this kind of draft (現行條文 in a new regulation, 條文 in an amendment, 總說明 inside an article). */
  'block_not_allowed',
  /** In an amendment, text after the article heading but before its first block. */
  'text_outside_block',
  /** The label repeated at the start of the 修正條文 text names another article than the heading. */
  'label_mismatch',
  /** Chapters (or sections within a chapter) not in increasing order, or not consecutive in a new regulation. */
  'chapter_out_of_order',
  'section_out_of_order',
  /** A 節 heading before any 章. */
  'section_without_chapter',
  /** An explicit 第N項 that is not the next paragraph number. */
  'paragraph_out_of_order',
  /** An explicit 第N項 marker with no text after it. */
  'empty_paragraph',
  /** 款 not numbered 一、二、三、… in order within their paragraph. */
  'subparagraph_out_of_order',
  /** A 款 line at the start of an article (a 款 list needs a lead sentence). */
  'subparagraph_without_paragraph',
  /** 目 not numbered （一）（二）… in order within their 款. */
  'item_out_of_order',
  /** A 目 line outside any 款. */
  'item_without_subparagraph',
  /** A Markdown heading inside an article that is not an article, chapter or block heading. */
  'unexpected_heading',
] as const;

export type DraftImportErrorCode = (typeof draftImportErrorCodes)[number];

export interface DraftImportError {
  readonly code: DraftImportErrorCode;
  /** 1-based line in the source. */
  readonly line: number;
  /** The article concerned, as its label (第三條之一), when there is one. */
  readonly article?: string;
  readonly message: string;
}
