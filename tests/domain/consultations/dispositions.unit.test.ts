import { describe, expect, it } from 'vitest';
import {
  DISPOSITION_OUTCOME_NAMES_ZH,
  DISPOSITION_REASON_MIN_LENGTH,
  canPublishReport,
  commentFingerprint,
  dispositionErrorCodes,
  dispositionOutcomes,
  dispositionProgress,
  dispositionsByComment,
  groupIdenticalComments,
  reasonLength,
  validateDisposition,
  validateDispositions,
  type ConsultationComment,
  type Disposition,
  type DispositionErrorCode,
} from '../../../domain/consultations/index';

const REASON = '已參酌意見修正第二項文字。'; // 13 characters
const comment = (id: string, article: string | null, body = `意見${id}`, extra: Partial<ConsultationComment> = {}): ConsultationComment => ({
  id,
  article,
  body,
  ...extra,
});
const disposition = (id: string, commentIds: string[], outcome: Disposition['outcome'] = 'adopted', reason = REASON): Disposition => ({
  id,
  outcome,
  reason,
  commentIds,
});

describe('outcomes', () => {
  it('has the four outcomes with zh-TW names', () => {
    expect(dispositionOutcomes).toEqual(['adopted', 'partly_adopted', 'not_adopted', 'out_of_scope']);
    expect(DISPOSITION_OUTCOME_NAMES_ZH).toEqual({
      adopted: '採納',
      partly_adopted: '部分採納',
      not_adopted: '不採納',
      out_of_scope: '非屬本次預告範圍',
    });
  });

  it.each(dispositionOutcomes)('%s needs a reason', (outcome) => {
    expect(validateDisposition(disposition('d', ['c1'], outcome)).ok).toBe(true);
    const bare = validateDisposition(disposition('d', ['c1'], outcome, ''));
    expect(!bare.ok && bare.errors.map((e) => e.code)).toEqual(['reason_too_short']);
  });
});

describe('validateDisposition', () => {
  it.each([
    ['exactly the minimum', 'ㄅ'.repeat(DISPOSITION_REASON_MIN_LENGTH), true],
    ['one short', 'ㄅ'.repeat(DISPOSITION_REASON_MIN_LENGTH - 1), false],
    ['padding does not count', `   ${'甲'.repeat(DISPOSITION_REASON_MIN_LENGTH - 1)}\n\n `, false],
    ['a whitespace run counts once', `甲乙丙丁戊 \n\n 己庚辛壬`, true], // 9 + 1
    ['characters outside the BMP count once', '𠮟'.repeat(DISPOSITION_REASON_MIN_LENGTH - 1), false],
  ])('reason length: %s', (_what, reason, valid) => {
    expect(validateDisposition(disposition('d', ['c1'], 'not_adopted', reason)).ok).toBe(valid);
  });

  it('counts reason length in code points after trimming and collapsing whitespace', () => {
    expect(reasonLength('  甲  乙 ')).toBe(3);
    expect(reasonLength('𠮟責')).toBe(2);
  });

  it('takes a custom minimum', () => {
    expect(validateDisposition(disposition('d', ['c1'], 'adopted', '同意。'), { minReasonLength: 3 }).ok).toBe(true);
    expect(validateDisposition(disposition('d', ['c1'], 'adopted', '同意'), { minReasonLength: 3 }).ok).toBe(false);
  });

  it.each<[string, Disposition, DispositionErrorCode[]]>([
    ['unknown outcome', { id: 'd', outcome: 'accepted' as never, reason: REASON, commentIds: ['c1'] }, ['unknown_outcome']],
    ['no comments', disposition('d', []), ['no_comments']],
    ['a comment twice', disposition('d', ['c1', 'c2', 'c1']), ['duplicate_comment']],
    ['everything wrong', { id: 'd', outcome: 'x' as never, reason: '', commentIds: [] }, ['unknown_outcome', 'reason_too_short', 'no_comments']],
  ])('refuses %s', (_what, d, codes) => {
    const result = validateDisposition(d);
    expect(!result.ok && result.errors.map((e) => e.code)).toEqual(codes);
  });
});

describe('grouping similar comments under one answer', () => {
  const comments = [
    comment('c1', '3', '請將共融式遊戲場納入定義！'),
    comment('c2', '3', '請將共融式遊戲場 納入定義'),
    comment('c3', '3-1', '審議會應有市民代表。'),
    comment('c4', '3', '請將「共融式遊戲場」納入定義。'),
    comment('c5', '7', '請將共融式遊戲場納入定義！'), // same text, other article
    comment('c6', '3-1', '審議會應有市民代表'),
    comment('c7', null, '支持本案'),
    comment('c8', null, '支持本案!!'),
    comment('c9', '12', '。。。'), // only punctuation: never grouped
    comment('c10', '12', '!!!'),
  ];

  it('suggests groups of identical comments per article (whitespace, punctuation, case ignored)', () => {
    expect(groupIdenticalComments(comments)).toEqual([
      ['c1', 'c2', 'c4'],
      ['c3', 'c6'],
      ['c7', 'c8'],
    ]);
    expect(commentFingerprint('Open Data，ＯＫ！')).toBe('opendataok');
  });

  it('one disposition answers the whole group; each comment shows the shared answer', () => {
    const group = disposition('d1', ['c1', 'c2', 'c4'], 'adopted', '已於第三條第一項第二款增列共融式遊戲場。');
    const byComment = dispositionsByComment([group]);
    expect(['c1', 'c2', 'c4'].map((id) => byComment.get(id)?.id)).toEqual(['d1', 'd1', 'd1']);
    expect(byComment.has('c3')).toBe(false);
  });

  it('a comment may be answered only once', () => {
    const errors = validateDispositions(comments, [disposition('d1', ['c1', 'c2']), disposition('d2', ['c2', 'c3'])]);
    expect(errors.map((e) => [e.code, e.dispositionId, e.commentId])).toEqual([['comment_answered_twice', 'd2', 'c2']]);
    // The first answer stands.
    expect(dispositionsByComment([disposition('d1', ['c1', 'c2']), disposition('d2', ['c2', 'c3'])]).get('c2')?.id).toBe('d1');
  });

  it('refers only to existing comments', () => {
    const errors = validateDispositions(comments, [disposition('d1', ['c1', 'zz'])]);
    expect(errors.map((e) => [e.code, e.commentId])).toEqual([['unknown_comment', 'zz']]);
  });

  it('covers every disposition error code in these tests', () => {
    expect(dispositionErrorCodes).toEqual([
      'unknown_outcome',
      'reason_too_short',
      'no_comments',
      'duplicate_comment',
      'unknown_comment',
      'comment_answered_twice',
    ]);
  });
});

describe('completeness', () => {
  const comments = [
    comment('c1', '3'),
    comment('c2', '3'),
    comment('c3', '3-1'),
    comment('c4', '12'),
    comment('c5', null),
    comment('c6', '3', 'spam', { moderation: 'removed' }),
    comment('c7', '12', '待審', { moderation: 'hidden' }),
    comment('c8', '2'),
  ];

  it('counts total, answered and per article (statute order, general last); removed comments apart', () => {
    const dispositions = [
      disposition('d1', ['c1', 'c2'], 'partly_adopted'),
      disposition('d2', ['c4'], 'not_adopted'),
      disposition('d3', ['c5'], 'out_of_scope'),
      disposition('d4', ['c8'], 'adopted', '太短'), // invalid: does not count
    ];
    expect(dispositionProgress(comments, dispositions)).toEqual({
      total: 7,
      answered: 4,
      unanswered: 3,
      byOutcome: { adopted: 0, partly_adopted: 2, not_adopted: 1, out_of_scope: 1 },
      perArticle: [
        { article: '2', total: 1, answered: 0 },
        { article: '3', total: 2, answered: 2 },
        { article: '3-1', total: 1, answered: 0 },
        { article: '12', total: 2, answered: 1 },
        { article: null, total: 1, answered: 1 },
      ],
      hidden: 1,
      removed: 1,
    });
  });

  it('cannot publish with comments lacking a disposition, listing them', () => {
    const check = canPublishReport(comments, [disposition('d1', ['c1', 'c2'])]);
    expect(check.canPublish).toBe(false);
    expect(check.missingDisposition).toEqual(['c3', 'c4', 'c5', 'c7', 'c8']);
    expect(check.pendingModeration).toEqual(['c7']);
    expect(check.invalidDispositions).toEqual([]);
  });

  it('cannot publish while a comment awaits moderation, even if answered', () => {
    const check = canPublishReport(comments, [disposition('d1', ['c1', 'c2', 'c3', 'c4', 'c5', 'c7', 'c8'])]);
    expect(check).toMatchObject({ canPublish: false, missingDisposition: [], pendingModeration: ['c7'] });
  });

  it('cannot publish with an invalid disposition; its comments count as unanswered', () => {
    const visible = comments.filter((c) => c.moderation === undefined);
    const check = canPublishReport(visible, [disposition('d1', ['c1', 'c2', 'c3', 'c4', 'c5']), disposition('d2', ['c8'], 'adopted', '好')]);
    expect(check.canPublish).toBe(false);
    expect(check.missingDisposition).toEqual(['c8']);
    expect(check.invalidDispositions.map((e) => [e.code, e.dispositionId])).toEqual([['reason_too_short', 'd2']]);
  });

  it('can publish when every comment is answered and moderated (removed ones need no answer)', () => {
    const moderated = comments.map((c) => (c.id === 'c7' ? { ...c, moderation: 'visible' as const } : c));
    const check = canPublishReport(moderated, [disposition('d1', ['c1', 'c2', 'c3']), disposition('d2', ['c4', 'c5', 'c7', 'c8'], 'not_adopted')]);
    expect(check).toEqual({ canPublish: true, missingDisposition: [], pendingModeration: [], invalidDispositions: [] });
  });

  it('an empty consultation can publish its (empty) report', () => {
    expect(canPublishReport([], []).canPublish).toBe(true);
    expect(dispositionProgress([], [])).toMatchObject({ total: 0, answered: 0, perArticle: [] });
  });
});
