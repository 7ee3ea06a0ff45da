import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import { call, login, problemOf, seedDemo, signedEvent } from '../support/api-helpers';

beforeEach(seedDemo);

interface CaseDetail {
  id: string;
  state: string;
  agencyId: string;
  ackDueDate: string | null;
  workflowStarted: boolean;
  timeline: { seq: number; type: string; actorRole: string | null; body: Record<string, unknown> }[];
}

const grievance = {
  serviceTypeCode: 'GRV-TRAFFIC',
  subject: '路口號誌故障',
  description: '忠孝東路與復興南路口的行人號誌從早上開始不亮。',
  location: '忠孝東路四段',
};

async function fileCase(cookie: string): Promise<CaseDetail> {
  const res = await call('/api/v1/cases', { cookie, json: grievance });
  expect(res.status).toBe(202);
  return (await res.json()) as CaseDetail;
}

describe('filing a case', () => {
  it('commits the case with an outbox entry and answers 202 even while Temporal is down', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const filed = await fileCase(cookie);
    expect(filed.id).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    expect(filed).toMatchObject({ state: 'received', agencyId: 'TPE-DOT', workflowStarted: false });
    expect(filed.timeline).toEqual([expect.objectContaining({ seq: 0, type: 'filed', actorRole: 'citizen' })]);
    const outbox = await env.DB.prepare('SELECT state, payload FROM outbox WHERE aggregate_id = ?')
      .bind(filed.id)
      .first<{ state: string; payload: string }>();
    expect(outbox?.state).toBe('pending');
    expect(JSON.parse(outbox!.payload)).toMatchObject({ caseId: filed.id, ackPeriod: '3wd', kind: 'grievance' });
  });

  it('refuses unknown service types with a field error', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/cases', { cookie, json: { ...grievance, serviceTypeCode: 'NOPE' } });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toEqual([expect.objectContaining({ pointer: '/serviceTypeCode' })]);
  });

  it('only citizens file; anonymous callers are told to sign in', async () => {
    expect((await call('/api/v1/cases', { json: grievance })).status).toBe(401);
    const officer = await login('officer.dot@demo.civic.tw');
    expect((await call('/api/v1/cases', { cookie: officer, json: grievance })).status).toBe(403);
  });
});

describe('who sees a case', () => {
  it('the citizen and the competent agency do; another agency and another citizen do not', async () => {
    const filed = await fileCase(await login('citizen@demo.civic.tw'));

    const mine = await call('/api/v1/cases/mine', { cookie: await login('citizen@demo.civic.tw') });
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toContain(filed.id);

    const dot = await login('officer.dot@demo.civic.tw');
    const inbox = (await (await call('/api/v1/cases/inbox', { cookie: dot })).json()) as { items: { id: string }[] };
    expect(inbox.items.map((c) => c.id)).toContain(filed.id);
    expect((await call(`/api/v1/cases/${filed.id}`, { cookie: dot })).status).toBe(200);

    const dep = await login('officer.dep@demo.civic.tw');
    const depInbox = (await (await call('/api/v1/cases/inbox', { cookie: dep })).json()) as { items: { id: string }[] };
    expect(depInbox.items.map((c) => c.id)).not.toContain(filed.id);
    const hidden = await call(`/api/v1/cases/${filed.id}`, { cookie: dep });
    expect(hidden.status).toBe(404);
    await problemOf(hidden);

    const other = await login('resident@demo.civic.tw');
    expect((await call(`/api/v1/cases/${filed.id}`, { cookie: other })).status).toBe(404);
    expect((await call('/api/v1/cases/inbox', { cookie: other })).status).toBe(403);

    const manager = await login('manager@demo.civic.tw');
    expect((await call(`/api/v1/cases/${filed.id}`, { cookie: manager })).status).toBe(200);
  });

  it('a reply before the workflow has started is a 409, and nothing changes', async () => {
    const filed = await fileCase(await login('citizen@demo.civic.tw'));
    const dot = await login('officer.dot@demo.civic.tw');
    const res = await call(`/api/v1/cases/${filed.id}/reply`, { cookie: dot, json: { message: '已派員前往修復。' } });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).type).toMatch(/workflow-not-started$/);
  });
});

describe('internal projection route', () => {
  it('refuses unsigned, stale or wrongly signed requests', async () => {
    const filed = await fileCase(await login('citizen@demo.civic.tw'));
    const ev: CaseProjectionEvent = {
      caseId: filed.id,
      seq: 1,
      type: 'deadlines_computed',
      state: 'received',
      occurredAt: new Date().toISOString(),
      ackDueDate: '2026-11-26',
    };
    expect((await call('/internal/v1/case-events', { json: ev })).status).toBe(401);
    expect((await signedEvent(ev, 'wrong-secret')).status).toBe(401);
    const res = await signedEvent(ev, 'test-internal-secret', Math.floor(Date.now() / 1000) - 3600);
    expect(res.status).toBe(401);
  });

  it('applies each event once and never moves the case backwards', async () => {
    const citizen = await login('citizen@demo.civic.tw');
    const filed = await fileCase(citizen);
    const at = new Date().toISOString();
    const computed: CaseProjectionEvent = {
      caseId: filed.id,
      seq: 1,
      type: 'deadlines_computed',
      state: 'received',
      occurredAt: at,
      ackDueDate: '2026-11-26',
      resolutionDueDate: '2026-12-23',
    };
    const replied: CaseProjectionEvent = {
      caseId: filed.id,
      seq: 2,
      type: 'replied',
      state: 'replied',
      occurredAt: at,
      actorId: 'u-officer-dot',
      repliedAt: at,
      body: { message: '已修復。' },
    };
    expect(await (await signedEvent(computed)).json()).toMatchObject({ applied: true });
    expect(await (await signedEvent(replied)).json()).toMatchObject({ applied: true });
    // Retried deliveries (same seq) are no-ops, and an old event cannot undo the reply.
    expect(await (await signedEvent(computed)).json()).toMatchObject({ applied: false });
    const c = (await (await call(`/api/v1/cases/${filed.id}`, { cookie: citizen })).json()) as CaseDetail;
    expect(c).toMatchObject({ state: 'replied', ackDueDate: '2026-11-26', workflowStarted: true });
    expect(c.timeline.map((e) => [e.seq, e.type])).toEqual([
      [0, 'filed'],
      [1, 'deadlines_computed'],
      [2, 'replied'],
    ]);
    expect(c.timeline[2]).toMatchObject({ actorRole: 'officer', actorAgencyId: 'TPE-DOT', body: { message: '已修復。' } });
  });

  it('validates projection events like any other input', async () => {
    const res = await signedEvent({ caseId: 'x', seq: 0, type: 'bogus' } as unknown as CaseProjectionEvent);
    expect(res.status).toBe(422);
    await problemOf(res);
  });
});

describe('satisfaction survey', () => {
  it('opens after the reply, takes one answer from the case owner only', async () => {
    const citizen = await login('citizen@demo.civic.tw');
    const filed = await fileCase(citizen);
    const early = await call(`/api/v1/cases/${filed.id}/satisfaction`, { cookie: citizen, json: { score: 4 } });
    expect(early.status).toBe(409);
    await problemOf(early);
    const at = new Date().toISOString();
    const projected = await signedEvent({ caseId: filed.id, seq: 1, type: 'replied', state: 'replied', occurredAt: at, repliedAt: at });
    expect(projected.status, await projected.clone().text()).toBe(200);
    expect((await call(`/api/v1/cases/${filed.id}/satisfaction`, { cookie: citizen, json: { score: 9 } })).status).toBe(422);
    const other = await call(`/api/v1/cases/${filed.id}/satisfaction`, { cookie: await login('resident@demo.civic.tw'), json: { score: 1 } });
    expect(other.status).toBe(404);
    const ok = await call(`/api/v1/cases/${filed.id}/satisfaction`, { cookie: citizen, json: { score: 4, comment: '回覆迅速。' } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ satisfactionScore: 4 });
    expect((await call(`/api/v1/cases/${filed.id}/satisfaction`, { cookie: citizen, json: { score: 5 } })).status).toBe(409);
  });
});
