import { describe, expect, it } from 'vitest';
import { draftImportErrorCodes, parseDraft, type DraftImportErrorCode, type DraftKind } from '../../../domain/consultations/index';

/** [what, source, expected error code, its line, forced kind] */
const CASES: ReadonlyArray<readonly [string, string, DraftImportErrorCode, number, DraftKind?]> = [
  ['empty string', '', 'empty_source', 1],
  ['only blank lines and rules', '\n  \n\u3000\n---\n', 'empty_source', 1],
  ['a sentence before the first article', '本草案係依據地方制度法訂定。\n第一條　甲。', 'text_before_first_article', 1],
  ['a second title line', '# 標題\n另一行說明文字，不是標題。\n第一條　甲。', 'text_before_first_article', 2],
  ['a 說明 block before any article', '說明：緣起。\n第一條　甲。', 'text_before_first_article', 1],
  ['no article at all', '# 標題\n總說明：\n只有說明。', 'text_before_first_article', 1],
  ['text between a chapter heading and its first article', '第一章　總則\n本章規定通則。\n第一條　甲。', 'text_before_first_article', 2],
  ['malformed Chinese numeral 十十', '第一條　甲。\n第十十條　乙。', 'invalid_article_number', 2],
  ['ambiguous numeral 一百三', '### 第一百三條\n修正條文：甲。', 'invalid_article_number', 1],
  ['malformed chapter numeral', '第十十章　總則\n第一條　甲。', 'invalid_heading_number', 1],
  ['duplicate article (new)', '第一條　甲。\n第二條　乙。\n第二條　丙。', 'duplicate_article', 3],
  ['duplicate article in different spellings', '### 第12條之1\n修正條文：甲。\n### 第十二條之一\n修正條文：乙。', 'duplicate_article', 3],
  ['article out of order (amendment)', '### 第5條\n修正條文：甲。\n### 第3條\n修正條文：乙。', 'article_out_of_order', 3],
  ['之 article before its base', '### 第5條之1\n修正條文：甲。\n### 第5條\n修正條文：乙。', 'article_out_of_order', 3],
  ['gap in a new regulation', '第一條　甲。\n第三條　乙。', 'article_number_gap', 2],
  ['new regulation not starting at 1', '第二條　甲。', 'article_number_gap', 1],
  ['之 article in a new regulation', '第一條　甲。\n第一條之一　乙。', 'article_number_gap', 2],
  ['empty new article', '第一條\n第二條　乙。', 'empty_article', 1],
  ['empty 修正條文 block', '### 第2條\n修正條文：\n現行條文：乙。', 'empty_article', 2],
  ['missing 修正條文', '### 第2條\n修正條文：甲。\n### 第3條\n現行條文：乙。\n說明：丙。', 'missing_amended_block', 3],
  ['two 修正條文 blocks', '### 第2條\n修正條文：甲。\n修正條文：乙。', 'duplicate_block', 3],
  ['two 說明 blocks', '第一條　甲。\n說明：乙。\n說明：丙。', 'duplicate_block', 3],
  ['text both after the heading and in 條文', '第一條　甲。\n條文：乙。', 'duplicate_block', 2],
  ['條文 block in an amendment', '### 第2條\n修正條文：甲。\n### 第3條\n條文：乙。', 'block_not_allowed', 4],
  ['現行條文 in a forced new regulation', '第一條\n條文：甲。\n現行條文：乙。', 'block_not_allowed', 3, 'new'],
  ['總說明 inside an article', '第一條　甲。\n總說明：乙。', 'block_not_allowed', 2],
  ['text before the first block of an amendment article', '### 第2條\n本條文字。\n修正條文：甲。', 'text_outside_block', 2],
  ['修正條文 repeating another article label', '### 第2條\n修正條文：\n第三條　甲。', 'label_mismatch', 3],
  ['修正條文 label on the marker line', '### 第2條\n修正條文：第三條　甲。', 'label_mismatch', 2],
  ['chapter out of order (amendment)', '## 第二章 使用\n### 第5條\n修正條文：甲。\n## 第一章 總則\n### 第6條\n修正條文：乙。', 'chapter_out_of_order', 4],
  ['new regulation starting at 第二章', '第二章　總則\n第一條　甲。', 'chapter_out_of_order', 1],
  ['section out of order', '第一章　總則\n第二節　通則\n第一條　甲。', 'section_out_of_order', 2],
  ['section without chapter', '第一節　通則\n第一條　甲。', 'section_without_chapter', 1],
  ['explicit 第三項 as second paragraph', '第一條　甲。\n第三項　乙。', 'paragraph_out_of_order', 2],
  ['explicit 第N項 without text', '第一條　甲。\n第二項', 'empty_paragraph', 2],
  ['款 skipping a number', '第一條　下列事項：\n一、甲。\n三、乙。', 'subparagraph_out_of_order', 3],
  ['款 not starting at 一', '第一條　下列事項：\n二、甲。', 'subparagraph_out_of_order', 2],
  ['款 without a lead sentence', '第一條\n一、甲。', 'subparagraph_without_paragraph', 2],
  ['目 out of order', '第一條　下列事項：\n一、甲：\n（二）乙。', 'item_out_of_order', 3],
  ['目 outside any 款', '第一條　下列事項：\n（一）乙。', 'item_without_subparagraph', 2],
  ['目 after a new 項', '第一條　下列事項：\n一、甲。\n前項事項如下：\n(一)乙。', 'item_without_subparagraph', 4],
  ['unknown heading inside an article', '### 第2條\n修正條文：甲。\n#### 備註\n說明：乙。', 'unexpected_heading', 3],
];

describe('malformed drafts: stable error code and line', () => {
  it.each(CASES.map((c) => ({ what: c[0], source: c[1], code: c[2], line: c[3], kind: c[4] })))('$what → $code', ({ source, code, line, kind }) => {
    const result = parseDraft(source, kind ? { kind } : {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ code, line }));
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
    // Sorted by line.
    expect(result.errors.map((e) => e.line)).toEqual([...result.errors.map((e) => e.line)].sort((a, b) => a - b));
  });

  it('covers every error code', () => {
    const covered = new Set(CASES.map((c) => c[2]));
    expect(draftImportErrorCodes.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('names the article in article-level errors', () => {
    const result = parseDraft('### 第3條之1\n現行條文：甲。');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ code: 'missing_amended_block', line: 1, article: '第三條之一' })]);
  });

  it('reports every problem at once, sorted by line', () => {
    const source = [
      '前言文字。', // 1 text_before_first_article
      '第一條　下列事項：', // 2
      '一、甲。', // 3
      '三、乙。', // 4 subparagraph_out_of_order
      '第三條　丙。', // 5 article_number_gap
      '第三條　丁。', // 6 duplicate_article
      '第四條', // 7 empty_article
    ].join('\n');
    const result = parseDraft(source);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.code, e.line])).toEqual([
        ['text_before_first_article', 1],
        ['subparagraph_out_of_order', 4],
        ['article_number_gap', 5],
        ['duplicate_article', 6],
        ['empty_article', 7],
      ]);
    }
  });

  it('reports a run of stray lines once', () => {
    const result = parseDraft('一行。\n兩行。\n三行。\n第一條　甲。');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.code, e.line])).toEqual([['text_before_first_article', 1]]);
  });

  it('never throws on arbitrary text', () => {
    const pieces = ['第一條', '第二條之一', '修正條文：', '現行條文：', '說明：', '一、', '（一）', '第二項', '第一章', '第一節', '# ', '**', '甲乙。', '\n', '\n\n', '　'];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let source = '';
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        source += pieces[seed % pieces.length];
      }
      const result = parseDraft(source);
      if (result.ok) {
        for (const a of result.value.articles) for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end)).toBe(p.text);
      } else {
        expect(result.errors.length).toBeGreaterThan(0);
      }
    }
  });
});
