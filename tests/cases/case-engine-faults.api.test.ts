/**
 * The edge side of the case engine under faults and change: projections from newer or older
 * workers are accepted, refusals show as stuck projections until accepted, a missed
 * acknowledgement counts as a breach wherever managers look, office closures and calendar
 * revisions are queued as signals to running cases, and a case number collision is retried.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import { intakeCase } from '../../worker/cases/intake';
import type { Bindings } from '../../worker/platform/env';
import { ORIGIN, call, login, problemOf, seedDemo, signedEvent, snapshotFixture } from '../support/api-helpers';

// Storage is shared by the tests of this file: each starts without other tests' open cases,
// refusals and queued signals.
beforeEach(async () => {
  await seedDemo();
  await env.DB.batch([
    env.DB.prepare(`UPDATE cases SET state = 'closed'`),
    env.DB.prepare('DELETE FROM projection_refusals'),
    env.DB.prepare(`DELETE FROM outbox WHERE kind = 'signal_workflow'`),
  ]);
});

const grievance = {
  serviceTypeCode: 'GRV-TRAFFIC',
  subject: '路口號誌故障',
  description: '忠孝東路與復興南路口的行人號誌從早上開始不亮。',
};

async function fileCase(email = 'citizen@demo.civic.tw', serviceTypeCode = 'GRV-TRAFFIC'): Promise<string> {
  const res = await call('/api/v1/cases', { cookie: await login(email), json: { ...grievance, serviceTypeCode } });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const at = () => new Date().toISOString();

async function health() {
  return (await (await call('/api/v1/health')).json()) as { status: string; projections: { stuck: number; lastCode: string | null } };
}

describe('projections from another worker version', () => {
  it('accepts unknown fields and event types, and stores the type on the timeline', async () => {
    const id = await fileCase();
    const ev = {
      caseId: id,
      seq: 1,
      type: 'future_event',
      state: 'received',
      occurredAt: at(),
      futureField: { nested: true },
      notify: ['citizen', 'future_audience'],
      snapshot: { ...snapshotFixture(), futureSnapshotField: 3 },
    } as unknown as CaseProjectionEvent;
    const res = await signedEvent(ev);
    expect(res.status, await res.clone().text()).toBe(200);
    const detail = (await (await call(`/api/v1/cases/${id}`, { cookie: await login('citizen@demo.civic.tw') })).json()) as {
      timeline: { type: string }[];
    };
    expect(detail.timeline.map((e) => e.type)).toContain('future_event');
  });

  it('still refuses what the read model cannot hold (an unknown state)', async () => {
    const id = await fileCase();
    const res = await signedEvent({ caseId: id, seq: 1, type: 'deadlines_computed', state: 'teleported', occurredAt: at() } as unknown as CaseProjectionEvent);
    expect(res.status).toBe(422);
    await problemOf(res);
  });
});

describe('stuck projections', () => {
  it('a refusal shows in health and on the dashboard until the edge accepts the event', async () => {
    const id = await fileCase();
    expect((await health()).projections.stuck).toBe(0);
    const bad = { caseId: id, seq: 1, type: 'deadlines_computed', state: 'teleported', occurredAt: at() } as unknown as CaseProjectionEvent;
    expect((await signedEvent(bad)).status).toBe(422);
    expect((await signedEvent(bad)).status).toBe(422);
    expect((await signedEvent({ ...bad, state: 'received', caseId: 'nobody' })).status).toBe(404);
    expect((await signedEvent(bad, 'rotated-secret')).status).toBe(401);
    const h = await health();
    expect(h.status).toBe('degraded');
    expect(h.projections).toMatchObject({ stuck: 3, lastCode: 'bad-signature' });
    const row = await env.DB.prepare('SELECT attempts, code FROM projection_refusals WHERE key = ?').bind(id).first<{ attempts: number; code: string }>();
    expect(row).toEqual({ attempts: 2, code: 'validation' });

    const board = (await (await call('/api/v1/dashboard/sla', { cookie: await login('supervisor.dot@demo.civic.tw') })).json()) as {
      stuckProjections: { stuck: number };
    };
    // The supervisor's scope: their agency's case and the unattributable signature refusal.
    expect(board.stuckProjections.stuck).toBe(2);

    // The worker retries; once the edge accepts, the case's row and the signature row clear.
    const ok = await signedEvent({ ...bad, state: 'received' } as CaseProjectionEvent);
    expect(ok.status).toBe(200);
    expect((await health()).projections.stuck).toBe(1); // 'nobody' is still refused
  });
});

describe('a missed acknowledgement is a breach', () => {
  it('breached in the inbox filter, the SLA tiles, the escalation inbox and on the case page', async () => {
    const id = await fileCase();
    const snap = snapshotFixture({ ackDueAt: '2026-11-26T15:59:59.999Z' });
    expect((await signedEvent({ caseId: id, seq: 1, type: 'deadlines_computed', state: 'received', occurredAt: at(), snapshot: snap })).status).toBe(200);
    const missed = await signedEvent({
      caseId: id,
      seq: 2,
      type: 'ack_overdue',
      state: 'received',
      occurredAt: at(),
      body: { deadline: 'ack', breach: true },
      snapshot: { ...snap, sla: 'breached', ackMissed: true },
    });
    expect(missed.status).toBe(200);
    const officer = await login('officer.dot@demo.civic.tw');
    const inbox = (await (await call('/api/v1/cases/inbox?sla=breached', { cookie: officer })).json()) as { items: { id: string; ackMissed: boolean }[] };
    expect(inbox.items.find((i) => i.id === id)).toMatchObject({ ackMissed: true });
    const detail = (await (await call(`/api/v1/cases/${id}`, { cookie: officer })).json()) as { slaState: string; ackMissed: boolean };
    expect(detail).toMatchObject({ slaState: 'breached', ackMissed: true });
    const supervisor = await login('supervisor.dot@demo.civic.tw');
    const board = (await (await call('/api/v1/dashboard/sla', { cookie: supervisor })).json()) as { counts: { breached: number } };
    expect(board.counts.breached).toBe(1);
    const esc = (await (await call('/api/v1/escalations', { cookie: supervisor })).json()) as { items: { id: string; ackMissed: boolean }[] };
    expect(esc.items.find((i) => i.id === id)).toMatchObject({ ackMissed: true });
  });

  it('also from workflows started before the change (only an ack_overdue event), and the figures say which deadline', async () => {
    const id = await fileCase();
    const snap = snapshotFixture();
    await signedEvent({ caseId: id, seq: 1, type: 'deadlines_computed', state: 'received', occurredAt: at(), snapshot: snap });
    // A v2 workflow's event: no ackMissed in the snapshot, SLA still on track.
    await signedEvent({ caseId: id, seq: 2, type: 'ack_overdue', state: 'received', occurredAt: at(), snapshot: snap });
    const officer = await login('officer.dot@demo.civic.tw');
    expect(await (await call(`/api/v1/cases/${id}`, { cookie: officer })).json()).toMatchObject({ slaState: 'breached', ackMissed: true });
    // Answered before the answer deadline: still a breach, of the acknowledgement deadline.
    const repliedAt = at();
    await signedEvent({
      caseId: id,
      seq: 3,
      type: 'replied',
      state: 'replied',
      occurredAt: repliedAt,
      repliedAt,
      snapshot: { ...snap, state: 'replied', repliedAt, acknowledgedAt: repliedAt, resolutionDueAt: '2099-01-01T15:59:59.999Z' },
    });
    expect(await (await call(`/api/v1/cases/${id}`, { cookie: officer })).json()).toMatchObject({ missedDeadline: 'ack' });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const perf = (await (await call(`/api/v1/dashboard/performance?from=${today}&to=${today}`, { cookie: await login('manager@demo.civic.tw') })).json()) as {
      total: { met: number; breached: number; missedAck: number; missedAnswer: number };
    };
    expect(perf.total).toMatchObject({ met: 0, breached: 1, missedAck: 1, missedAnswer: 0 });
  });
});

describe('calendar changes reach running cases', () => {
  const signals = async () =>
    (
      await env.DB.prepare(`SELECT aggregate_id, payload FROM outbox WHERE kind = 'signal_workflow' ORDER BY aggregate_id`).all<{
        aggregate_id: string;
        payload: string;
      }>()
    ).results.map((r) => ({ key: r.aggregate_id, payload: JSON.parse(r.payload) as { workflowId: string; signal: string; input: unknown[] } }));

  it('an office closure queues one signal per open case of the agency, once', async () => {
    const dot = await fileCase();
    const dep = await fileCase('citizen@demo.civic.tw', 'GRV-NOISE');
    const closed = await fileCase();
    await env.DB.prepare(`UPDATE cases SET state = 'closed' WHERE id = ?`).bind(closed).run();
    const admin = await login('admin@demo.civic.tw');
    const closure = { date: '2026-12-03', scope: 'TPE-DOT', reason: '颱風停止上班' };
    expect((await call('/api/v1/admin/closures', { cookie: admin, json: closure })).status).toBe(201);
    expect((await call('/api/v1/admin/closures', { cookie: admin, json: closure })).status).toBe(201);
    const rows = await signals();
    expect(rows.map((r) => r.key)).toEqual([`${dot}:closure:2026-12-03`]);
    expect(rows[0]!.payload).toEqual({
      workflowId: `case-${dot}`,
      signal: 'calendarChanged',
      input: [{ reason: 'office_closure', closures: ['2026-12-03'] }],
    });
    expect(rows.map((r) => r.key).join()).not.toContain(dep);
    expect((await call('/api/v1/admin/closures', { cookie: admin, json: { ...closure, scope: '*', date: '2026-12-04' } })).status).toBe(201);
    expect((await signals()).map((r) => r.key)).toContain(`${dep}:closure:2026-12-04`);
  });

  it('a calendar revision is sent to every open case with its edition; new cases carry the calendar in their input', async () => {
    const id = await fileCase();
    const start = await env.DB.prepare(`SELECT payload FROM outbox WHERE kind = 'start_case_workflow' AND aggregate_id = ?`).bind(id).first<{ payload: string }>();
    const input = JSON.parse(start!.payload) as { calendar: { edition: string; holidays: string[] } };
    expect(input.calendar.holidays).toContain('2025-09-29');
    const res = await call('/api/v1/admin/calendar/propagate', { cookie: await login('admin@demo.civic.tw'), method: 'POST', headers: { origin: ORIGIN } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ edition: input.calendar.edition });
    const rows = await signals();
    expect(rows.map((r) => r.key)).toEqual([`${id}:calendar:${input.calendar.edition}`]);
    expect(rows[0]!.payload.input).toEqual([{ reason: 'calendar_revision', calendar: input.calendar }]);
    expect((await call('/api/v1/admin/calendar/propagate', { cookie: await login('officer.dot@demo.civic.tw'), method: 'POST', headers: { origin: ORIGIN } })).status).toBe(403);
  });
});

describe('case numbers', () => {
  it('a collision with an existing case number is retried with a new number', async () => {
    const existing = await fileCase();
    const count = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM cases').first<{ n: number }>())!.n;
    const before = await count();
    const ids = [existing, existing, '20261201-NEW0K1'];
    const id = await intakeCase(env as unknown as Bindings, { waitUntil: () => undefined }, grievance, { citizenId: 'u-citizen' }, { newId: () => ids.shift()! });
    expect(id).toBe('20261201-NEW0K1');
    expect(await count()).toBe(before + 1);
  });
});
