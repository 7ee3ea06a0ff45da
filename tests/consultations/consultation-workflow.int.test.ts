/**
 * The consultation workflow on the real Temporal dev server with an in-process worker on its own
 * task queue. Durations are data: the consultations here open, close and fall due within
 * seconds. The activity records projections in memory (the edge side is covered by the API
 * tests and by consultation-slice.int.test.ts).
 */
import { type Client, WorkflowFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationActivities } from '../../workflows/consultation/activities';
import type { ConsultationProjectionEvent, ConsultationWorkflowInput } from '../../workflows/consultation/contract';
import { consultationWorkflow } from '../../workflows/consultation/workflow';
import { startTestWorker, type TestWorker } from '../support/temporal-worker';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const historiesDir = path.resolve(import.meta.dirname, 'fixtures/histories');
const taskQueue = `test-consultation-${randomUUID()}`;
const events = new Map<string, (ConsultationProjectionEvent & { receivedAt: number })[]>();
/** Consultations whose report the "edge" reports as published after the given event type. */
const publishAfter = new Map<string, ConsultationProjectionEvent['type']>();
let testWorker: TestWorker;
let client: Client;

const activities: ConsultationActivities = {
  async projectConsultationEvent(ev) {
    events.set(ev.consultationId, [...(events.get(ev.consultationId) ?? []), { ...ev, receivedAt: Date.now() }]);
    return { applied: true, reportPublished: publishAfter.get(ev.consultationId) === ev.type };
  },
};

beforeAll(async () => {
  testWorker = await startTestWorker(activities, taskQueue);
  client = testWorker.client;
});

afterAll(() => testWorker?.stop());

function input(overrides: Partial<ConsultationWorkflowInput> = {}): ConsultationWorkflowInput {
  const now = Date.now();
  return {
    consultationId: `T-${randomUUID()}`,
    agencyId: 'TPE-DOT',
    opensAt: new Date(now + 1000).toISOString(),
    closesAt: new Date(now + 3000).toISOString(),
    responsePeriod: '4s',
    closures: [],
    ...overrides,
  };
}

describe('consultation workflow', () => {
  it('opens and closes on time, then warns at 50 % and 75 % of the response time and flags the report overdue', async () => {
    const i = input();
    const handle = await client.workflow.start(consultationWorkflow, { taskQueue, workflowId: `consultation-${i.consultationId}`, args: [i] });
    const result = await handle.result();
    expect(result.state).toBe('closed');
    // The run replays on the current code (determinism); CIVIC_RECORD_HISTORIES=1 keeps it as a fixture.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowsPath }, history, `replay-${i.consultationId}`);
    if (process.env.CIVIC_RECORD_HISTORIES === '1') {
      mkdirSync(historiesDir, { recursive: true });
      writeFileSync(path.join(historiesDir, 'consultation-v1-overdue.json'), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
    const evs = events.get(i.consultationId)!;
    expect(evs.map((e) => [e.seq, e.type, e.level ?? null, e.state])).toEqual([
      [1, 'opened', null, 'open'],
      [2, 'closed', null, 'closed'],
      [3, 'response_warning', 50, 'closed'],
      [4, 'response_warning', 75, 'closed'],
      [5, 'response_overdue', null, 'closed'],
    ]);
    const opens = Date.parse(i.opensAt);
    const closes = Date.parse(i.closesAt);
    const due = closes + 4000;
    expect(evs[0]!.receivedAt).toBeGreaterThanOrEqual(opens);
    expect(evs[1]!.receivedAt).toBeGreaterThanOrEqual(closes);
    expect(evs[1]!.responseDueAt).toBe(new Date(due).toISOString());
    expect(evs[2]!.receivedAt).toBeGreaterThanOrEqual(closes + 2000);
    expect(evs[3]!.receivedAt).toBeGreaterThanOrEqual(closes + 3000);
    expect(evs[4]!.receivedAt).toBeGreaterThan(due);
    expect(evs[4]!).toMatchObject({ responseState: 'breached', notify: ['supervisors', 'oversight'] });
    expect(evs[1]!.notify).toEqual(['followers', 'agency_officers']);
    expect(evs[3]!.notify).toEqual(['agency_officers', 'supervisors']);
  });

  it('stops the response clock once the edge answers that the report is published', async () => {
    const i = input({ responsePeriod: '6s' });
    publishAfter.set(i.consultationId, 'response_warning');
    const result = await client.workflow.execute(consultationWorkflow, { taskQueue, workflowId: `consultation-${i.consultationId}`, args: [i] });
    expect(result.state).toBe('reported');
    expect(events.get(i.consultationId)!.map((e) => e.type)).toEqual(['opened', 'closed', 'response_warning']);
  });

  it('a consultation started late (Temporal was down) catches up at once, in order', async () => {
    const now = Date.now();
    const i = input({ opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now - 30_000).toISOString(), responsePeriod: '10s' });
    const result = await client.workflow.execute(consultationWorkflow, { taskQueue, workflowId: `consultation-${i.consultationId}`, args: [i] });
    expect(result.state).toBe('closed');
    expect(events.get(i.consultationId)!.map((e) => e.type)).toEqual(['opened', 'closed', 'response_warning', 'response_warning', 'response_overdue']);
  });

  it('recorded histories of earlier versions replay on the current code (wrap breaking changes in patched())', async () => {
    const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const file of files) {
      await Worker.runReplayHistory({ workflowsPath }, JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8')), `replay-${file}`);
    }
  });

  it('fails a run with malformed input instead of retrying a task forever', async () => {
    const i = input({ responsePeriod: 'soon', closesAt: 'never' });
    const err = await client.workflow
      .execute(consultationWorkflow, { taskQueue, workflowId: `consultation-${i.consultationId}`, args: [i] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toMatch(/responsePeriod.*closesAt|closesAt.*responsePeriod/s);
  });
});
