/**
 * The petition workflow on the real Temporal dev server with an in-process worker on its own task
 * queue. Periods are data: second-scale review, endorsement and response periods make passing,
 * not passing, warnings, overdue responses, extensions and transfers happen in real time. The
 * activities record projections in memory and serve the endorsement count the test sets.
 */
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PetitionActivities } from '../../workflows/petition/activities';
import type { PetitionActor, PetitionProjectionEvent, PetitionWorkflowInput } from '../../workflows/petition/contract';
import {
  assignAgencyUpdate,
  extendResponseUpdate,
  petitionStatusQuery,
  petitionWorkflow,
  publishUpdate,
  quietPeriodsSignal,
  recordMeetingUpdate,
  rejectUpdate,
  respondUpdate,
  thresholdReachedSignal,
  transferPetitionUpdate,
} from '../../workflows/petition/workflow';
import { eventually } from '../support/http-client';
import { startTestWorker, type TestWorker } from '../support/temporal-worker';

const taskQueue = `test-petition-${randomUUID()}`;
const events = new Map<string, PetitionProjectionEvent[]>();
const counts = new Map<string, number>();
let testWorker: TestWorker;
let client: Client;

const activities: PetitionActivities = {
  async projectPetitionEvent(ev) {
    // Kept in seq order, once per seq: under load projections may arrive out of order or be
    // retried, and the edge orders and de-duplicates them by seq in the same way.
    const others = (events.get(ev.petitionId) ?? []).filter((e) => e.seq !== ev.seq);
    events.set(ev.petitionId, [...others, ev].sort((a, b) => a.seq - b.seq));
  },
  async countPetitionEndorsements(id) {
    return counts.get(id) ?? 0;
  },
};

beforeAll(async () => {
  testWorker = await startTestWorker(activities, taskQueue);
  client = testWorker.client;
});

afterAll(() => testWorker?.stop());

const manager: PetitionActor = { id: 'u-manager', role: 'manager', agencyId: null };
const dot: PetitionActor = { id: 'u-officer-dot', role: 'officer', agencyId: 'TPE-DOT' };
const dep: PetitionActor = { id: 'u-officer-dep', role: 'officer', agencyId: 'TPE-DEP' };
const points = [{ heading: '自行車道', answer: '本局將於明年度完成規劃。' }];

function input(rules: Partial<PetitionWorkflowInput['rules']> = {}): PetitionWorkflowInput {
  return {
    petitionId: `T-${randomUUID()}`,
    submittedAt: new Date().toISOString(),
    rules: { threshold: 3, reviewPeriod: '30s', endorsementWindow: '30s', responsePeriod: '30s', closeAfter: '30s', ...rules },
    closures: [],
    quietPeriods: [],
  };
}

const start = (i: PetitionWorkflowInput) => client.workflow.start(petitionWorkflow, { args: [i], taskQueue, workflowId: `petition-${i.petitionId}` });
const typesOf = (id: string) => (events.get(id) ?? []).map((e) => (e.type.endsWith('_warning') ? `${e.type}_${e.body?.level}` : e.type));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: WorkflowUpdateFailedError) => String(e.cause?.message),
  );

describe('petition workflow', () => {
  it('passes the moment the threshold signal arrives, long before the window ends', async () => {
    const i = input({ endorsementWindow: '1000s' });
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    const t = Date.now();
    await h.signal(thresholdReachedSignal, { validCount: 3 });
    await eventually('passed', async () => typesOf(i.petitionId).includes('passed'), 10_000);
    expect(Date.now() - t).toBeLessThan(5_000);
    const passed = events.get(i.petitionId)!.find((e) => e.type === 'passed')!;
    expect(passed).toMatchObject({ body: { validCount: 3, threshold: 3 }, snapshot: { state: 'passed' } });
    expect((await h.query(petitionStatusQuery)).snapshot.state).toBe('passed');
    // seq strictly increasing from 1
    expect(events.get(i.petitionId)!.map((e) => e.seq)).toEqual([1, 2, 3]);
    await h.terminate('test done');
  });

  it('does not pass when the window ends below the threshold (count read at the end)', async () => {
    const i = input({ endorsementWindow: '3s' });
    counts.set(i.petitionId, 2);
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    expect(await h.result()).toEqual({ state: 'not_passed' });
    expect(typesOf(i.petitionId)).toEqual(['review_started', 'published', 'not_passed']);
    expect(events.get(i.petitionId)!.at(-1)!.body).toMatchObject({ validCount: 2 });
  });

  it('passes at the window end when the final count reaches the threshold', async () => {
    const i = input({ endorsementWindow: '3s' });
    counts.set(i.petitionId, 4);
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    await eventually('passed', async () => typesOf(i.petitionId).includes('passed'), 15_000);
    await h.terminate('test done');
  });

  it('warns reviewers, flags a late review, and rejects with a ground (duplicate links the original)', async () => {
    const i = input({ reviewPeriod: '4s' });
    const h = await start(i);
    await eventually('review overdue', async () => typesOf(i.petitionId).includes('review_overdue'), 15_000);
    expect(typesOf(i.petitionId)).toEqual(['review_started', 'review_warning_50', 'review_warning_75', 'review_overdue']);
    expect(await refusal(h.executeUpdate(rejectUpdate, { args: [{ actor: manager, ground: 'duplicate', message: '與既有提案重複。' }] }))).toContain('duplicateOf');
    expect(await refusal(h.executeUpdate(publishUpdate, { args: [{ actor: dot }] }))).toContain('Only platform staff');
    await h.executeUpdate(rejectUpdate, { args: [{ actor: manager, ground: 'duplicate', message: '與既有提案重複。', duplicateOf: 'P-20260101-ZZZZZZ' }] });
    expect(await h.result()).toEqual({ state: 'rejected' });
    expect(events.get(i.petitionId)!.at(-1)).toMatchObject({ type: 'rejected', body: { ground: 'duplicate', duplicateOf: 'P-20260101-ZZZZZZ' }, notify: ['proposer'] });
  });

  it('late response: warnings at 50 % and 75 %, a public overdue flag, and the late answer recorded as late', async () => {
    const i = input({ responsePeriod: '4s', closeAfter: '2s' });
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    await h.signal(thresholdReachedSignal, { validCount: 5 });
    await eventually('passed', async () => typesOf(i.petitionId).includes('passed'));
    await h.executeUpdate(assignAgencyUpdate, { args: [{ actor: manager, agencyId: 'TPE-DOT' }] });
    await eventually('overdue', async () => typesOf(i.petitionId).includes('response_overdue'), 15_000);
    expect(typesOf(i.petitionId).slice(-4)).toEqual(['agency_assigned', 'response_warning_50', 'response_warning_75', 'response_overdue']);
    expect(await refusal(h.executeUpdate(extendResponseUpdate, { args: [{ actor: dot, period: '2s', reason: '需要跨局處協調。' }] }))).toContain('before the deadline expires');
    const snap = await h.executeUpdate(respondUpdate, { args: [{ actor: dot, summary: '逐點回應如下。', points }] });
    expect(snap).toMatchObject({ state: 'responded', respondedOnTime: false, responseOverdue: true });
    await h.executeUpdate(recordMeetingUpdate, { args: [{ actor: dot, date: '2026-03-05', attendees: '提案人、交通局', minutes: '討論自行車道路線。' }] });
    expect(await h.result()).toEqual({ state: 'closed' });
    expect(typesOf(i.petitionId).slice(-3)).toEqual(['responded', 'meeting_recorded', 'closed']);
  });

  it('one public extension before expiry moves the deadline; the answer is then on time', async () => {
    const i = input({ responsePeriod: '6s', closeAfter: '1s' });
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    await h.signal(thresholdReachedSignal, { validCount: 3 });
    await eventually('passed', async () => typesOf(i.petitionId).includes('passed'));
    const assigned = await h.executeUpdate(assignAgencyUpdate, { args: [{ actor: manager, agencyId: 'TPE-DOT' }] });
    const extended = await h.executeUpdate(extendResponseUpdate, { args: [{ actor: dot, period: '6s', reason: '需要跨局處協調。' }] });
    expect(Date.parse(extended.responseDueAt!) - Date.parse(assigned.responseDueAt!)).toBe(6_000);
    expect(extended).toMatchObject({ extended: true, originalResponseDueAt: assigned.responseDueAt });
    expect(await refusal(h.executeUpdate(extendResponseUpdate, { args: [{ actor: dot, period: '2s', reason: '再次延長期限。' }] }))).toContain('only once');
    // Past the original deadline, within the extension: not overdue.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(assigned.responseDueAt!) - Date.now() + 500)));
    const snap = await h.executeUpdate(respondUpdate, { args: [{ actor: dot, summary: '逐點回應如下。', points }] });
    expect(snap).toMatchObject({ respondedOnTime: true, responseOverdue: false });
    expect(typesOf(i.petitionId)).not.toContain('response_overdue');
    expect(await h.result()).toEqual({ state: 'closed' });
  });

  it('a transfer keeps the response clock; only the new agency answers', async () => {
    const i = input({ responsePeriod: '20s' });
    const h = await start(i);
    await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    await h.signal(thresholdReachedSignal, { validCount: 3 });
    await eventually('passed', async () => typesOf(i.petitionId).includes('passed'));
    const assigned = await h.executeUpdate(assignAgencyUpdate, { args: [{ actor: manager, agencyId: 'TPE-DOT' }] });
    await new Promise((r) => setTimeout(r, 1500));
    const moved = await h.executeUpdate(transferPetitionUpdate, { args: [{ actor: dot, toAgencyId: 'TPE-DEP', reason: '屬環保局業管範圍。' }] });
    expect(moved).toMatchObject({ agencyId: 'TPE-DEP', responseDueAt: assigned.responseDueAt });
    expect(await refusal(h.executeUpdate(respondUpdate, { args: [{ actor: dot, summary: '逐點回應如下。', points }] }))).toContain('competent agency');
    expect((await h.executeUpdate(respondUpdate, { args: [{ actor: dep, summary: '逐點回應如下。', points }] })).state).toBe('responded');
    const tr = events.get(i.petitionId)!.find((e) => e.type === 'transferred')!;
    expect(tr).toMatchObject({ body: { fromAgencyId: 'TPE-DOT', toAgencyId: 'TPE-DEP' }, notify: ['proposer', 'agency_officers', 'agency_supervisors'] });
    await h.terminate('test done');
  });

  it('a quiet period suspends the endorsement window, which resumes afterwards', async () => {
    const i = input({ endorsementWindow: '4s' });
    const h = await start(i);
    const published = await h.executeUpdate(publishUpdate, { args: [{ actor: manager }] });
    const now = Date.now();
    await h.signal(quietPeriodsSignal, { periods: [{ from: new Date(now).toISOString(), until: new Date(now + 3000).toISOString() }] });
    await eventually('rescheduled', async () => typesOf(i.petitionId).includes('window_rescheduled'));
    const ev = events.get(i.petitionId)!.find((e) => e.type === 'window_rescheduled')!;
    expect(Date.parse(String(ev.body!.windowEndsAt)) - Date.parse(published.windowEndsAt!)).toBe(3000);
    expect(await h.result()).toEqual({ state: 'not_passed' });
    const ended = events.get(i.petitionId)!.at(-1)!;
    expect(Date.parse(ended.occurredAt)).toBeGreaterThanOrEqual(Date.parse(String(ev.body!.windowEndsAt)));
  });
});
