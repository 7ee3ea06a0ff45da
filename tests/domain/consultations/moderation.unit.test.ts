import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPORT_THRESHOLD,
  checkModeratorDecision,
  moderationState,
  type CommentReport,
  type ModeratorDecision,
} from '../../../domain/consultations/index';

const report = (reporterId: string, atMs: number): CommentReport => ({ reporterId, atMs });
const decide = (action: ModeratorDecision['action'], atMs: number, reason?: string): ModeratorDecision => ({
  action,
  moderatorId: 'mod-1',
  atMs,
  ...(reason !== undefined ? { reason } : {}),
});

describe('moderation threshold', () => {
  it('defaults to 3 distinct reporters', () => {
    expect(DEFAULT_REPORT_THRESHOLD).toBe(3);
  });

  it.each<[string, CommentReport[], 'visible' | 'hidden', number]>([
    ['no reports', [], 'visible', 0],
    ['two reporters', [report('a', 1), report('b', 2)], 'visible', 2],
    ['three distinct reporters', [report('a', 1), report('b', 2), report('c', 3)], 'hidden', 3],
    ['one reporter three times', [report('a', 1), report('a', 2), report('a', 3)], 'visible', 1],
    ['two reporters, one repeating', [report('a', 1), report('b', 2), report('a', 3), report('b', 4)], 'visible', 2],
    ['the author reporting their own comment', [report('a', 1), report('b', 2), report('author', 3)], 'visible', 2],
    ['four reporters', [report('a', 1), report('b', 2), report('c', 3), report('d', 4)], 'hidden', 4],
  ])('%s → %s', (_what, reports, status, pending) => {
    const state = moderationState({ reports, authorId: 'author' });
    expect(state.status).toBe(status);
    expect(state.pendingReporters).toBe(pending);
  });

  it('records when the threshold was reached, in time order whatever the input order', () => {
    const state = moderationState({ reports: [report('c', 30), report('a', 10), report('d', 40), report('b', 20)] });
    expect(state).toMatchObject({ status: 'hidden', hiddenAtMs: 30 });
  });

  it.each([
    [1, [report('a', 1)], 'hidden'],
    [2, [report('a', 1)], 'visible'],
    [5, [report('a', 1), report('b', 2), report('c', 3), report('d', 4)], 'visible'],
    [5, [report('a', 1), report('b', 2), report('c', 3), report('d', 4), report('e', 5)], 'hidden'],
  ] as const)('threshold %i with %j → %s', (threshold, reports, status) => {
    expect(moderationState({ reports: [...reports], threshold }).status).toBe(status);
  });

  it('rejects a threshold that is not a positive integer', () => {
    for (const threshold of [0, -1, 2.5, Number.NaN]) expect(() => moderationState({ reports: [], threshold })).toThrow(RangeError);
  });
});

describe('moderator restore / remove', () => {
  const hiddenReports = [report('a', 1), report('b', 2), report('c', 3)];

  it('restore makes a hidden comment visible; the same reporters cannot hide it again', () => {
    const restored = moderationState({ reports: [...hiddenReports, report('a', 20), report('b', 21), report('c', 22)], decisions: [decide('restore', 10)] });
    expect(restored).toMatchObject({ status: 'visible', pendingReporters: 0, hiddenAtMs: null });
    expect(restored.lastDecision?.action).toBe('restore');
  });

  it('after a restore, three NEW reporters hide it again', () => {
    const state = moderationState({
      reports: [...hiddenReports, report('d', 20), report('e', 21), report('a', 22), report('f', 23)],
      decisions: [decide('restore', 10)],
    });
    expect(state).toMatchObject({ status: 'hidden', hiddenAtMs: 23, pendingReporters: 3 });
  });

  it('remove is final against later reports', () => {
    const state = moderationState({ reports: [...hiddenReports, report('d', 20)], decisions: [decide('remove', 10, '人身攻擊')] });
    expect(state).toMatchObject({ status: 'removed', pendingReporters: 0 });
  });

  it('a removed comment can be restored (appeal)', () => {
    const state = moderationState({ reports: hiddenReports, decisions: [decide('remove', 10, '廣告'), decide('restore', 20)] });
    expect(state.status).toBe('visible');
  });

  it('a moderator may remove a visible comment directly', () => {
    expect(moderationState({ reports: [], decisions: [decide('remove', 5, '洩漏個資')] }).status).toBe('removed');
  });

  it('a restore of a visible comment changes nothing', () => {
    const state = moderationState({ reports: [report('a', 1), report('b', 2), report('c', 20)], decisions: [decide('restore', 10)] });
    // The restore at 10 found the comment visible: the reports by a and b still count, so c hides it.
    expect(state).toMatchObject({ status: 'hidden', hiddenAtMs: 20, lastDecision: null });
  });

  it('a decision at the same instant as a report is taken with that report in view', () => {
    const state = moderationState({ reports: [report('a', 1), report('b', 2), report('c', 10)], decisions: [decide('restore', 10)] });
    expect(state.status).toBe('visible');
  });

  it.each([
    ['visible', 'restore', undefined, 'nothing_to_restore'],
    ['hidden', 'restore', undefined, null],
    ['removed', 'restore', undefined, null],
    ['visible', 'remove', '廣告訊息', null],
    ['hidden', 'remove', '人身攻擊', null],
    ['hidden', 'remove', '  ', 'reason_required'],
    ['hidden', 'remove', undefined, 'reason_required'],
    ['removed', 'remove', '重複', 'already_removed'],
  ] as const)('a %s comment: %s (reason %j) → %s', (status, action, reason, expected) => {
    expect(checkModeratorDecision({ status }, { action, ...(reason !== undefined ? { reason } : {}) })).toBe(expected);
  });
});
