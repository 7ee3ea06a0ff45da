import { describe, expect, it } from 'vitest';
import {
  comparisonTable,
  diffNewText,
  diffOldText,
  proposeArticleText,
  proposePassageReplacement,
  renderDiffInline,
} from '../../../domain/consultations/index';
import { PARK_AMENDMENT_MD, PARTICIPATION_NEW_PLAIN } from './fixtures';
import { articleOf, draftOf } from './helpers';

describe('條文對照表', () => {
  const draft = draftOf(PARK_AMENDMENT_MD);
  const table = comparisonTable(draft);

  it('has one row per article with the three columns', () => {
    expect(table.kind).toBe('amendment');
    expect(table.title).toBe(draft.title);
    expect(table.rows.map((r) => [r.label, r.status, r.current === null, r.explanation !== undefined])).toEqual([
      ['第二條', 'amended', false, true],
      ['第三條', 'amended', false, true],
      ['第三條之一', 'new', true, true],
      ['第七條', 'amended', false, true],
      ['第十二條', 'amended', false, true],
      ['第十四條', 'deleted', false, true],
      ['第十五條', 'amended', false, true],
    ]);
  });

  it('marks the changes from the current text to the amended text', () => {
    for (const row of table.rows) {
      expect(diffOldText(row.changes)).toBe(row.current ?? '');
      expect(diffNewText(row.changes)).toBe(row.amended);
    }
    const byLabel = new Map(table.rows.map((r) => [r.label, r]));
    // Changes start and end at line breaks and sentence ends (not "罰鍰{+。\n…處罰+}。").
    expect(renderDiffInline(byLabel.get('第十二條')!.changes)).toBe(
      '違反第七條[-或第八條-]規定者，處新臺幣一千二百元以上六千元以下罰鍰。' +
        '{+\n違反第八條規定，經勸導而不聽從者，處新臺幣三千元以上一萬五千元以下罰鍰，並得按次處罰。+}',
    );
    expect(renderDiffInline(byLabel.get('第十五條')!.changes)).toBe('本自治條例自公布日施行。{+\n本自治條例修正條文施行日期，由市政府定之。+}');
    expect(renderDiffInline(byLabel.get('第三條')!.changes)).toContain('廣場。{+\n前項第三款之公告，應刊登市政府公報。+}');
    expect(renderDiffInline(byLabel.get('第七條')!.changes)).toContain('兜售物品。{+\n五、攜帶寵物未繫牽繩，或未清除寵物排泄物。+}');
    expect(renderDiffInline(byLabel.get('第七條')!.changes)).toContain('二、[-在非指定地點游泳、划船或垂釣。-]{+（刪除）+}');
    expect(renderDiffInline(byLabel.get('第七條')!.changes)).toContain('垃圾{+、菸蒂+}或其他');
  });

  it('shows a new article as all insertion and a deleted one as all deletion', () => {
    const added = table.rows.find((r) => r.number === '3-1')!;
    expect(added.changes).toEqual([{ op: 'insert', text: added.amended }]);
    const deleted = table.rows.find((r) => r.number === '14')!;
    expect(deleted.changes).toEqual([{ op: 'delete', text: deleted.current }]);
  });

  it('keeps chapter, title and renumbering information', () => {
    const added = table.rows.find((r) => r.number === '3-1')!;
    expect(added).toMatchObject({ title: '公園審議會', chapter: { label: '第一章' }, anchor: 'a3-1' });
  });

  it('a new regulation is all insertion', () => {
    const t = comparisonTable(draftOf(PARTICIPATION_NEW_PLAIN));
    expect(t.kind).toBe('new');
    for (const row of t.rows) expect(row.changes).toEqual([{ op: 'insert', text: row.amended }]);
  });
});

describe('alternative wording proposed by a citizen', () => {
  const draft = draftOf(PARK_AMENDMENT_MD);
  const a12 = articleOf(draft, '12');

  it('diffs a whole proposed text against the draft article', () => {
    const proposal = proposeArticleText(a12, a12.text.replace('一千二百元', '六百元'));
    expect(proposal.article).toBe('12');
    expect(renderDiffInline(proposal.changes)).toBe(
      '違反第七條規定者，處新臺幣[-一千二-]{+六+}百元以上六千元以下罰鍰。\n' +
        '違反第八條規定，經勸導而不聽從者，處新臺幣三千元以上一萬五千元以下罰鍰，並得按次處罰。',
    );
  });

  it('replaces a selected passage and shows the result against the draft', () => {
    const result = proposePassageReplacement(a12, { quote: '並得按次處罰' }, '並得按日連續處罰');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.passage).toMatchObject({ anchor: 'a12/p2', text: '並得按次處罰' });
    expect(result.value.proposed.endsWith('並得按日連續處罰。')).toBe(true);
    expect(renderDiffInline(result.value.changes).endsWith('並得按[-次-]{+日連續+}處罰。')).toBe(true);
    expect(diffOldText(result.value.changes)).toBe(a12.text);
  });

  it('proposes deleting a passage with an empty replacement', () => {
    const result = proposePassageReplacement(a12, { quote: '，經勸導而不聽從者' }, '');
    expect(result.ok && renderDiffInline(result.value.changes)).toContain('違反第八條規定，[-經勸導而不聽從者，-]處新臺幣');
  });

  it('refuses a passage outside the article', () => {
    const result = proposePassageReplacement(a12, { start: 0, end: a12.text.length + 5 }, '甲');
    expect(!result.ok && result.errors[0]!.code).toBe('range_out_of_bounds');
  });
});
