import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import { call, login, problemOf, seedDemo, signedEvent } from '../support/api-helpers';

beforeEach(seedDemo);

async function fileCase(): Promise<string> {
  const cookie = await login('citizen@demo.civic.tw');
  const res = await call('/api/v1/cases', {
    cookie,
    json: { serviceTypeCode: 'GRV-TRAFFIC', subject: '號誌故障', description: '路口號誌整天閃黃燈，車輛互不相讓。' },
  });
  return ((await res.json()) as { id: string }).id;
}

/** Marks the workflow as started, as the first projection would. */
async function markStarted(caseId: string) {
  const ev: CaseProjectionEvent = { caseId, seq: 1, type: 'deadlines_computed', state: 'received', occurredAt: new Date().toISOString() };
  expect((await signedEvent(ev)).status).toBe(200);
}

const validBodies: Record<string, unknown> = {
  accept: {},
  assign: { assigneeId: 'u-officer-dot' },
  'supplement-request': { message: '請補附現場照片。', period: '7d' },
  supplement: { message: '照片已上傳。' },
  extend: { period: '10wd', reason: '需要會勘現場。' },
  transfer: { toAgencyId: 'TPE-DEP', reason: '屬環保局權責。' },
  reply: { message: '已派員修復號誌。' },
  close: {},
  reopen: { reason: '問題仍然存在。' },
  'not-processed': { code: 'duplicate', reason: '與前案重複陳情。' },
};
const staffActions = ['accept', 'assign', 'supplement-request', 'extend', 'transfer', 'reply', 'close', 'not-processed'];

describe('case actions: validation at the edge', () => {
  it.each(Object.keys(validBodies))('%s refuses unknown fields with 422 problem+json', async (action) => {
    const id = await fileCase();
    const cookie = await login(action === 'supplement' || action === 'reopen' ? 'citizen@demo.civic.tw' : 'officer.dot@demo.civic.tw');
    const res = await call(`/api/v1/cases/${id}/${action}`, { cookie, json: { ...(validBodies[action] as object), sneaky: 1 } });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toContainEqual(expect.objectContaining({ pointer: '/sneaky', in: 'body' }));
  });

  it.each([
    ['assign', { assigneeId: 42 }, '/assigneeId'],
    ['supplement-request', { message: 'x' }, '/message'],
    ['supplement-request', { message: '請補件說明。', period: 'soon' }, '/period'],
    ['extend', { period: '10wd' }, '/reason'],
    ['extend', { period: '0d', reason: '需要會勘現場。' }, '/period'],
    ['transfer', { reason: '屬環保局權責。' }, '/toAgencyId'],
    ['reply', { message: '' }, '/message'],
    ['not-processed', { code: 'boring', reason: '與前案重複陳情。' }, '/code'],
  ])('%s with %j → 422 at %s', async (action, body, pointer) => {
    const id = await fileCase();
    const res = await call(`/api/v1/cases/${id}/${action}`, { cookie: await login('officer.dot@demo.civic.tw'), json: body });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors!.map((e) => e.pointer)).toContain(pointer);
  });

  it('checks what only D1 knows: the assignee and the receiving agency', async () => {
    const id = await fileCase();
    await markStarted(id);
    const cookie = await login('officer.dot@demo.civic.tw');
    const a = await call(`/api/v1/cases/${id}/assign`, { cookie, json: { assigneeId: 'u-officer-dep' } });
    expect(a.status).toBe(422);
    expect((await problemOf(a)).errors![0]).toMatchObject({ pointer: '/assigneeId' });
    const t = await call(`/api/v1/cases/${id}/transfer`, { cookie, json: { toAgencyId: 'NOWHERE', reason: '屬其他機關權責。' } });
    expect(t.status).toBe(422);
    expect((await problemOf(t)).errors![0]).toMatchObject({ pointer: '/toAgencyId' });
  });

  it.each(staffActions)('%s: citizens get 403, another agency 404', async (action) => {
    const id = await fileCase();
    const citizen = await call(`/api/v1/cases/${id}/${action}`, { cookie: await login('citizen@demo.civic.tw'), json: validBodies[action] });
    expect(citizen.status).toBe(403);
    await problemOf(citizen);
    const other = await call(`/api/v1/cases/${id}/${action}`, { cookie: await login('officer.dep@demo.civic.tw'), json: validBodies[action] });
    expect(other.status).toBe(404);
  });

  it("another citizen cannot supply or reopen someone else's case", async () => {
    const id = await fileCase();
    const cookie = await login('resident@demo.civic.tw');
    expect((await call(`/api/v1/cases/${id}/supplement`, { cookie, json: validBodies.supplement })).status).toBe(404);
    expect((await call(`/api/v1/cases/${id}/reopen`, { cookie, json: validBodies.reopen })).status).toBe(404);
  });

  it('409 while the workflow has not started; 503 (nothing changed) when Temporal is unreachable', async () => {
    const id = await fileCase();
    const cookie = await login('officer.dot@demo.civic.tw');
    const early = await call(`/api/v1/cases/${id}/accept`, { cookie, json: {} });
    expect(early.status).toBe(409);
    expect((await problemOf(early)).type).toMatch(/workflow-not-started$/);
    await markStarted(id);
    const down = await call(`/api/v1/cases/${id}/accept`, { cookie, json: {} });
    expect(down.status).toBe(503);
    expect((await problemOf(down)).detail).toMatch(/nothing was changed/);
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE target = ?`).bind(`case:${id}`).first<{ n: number }>();
    expect(audit?.n).toBe(0);
  });

  it('bad Idempotency-Key headers are refused', async () => {
    const id = await fileCase();
    const res = await call(`/api/v1/cases/${id}/accept`, {
      cookie: await login('officer.dot@demo.civic.tw'),
      json: {},
      headers: { 'idempotency-key': 'bad key!' },
    });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors![0]).toMatchObject({ in: 'header' });
  });
});
