/**
 * The case workflow on the real Temporal dev server, with an in-process worker on its own task
 * queue. The activity records projection events in memory so each test can assert exactly what
 * the workflow emitted and when (the edge side of projections is covered by slice.test.ts).
 */
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseActivities } from '../../workflows/case/activities';
import { caseWorkflow, replyUpdate, statusQuery } from '../../workflows/case/workflow';
import type { CaseProjectionEvent, CaseWorkflowInput } from '../../workflows/contracts';
import { eventually } from './api-client';

const taskQueue = `test-case-${randomUUID()}`;
const events = new Map<string, CaseProjectionEvent[]>();
let worker: Worker;
let running: Promise<void>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;

const activities: CaseActivities = {
  async projectCaseEvent(ev) {
    events.set(ev.caseId, [...(events.get(ev.caseId) ?? []), ev]);
  },
};

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
    activities,
  });
  running = worker.run();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
});

function input(overrides: Partial<CaseWorkflowInput> = {}): CaseWorkflowInput {
  return {
    caseId: `T-${randomUUID()}`,
    kind: 'grievance',
    agencyId: 'TPE-DOT',
    serviceTypeCode: 'GRV-TRAFFIC',
    receivedAt: new Date().toISOString(),
    ackPeriod: '3wd',
    resolutionPeriod: '30d',
    closures: [],
    ...overrides,
  };
}

const start = (i: CaseWorkflowInput) =>
  client.workflow.start(caseWorkflow, { args: [i], taskQueue, workflowId: `case-${i.caseId}` });

describe('case workflow', () => {
  it('computes deadlines from the official calendar across the 2026 Lunar New Year', async () => {
    // Received Fri 2026-02-13 (Taipei); 2026-02-14..22 are holidays, so 3 working days end on Wed 02-25.
    const i = input({ receivedAt: '2026-02-13T02:00:00.000Z', resolutionPeriod: '2mo' });
    const handle = await start(i);
    const first = await eventually('first projection', async () => events.get(i.caseId)?.[0]);
    expect(first).toMatchObject({ seq: 1, type: 'deadlines_computed', ackDueDate: '2026-02-25', resolutionDueDate: '2026-04-13' });
    expect(await handle.query(statusQuery)).toMatchObject({ ackDueDate: '2026-02-25', state: 'received' });
    await handle.terminate('test done');
  });

  it('projects ack_overdue when the acknowledgement deadline passes unanswered', async () => {
    const i = input({ receivedAt: '2025-12-01T01:00:00.000Z' });
    const handle = await start(i);
    const overdue = await eventually('ack_overdue', async () => events.get(i.caseId)?.find((e) => e.type === 'ack_overdue'));
    expect(overdue).toMatchObject({ seq: 2, state: 'received', body: { ackDueDate: '2025-12-04' } });
    await handle.executeUpdate(replyUpdate, { args: [{ officerId: 'u-officer-dot', message: '逾期仍須回覆。' }] });
    expect(await handle.result()).toEqual({ state: 'replied' });
  });

  it('a reply completes the workflow; the update validator refuses a second reply and bad input', async () => {
    const i = input();
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    await expect(
      handle.executeUpdate(replyUpdate, { args: [{ officerId: 'u-officer-dot', message: 'no' }] }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const result = await handle.executeUpdate(replyUpdate, {
      args: [{ officerId: 'u-officer-dot', message: '已處理完畢。' }],
      updateId: 'reply-once',
    });
    expect(result.state).toBe('replied');
    // Same update id: Temporal returns the first outcome instead of applying it again.
    const retried = await handle.executeUpdate(replyUpdate, {
      args: [{ officerId: 'u-officer-dot', message: '已處理完畢。' }],
      updateId: 'reply-once',
    });
    expect(retried).toEqual(result);
    expect(await handle.result()).toEqual({ state: 'replied' });
    const types = events.get(i.caseId)!.map((e) => [e.seq, e.type]);
    expect(types).toEqual([
      [1, 'deadlines_computed'],
      [2, 'replied'],
    ]);
  });

  it('fails fast, without retrying forever, on a malformed start payload', async () => {
    const i = input({ ackPeriod: 'three days', closures: null as unknown as string[] });
    const handle = await start(i);
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toMatch(/ackPeriod.*closures/s);
  });
});
