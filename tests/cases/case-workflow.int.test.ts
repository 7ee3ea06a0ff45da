/**
 * The case workflow on the real Temporal dev server, with an in-process worker on its own task
 * queue. SLA periods are data: these cases run on second-scale periods ('8s'), so warnings,
 * breaches and escalations happen in real time without time skipping. The activity records
 * projection events in memory so each test can assert exactly what the workflow emitted (the
 * edge side of projections is covered by slice.test.ts and the API tests).
 */
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CaseActivities } from '../../workflows/case/activities';
import {
  acceptUpdate,
  caseWorkflow,
  extendUpdate,
  notProcessedUpdate,
  reopenUpdate,
  replyUpdate,
  requestSupplementUpdate,
  statusQuery,
  supplementReceivedUpdate,
  transferUpdate,
} from '../../workflows/case/workflow';
import type { Actor, CaseProjectionEvent, CaseWorkflowInput, ReasonInput, ReplyUpdateInput } from '../../workflows/case/contract';
import { eventually } from '../support/http-client';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
const taskQueue = `test-case-${randomUUID()}`;
const events = new Map<string, CaseProjectionEvent[]>();
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let connection: Connection;
let client: Client;

const keep = (ev: CaseProjectionEvent) => events.set(ev.caseId, [...(events.get(ev.caseId) ?? []), ev]);
const activities: CaseActivities = {
  async projectCaseEvent(ev) {
    keep(ev);
  },
  async projectCaseEvents({ events: batch }) {
    batch.forEach(keep);
  },
};

async function startWorker(): Promise<void> {
  worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowsPath, activities });
  running = worker.run();
}

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  await startWorker();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
});

const officer: Actor = { id: 'u-officer-dot', role: 'officer', agencyId: 'TPE-DOT' };
const otherAgency: Actor = { id: 'u-officer-dep', role: 'officer', agencyId: 'TPE-DEP' };
const citizen: Actor = { id: 'u-citizen', role: 'citizen', agencyId: null };

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

const start = (i: CaseWorkflowInput) => client.workflow.start(caseWorkflow, { args: [i], taskQueue, workflowId: `case-${i.caseId}` });
/** The workflow's own refusal message (the client error only says "Workflow Update failed"). */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: WorkflowUpdateFailedError) => String(e.cause?.message),
  );
const ev0 = (caseId: string, type: string) => (events.get(caseId) ?? []).find((e) => e.type === type);
const typesOf = (caseId: string) => (events.get(caseId) ?? []).map((e) => (e.type === 'sla_warning' ? `sla_warning_${e.body?.level}` : e.type));
const reply = (message = '已派員處理完畢，謝謝您。') => ({ args: [{ officerId: officer.id, actor: officer, message }] as [ReplyUpdateInput] });

describe('deadlines and timers', () => {
  it('computes legal deadlines from the official calendar across the 2026 Lunar New Year', async () => {
    // Received Fri 2026-02-13 (Taipei); 02-14..22 are holidays, so 3 working days end on Wed 02-25.
    const i = input({ receivedAt: '2026-02-13T02:00:00.000Z', resolutionPeriod: '2mo' });
    const handle = await start(i);
    const first = await eventually('first projection', async () => events.get(i.caseId)?.[0]);
    expect(first).toMatchObject({ seq: 1, type: 'deadlines_computed', ackDueDate: '2026-02-25', resolutionDueDate: '2026-04-13' });
    expect(first.snapshot).toMatchObject({ ackDueAt: '2026-02-25T15:59:59.999Z', resolutionDueAt: '2026-04-13T15:59:59.999Z' });
    expect(first.notify).toEqual(['citizen', 'agency_officers']);
    expect(await handle.query(statusQuery)).toMatchObject({ ackDueDate: '2026-02-25', state: 'received' });
    await handle.terminate('test done');
  });

  it('warns at 50 % and 75 %, breaches, and re-escalates until the reply', async () => {
    const i = input({ ackPeriod: '2s', resolutionPeriod: '6s', sla: { escalationRepeat: '2s' } });
    const t0 = Date.now();
    const handle = await start(i);
    await eventually('two escalations', async () => typesOf(i.caseId).filter((t) => t === 'sla_escalated').length >= 2, 30_000);
    await handle.executeUpdate(replyUpdate, reply());
    // The missed acknowledgement is a breach of its own: it escalates (at 4 s) until the answer
    // deadline's breach (6 s) takes over the re-escalation (8 s).
    expect(typesOf(i.caseId).slice(0, 8)).toEqual([
      'deadlines_computed',
      'ack_overdue',
      'sla_warning_50',
      'sla_escalated',
      'sla_warning_75',
      'sla_breached',
      'sla_escalated',
      'replied',
    ]);
    expect(ev0(i.caseId, 'ack_overdue')).toMatchObject({ body: { deadline: 'ack', breach: true }, notify: ['agency_officers', 'supervisors', 'oversight'] });
    expect(events.get(i.caseId)!.filter((e) => e.type === 'sla_escalated').map((e) => e.body?.deadline)).toEqual(['ack', 'answer']);
    const ev = events.get(i.caseId)!;
    const at = (type: string) => Date.parse(ev.find((e) => e.type === type)!.occurredAt) - t0;
    expect(at('sla_breached')).toBeGreaterThanOrEqual(6_000);
    expect(ev.find((e) => e.type === 'sla_breached')!.notify).toEqual(['supervisors', 'oversight']);
    expect(ev.find((e) => e.type === 'sla_warning' && e.body?.level === 75)!.notify).toEqual(['assignee', 'supervisors']);
    expect(ev.find((e) => e.type === 'replied')).toMatchObject({ body: { onTime: false }, snapshot: { sla: 'breached' } });
    await handle.terminate('test done');
  });

  it('catches up once on a backdated case instead of replaying every missed escalation', async () => {
    const i = input({ receivedAt: '2025-12-01T01:00:00.000Z' });
    const handle = await start(i);
    await eventually('breach', async () => typesOf(i.caseId).includes('sla_breached'));
    await new Promise((r) => setTimeout(r, 500));
    expect(typesOf(i.caseId)).toEqual(['deadlines_computed', 'ack_overdue', 'sla_warning_50', 'sla_warning_75', 'sla_breached']);
    expect(events.get(i.caseId)![1]).toMatchObject({ body: { ackDueAt: '2025-12-04T15:59:59.999Z' } });
    await handle.terminate('test done');
  });
});

describe('officer and citizen actions', () => {
  it('pausing for a supplement shifts the deadline by the time it took', async () => {
    const i = input({ resolutionPeriod: '20s', sla: { supplementPeriod: '30s', supplementReminderBefore: '28s' } });
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    const before = (await handle.query(statusQuery)).snapshot!;
    const paused = await handle.executeUpdate(requestSupplementUpdate, { args: [{ actor: officer, message: '請補附現場照片兩張。' }] });
    expect(paused).toMatchObject({ state: 'awaiting_supplement', sla: 'paused' });
    await eventually('reminder', async () => typesOf(i.caseId).includes('supplement_reminder'), 10_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const resumed = await handle.executeUpdate(supplementReceivedUpdate, { args: [{ actor: citizen, message: '已上傳照片。' }] });
    const shift = Date.parse(resumed.resolutionDueAt) - Date.parse(before.resolutionDueAt);
    expect(shift).toBeGreaterThanOrEqual(2_000);
    expect(shift).toBeLessThan(8_000);
    expect(resumed).toMatchObject({ state: 'in_progress', pausedSince: null, originalResolutionDueAt: before.resolutionDueAt });
    expect(typesOf(i.caseId)).toEqual(['deadlines_computed', 'supplement_requested', 'supplement_reminder', 'supplement_received']);
    await handle.terminate('test done');
  });

  it('extends an application once, before expiry, by no more than the original period', async () => {
    const i = input({ kind: 'application', resolutionPeriod: '20s' });
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    const extend = (period: string, actor = officer) =>
      handle.executeUpdate(extendUpdate, { args: [{ actor, period, reason: '需會勘現場並協調管線單位。' }] });
    expect(await refusal(extend('25s'))).toMatch(/longer than the original/);
    expect(await refusal(extend('10s', otherAgency))).toMatch(/cannot act/);
    const before = (await handle.query(statusQuery)).snapshot!;
    const extended = await extend('10s');
    expect(Date.parse(extended.resolutionDueAt) - Date.parse(before.resolutionDueAt)).toBe(10_000);
    expect(extended).toMatchObject({ state: 'extended', extended: true, originalResolutionDueAt: before.resolutionDueAt });
    expect(await refusal(extend('5s'))).toMatch(/only once/);
    expect(events.get(i.caseId)!.find((e) => e.type === 'extended')!.notify).toEqual(['citizen']);
    await handle.terminate('test done');
  });

  it('refuses to extend a grievance, or after expiry', async () => {
    const g = await start(input({ resolutionPeriod: '20s' }));
    await expect(g.executeUpdate(extendUpdate, { args: [{ actor: officer, period: '5s', reason: '理由說明文字。' }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    await g.terminate('test done');
    const i = input({ kind: 'application', resolutionPeriod: '2s' });
    const late = await start(i);
    await eventually('breach', async () => typesOf(i.caseId).includes('sla_breached'));
    const err = await late
      .executeUpdate(extendUpdate, { args: [{ actor: officer, period: '1s', reason: '理由說明文字。' }] })
      .catch((e: WorkflowUpdateFailedError) => e);
    expect(String((err as WorkflowUpdateFailedError).cause?.message)).toMatch(/before the deadline/);
    await late.terminate('test done');
  });

  it('a transfer keeps the citizen clock, opens a leg for the new agency and moves who may act', async () => {
    const i = input({ resolutionPeriod: '30s', sla: { transferWindow: '5s' } });
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    const before = (await handle.query(statusQuery)).snapshot!;
    const moved = await handle.executeUpdate(transferUpdate, {
      args: [{ actor: officer, toAgencyId: 'TPE-DEP', reason: '噪音案件屬環保局權責。' }],
    });
    expect(moved).toMatchObject({ state: 'transferred', agencyId: 'TPE-DEP', resolutionDueAt: before.resolutionDueAt });
    expect(moved.legs).toHaveLength(2);
    expect(moved.legs[0]).toMatchObject({ agencyId: 'TPE-DOT', timely: true });
    expect(moved.legs[1]).toMatchObject({ agencyId: 'TPE-DEP', endedAt: null });
    expect(events.get(i.caseId)!.at(-1)).toMatchObject({ type: 'transferred', notify: ['citizen', 'agency_officers'] });
    // The sending agency can no longer act; the receiving one accepts.
    await expect(handle.executeUpdate(acceptUpdate, { args: [{ actor: officer }] })).rejects.toThrow(WorkflowUpdateFailedError);
    expect(await handle.executeUpdate(acceptUpdate, { args: [{ actor: otherAgency }] })).toMatchObject({ state: 'accepted' });
    await handle.terminate('test done');
  });

  it('a late transfer is recorded as not timely', async () => {
    const i = input({ resolutionPeriod: '30s', sla: { transferWindow: '1s' } });
    const handle = await start(i);
    await new Promise((r) => setTimeout(r, 1_500));
    const moved = await handle.executeUpdate(transferUpdate, { args: [{ actor: officer, toAgencyId: 'TPE-DEP', reason: '屬環保局權責。' }] });
    expect(moved.legs[0]!.timely).toBe(false);
    await handle.terminate('test done');
  });

  it('reply, reopen, reply again, then closes by itself', async () => {
    const i = input({ resolutionPeriod: '30s', sla: { autoCloseAfter: '2s' } });
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    const first = await handle.executeUpdate(replyUpdate, reply());
    expect(first.state).toBe('replied');
    // Same update id: Temporal returns the first outcome instead of applying it again.
    const reopenArgs = { args: [{ actor: citizen, reason: '問題仍未改善，請再處理。' }] as [ReasonInput], updateId: 'reopen-once' };
    const reopened = await handle.executeUpdate(reopenUpdate, reopenArgs);
    expect(await handle.executeUpdate(reopenUpdate, reopenArgs)).toEqual(reopened);
    expect(reopened).toMatchObject({ state: 'reopened', repliedAt: null });
    await handle.executeUpdate(replyUpdate, reply('已再次派員複查並完成改善。'));
    expect(await handle.result()).toEqual({ state: 'closed' });
    expect(typesOf(i.caseId)).toEqual(['deadlines_computed', 'replied', 'reopened', 'replied', 'closed']);
  });

  it('closes as not processed (Art. 173) and refuses bad codes', async () => {
    const i = input();
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    await expect(
      handle.executeUpdate(notProcessedUpdate, { args: [{ actor: officer, code: 'bogus' as 'anonymous', reason: '無具體內容。' }] }),
    ).rejects.toThrow(WorkflowUpdateFailedError);
    await handle.executeUpdate(notProcessedUpdate, { args: [{ actor: officer, code: 'duplicate', reason: '與案件 A 重複陳情。' }] });
    expect(await handle.result()).toEqual({ state: 'not_processed' });
  });

  it('validators refuse bad input without changing anything', async () => {
    const i = input();
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    await expect(handle.executeUpdate(replyUpdate, { args: [{ officerId: officer.id, actor: officer, message: 'no' }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect(await refusal(handle.executeUpdate(replyUpdate, { args: [{ officerId: citizen.id, actor: citizen, message: '我自己回覆我自己。' }] }))).toMatch(
      /Only officers/,
    );
    await expect(handle.executeUpdate(replyUpdate, { args: [{ officerId: 'x', message: '沒有 actor 的舊呼叫' }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect(typesOf(i.caseId)).toEqual(['deadlines_computed']);
    await handle.terminate('test done');
  });

  it('fails fast, without retrying forever, on a malformed start payload', async () => {
    const i = input({ ackPeriod: 'three days', closures: null as unknown as string[], sla: { escalationRepeat: 'weekly' } });
    const handle = await start(i);
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toMatch(/ackPeriod.*closures.*sla\.escalationRepeat/s);
  });
});

describe('durability', () => {
  it('a worker restart mid-case loses nothing: timers that came due while it was down fire once', async () => {
    const i = input({ resolutionPeriod: '4s', sla: { escalationRepeat: '60s' } });
    const handle = await start(i);
    await eventually('started', async () => events.get(i.caseId)?.length);
    worker.shutdown();
    await running;
    // The 50 %, 75 % and breach timers all come due while no worker runs.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(typesOf(i.caseId)).toEqual(['deadlines_computed']);
    await startWorker();
    await eventually('breach after restart', async () => typesOf(i.caseId).includes('sla_breached'), 20_000);
    await handle.executeUpdate(replyUpdate, reply());
    const types = typesOf(i.caseId);
    expect(types.filter((t) => t === 'sla_breached')).toHaveLength(1);
    expect(types).toEqual(['deadlines_computed', 'sla_warning_50', 'sla_warning_75', 'sla_breached', 'replied']);
    await handle.terminate('test done');
  });
});
