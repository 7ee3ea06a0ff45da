import { describe, expect, it } from 'vitest';
import {
  buildConsultationReport,
  diffNewText,
  diffOldText,
  renderDiffInline,
  type ConsultationComment,
  type Disposition,
} from '../../../domain/consultations/index';
import { PARK_AMENDMENT_MD } from './fixtures';
import { draftOf } from './helpers';

const draft = draftOf(PARK_AMENDMENT_MD);

/** The version adopted after the consultation: 第十二條 fine lowered, 第三條之一 dropped, 第十三條 added. */
const FINAL_MD = PARK_AMENDMENT_MD.replace('處新臺幣一千二百元以上六千元以下罰鍰。\n違反第八條', '處新臺幣六百元以上六千元以下罰鍰。\n違反第八條')
  .replace(/### 第3條之1（公園審議會）[\s\S]*?(?=## 第二章)/, '')
  .replace(
    '### 第14條',
    '### 第13條\n修正條文：\n第十三條　本自治條例所定罰鍰，由管理處處分之。\n現行條文：\n（無）\n說明：本條新增。\n\n### 第14條',
  );
const final = draftOf(FINAL_MD);

const comments: ConsultationComment[] = [
  { id: 'c1', article: '12', anchor: 'a12/p1', body: '罰鍰下限過高，建議降低。' },
  { id: 'c2', article: '12', anchor: 'a12/p1', body: '罰鍰下限過高，建議降低' },
  { id: 'c3', article: '3-1', body: '審議會應納入里長代表。' },
  { id: 'c4', article: null, body: '支持修正。' },
  { id: 'c5', article: '7', body: '廣告：代辦各種執照', moderation: 'removed' },
  { id: 'c6', article: '7', body: '應禁止無人機。', moderation: 'hidden' },
  { id: 'c7', article: '99', body: '第九十九條在哪裡？' },
];

const dispositions: Disposition[] = [
  { id: 'd1', outcome: 'adopted', reason: '  已將第一項罰鍰下限調降為新臺幣六百元。 ', commentIds: ['c1', 'c2'] },
  { id: 'd2', outcome: 'not_adopted', reason: '審議會組成另以設置要點定之，不在本條規範。', commentIds: ['c3'] },
  { id: 'd3', outcome: 'out_of_scope', reason: '感謝支持，本意見非屬條文修正建議。', commentIds: ['c4'] },
];

describe('consultation summary report', () => {
  const report = buildConsultationReport({ draft, final, comments, dispositions });

  it('lists the articles of both versions in statute order', () => {
    expect(report.kind).toBe('amendment');
    expect(report.title).toBe(draft.title);
    expect(
      report.articles.map((a) => [a.number, a.label, a.draftStatus, a.finalStatus, a.draftText !== null, a.finalText !== null, a.changedAfterConsultation]),
    ).toEqual([
      ['2', '第二條', 'amended', 'amended', true, true, false],
      ['3', '第三條', 'amended', 'amended', true, true, false],
      ['3-1', '第三條之一', 'new', null, true, false, true], // dropped after the consultation
      ['7', '第七條', 'amended', 'amended', true, true, false],
      ['12', '第十二條', 'amended', 'amended', true, true, true],
      ['13', '第十三條', null, 'new', false, true, true], // added after the consultation
      ['14', '第十四條', 'deleted', 'deleted', false, false, false], // deleted in both versions
      ['15', '第十五條', 'amended', 'amended', true, true, false],
    ]);
  });

  it('shows the final text against the draft text as a diff', () => {
    const a12 = report.articles.find((a) => a.number === '12')!;
    expect(renderDiffInline(a12.changes).split('\n')[0]).toBe('違反第七條規定者，處新臺幣[-一千二-]{+六+}百元以上六千元以下罰鍰。');
    for (const a of report.articles) {
      expect(diffOldText(a.changes)).toBe(a.draftText ?? '');
      expect(diffNewText(a.changes)).toBe(a.finalText ?? '');
    }
    const unchanged = report.articles.find((a) => a.number === '2')!;
    expect(unchanged.changes).toEqual([{ op: 'equal', text: unchanged.draftText }]);
  });

  it('puts each comment under its article with its answer and reason; grouped comments share one answer', () => {
    const a12 = report.articles.find((a) => a.number === '12')!;
    expect(a12.comments).toEqual([
      {
        id: 'c1',
        anchor: 'a12/p1',
        body: '罰鍰下限過高，建議降低。',
        answer: { dispositionId: 'd1', outcome: 'adopted', reason: '已將第一項罰鍰下限調降為新臺幣六百元。', groupSize: 2 },
      },
      {
        id: 'c2',
        anchor: 'a12/p1',
        body: '罰鍰下限過高，建議降低',
        answer: { dispositionId: 'd1', outcome: 'adopted', reason: '已將第一項罰鍰下限調降為新臺幣六百元。', groupSize: 2 },
      },
    ]);
    expect(report.articles.find((a) => a.number === '3-1')!.comments[0]!.answer?.outcome).toBe('not_adopted');
    expect(report.generalComments.map((c) => [c.id, c.answer?.outcome])).toEqual([['c4', 'out_of_scope']]);
  });

  it('leaves out removed and hidden comments, keeps comments on unknown articles apart', () => {
    expect(report.articles.find((a) => a.number === '7')!.comments).toEqual([]);
    expect(report.unmatchedComments.map((c) => [c.id, c.answer])).toEqual([['c7', null]]);
  });

  it('carries the progress and the publication check', () => {
    expect(report.progress).toMatchObject({ total: 6, answered: 4, unanswered: 2, hidden: 1, removed: 1 });
    expect(report.publish).toMatchObject({ canPublish: false, missingDisposition: ['c6', 'c7'], pendingModeration: ['c6'] });
  });

  it('without a final version the draft is the final text (nothing changed)', () => {
    const same = buildConsultationReport({ draft, comments: [], dispositions: [] });
    expect(same.articles.every((a) => !a.changedAfterConsultation)).toBe(true);
    expect(same.publish.canPublish).toBe(true);
  });
});
