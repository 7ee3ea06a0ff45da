/**
 * Issue 11: the worker sends a case's pending events in one signed request, which the edge
 * applies in seq order, with their notices, in one D1 batch. Retries and overlaps change nothing
 * twice, an old batch never moves a case backwards, and a malformed batch writes nothing.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseProjectionBatch, CaseProjectionEvent } from '../../workflows/case/contract';
import { call, login, problemOf, seedDemo, signedEvent, snapshotFixture } from '../support/api-helpers';

beforeEach(seedDemo);

async function fileCase(): Promise<string> {
  const res = await call('/api/v1/cases', {
    cookie: await login('citizen@demo.civic.tw'),
    json: { serviceTypeCode: 'GRV-TRAFFIC', subject: '路口號誌故障', description: '忠孝東路與復興南路口的行人號誌從早上開始不亮。' },
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const t = (s: number) => new Date(Date.UTC(2026, 10, 30, 1, 0, s)).toISOString();

/** seq 1 deadlines, 2 accepted, 3 warning, 4 breach, 5 replied: each with the snapshot after it. */
function events(caseId: string): CaseProjectionEvent[] {
  const ev = (seq: number, type: string, state: CaseProjectionEvent['state'], extra: Partial<CaseProjectionEvent> = {}): CaseProjectionEvent => ({
    caseId,
    seq,
    type: type as CaseProjectionEvent['type'],
    state,
    occurredAt: t(seq),
    snapshot: snapshotFixture({ state, sla: seq >= 4 ? 'breached' : seq === 3 ? 'warned_75' : 'on_track', ...(seq >= 5 ? { repliedAt: t(5) } : {}) }),
    ...extra,
  });
  return [
    ev(1, 'deadlines_computed', 'received', { notify: ['citizen', 'agency_officers'] }),
    ev(2, 'accepted', 'accepted', { actorId: 'u-officer-dot' }),
    ev(3, 'sla_warning', 'accepted', { body: { level: 75 }, notify: ['assignee', 'supervisors'] }),
    ev(4, 'sla_breached', 'accepted', { body: { resolutionDueAt: t(4) }, notify: ['supervisors', 'oversight'] }),
    ev(5, 'replied', 'replied', { actorId: 'u-officer-dot', repliedAt: t(5), body: { message: '已修復。' }, notify: ['citizen'] }),
  ];
}

async function readModel(caseId: string) {
  const row = await env.DB.prepare('SELECT state, sla_state, last_seq FROM cases WHERE id = ?').bind(caseId).first<{ state: string; sla_state: string; last_seq: number }>();
  const { results: timeline } = await env.DB.prepare('SELECT seq, type FROM case_events WHERE case_id = ? ORDER BY seq').bind(caseId).all<{ seq: number; type: string }>();
  const notices = await env.DB.prepare('SELECT COUNT(*) AS n FROM notifications WHERE case_id = ?').bind(caseId).first<{ n: number }>();
  const mails = await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE dedupe_key LIKE ? || ':%'`).bind(caseId).first<{ n: number }>();
  return { ...row!, timeline: timeline.map((e) => `${e.seq}:${e.type}`), notices: notices!.n, mails: mails!.n };
}

const batch = (caseId: string, evs: CaseProjectionEvent[]): CaseProjectionBatch => ({ caseId, events: evs });

describe('a batch of one case\'s events', () => {
  it('is applied in seq order whatever order it arrives in, with every notice, in one request', async () => {
    const id = await fileCase();
    const [e1, e2, e3, e4] = events(id);
    const res = await signedEvent(batch(id, [e3!, e1!, e4!, e2!]));
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = (await res.json()) as { applied: number; notified: number };
    expect(answer.applied).toBe(4);
    expect(answer.notified).toBeGreaterThan(0);
    const m = await readModel(id);
    expect(m).toMatchObject({ state: 'accepted', sla_state: 'breached', last_seq: 4 });
    expect(m.timeline).toEqual(['0:filed', '1:deadlines_computed', '2:accepted', '3:sla_warning', '4:sla_breached']);
    expect(m.notices).toBe(answer.notified);
    expect(m.mails).toBeGreaterThan(0);
  });

  it('is idempotent: a resent batch and an overlapping one add only what is new, and notify nobody twice', async () => {
    const id = await fileCase();
    const evs = events(id);
    await signedEvent(batch(id, evs.slice(0, 3)));
    const before = await readModel(id);
    const again = (await (await signedEvent(batch(id, evs.slice(0, 3)))).json()) as { applied: number };
    expect(again.applied).toBe(0);
    expect(await readModel(id)).toEqual(before);

    const overlap = (await (await signedEvent(batch(id, evs.slice(1, 5)))).json()) as { applied: number };
    expect(overlap.applied).toBe(2);
    const after = await readModel(id);
    expect(after).toMatchObject({ state: 'replied', last_seq: 5 });
    expect(after.timeline).toHaveLength(6);
    expect(after.notices).toBeGreaterThan(before.notices);

    // A late retry of an old batch (and a single old event) never moves the case backwards.
    await signedEvent(batch(id, evs.slice(0, 2)));
    await signedEvent(evs[0]!);
    expect(await readModel(id)).toEqual(after);
  });

  it('refuses a malformed batch as a whole (422 with field pointers) and writes nothing', async () => {
    const id = await fileCase();
    const evs = events(id);
    const before = await readModel(id);
    const other = await fileCase();
    const mixed = await signedEvent(batch(id, [evs[0]!, { ...evs[1]!, caseId: other }]));
    expect(mixed.status).toBe(422);
    expect((await problemOf(mixed)).errors?.map((e) => e.pointer)).toContain('/events/1/caseId');
    const twice = await signedEvent(batch(id, [evs[0]!, { ...evs[1]!, seq: 1 }]));
    expect(twice.status).toBe(422);
    expect((await problemOf(twice)).errors?.map((e) => e.pointer)).toContain('/events/1/seq');
    const badState = await signedEvent(batch(id, [evs[0]!, { ...evs[1]!, state: 'teleported' } as unknown as CaseProjectionEvent]));
    expect(badState.status).toBe(422);
    const tooMany = await signedEvent(batch(id, Array.from({ length: 51 }, (_, i) => ({ ...evs[0]!, seq: i + 1 }))));
    expect(tooMany.status).toBe(422);
    const empty = await signedEvent(batch(id, []));
    expect(empty.status).toBe(422);
    expect(await readModel(id)).toEqual(before);
  });

  it('answers 404 for an unknown case and writes nothing', async () => {
    const evs = events('NO-SUCH-CASE');
    const res = await signedEvent(batch('NO-SUCH-CASE', evs));
    expect(res.status).toBe(404);
    expect((await problemOf(res)).type).toContain('case-not-found');
    const n = await env.DB.prepare(`SELECT COUNT(*) AS n FROM case_events WHERE case_id = 'NO-SUCH-CASE'`).first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});

describe('the events of several cases in one request (a worker\'s group commit)', () => {
  it('answers each case on its own: unknown cases are 404 and stuck, the others applied and their old refusals cleared', async () => {
    const a = await fileCase();
    const b = await fileCase();
    await env.DB.prepare('DELETE FROM projection_refusals').run();
    // An earlier refusal of case a (a rolling deploy) is cleared once a's events go through.
    expect((await signedEvent({ ...events(a)[0]!, state: 'teleported' } as unknown as CaseProjectionEvent)).status).toBe(422);
    const res = await signedEvent({ cases: [batch(a, events(a).slice(0, 2)), batch('NO-SUCH-CASE', events('NO-SUCH-CASE').slice(0, 1)), batch(b, events(b))] });
    expect(res.status, await res.clone().text()).toBe(200);
    const answer = (await res.json()) as { results: { caseId: string; status: number; applied: number }[]; notified: number };
    expect(answer.results).toEqual([
      { caseId: a, status: 200, applied: 2 },
      { caseId: 'NO-SUCH-CASE', status: 404, applied: 0 },
      { caseId: b, status: 200, applied: 5 },
    ]);
    expect(await readModel(a)).toMatchObject({ state: 'accepted', last_seq: 2 });
    expect(await readModel(b)).toMatchObject({ state: 'replied', last_seq: 5 });
    const { results: stuck } = await env.DB.prepare('SELECT key, status, code FROM projection_refusals ORDER BY key').all();
    expect(stuck).toEqual([{ key: 'NO-SUCH-CASE', status: 404, code: 'case-not-found' }]);

    // Sent again (a retry): nothing new, nobody notified twice.
    const before = [await readModel(a), await readModel(b)];
    const again = (await (await signedEvent({ cases: [batch(a, events(a).slice(0, 2)), batch(b, events(b))] } as never)).json()) as {
      results: { applied: number }[];
    };
    expect(again.results.map((r) => r.applied)).toEqual([0, 0]);
    expect([await readModel(a), await readModel(b)]).toEqual(before);
  });

  it('refuses a malformed request as a whole and writes nothing', async () => {
    const a = await fileCase();
    const before = await readModel(a);
    const twice = await signedEvent({ cases: [batch(a, events(a).slice(0, 1)), batch(a, events(a).slice(1, 2))] });
    expect(twice.status).toBe(422);
    expect((await problemOf(twice)).errors?.map((e) => e.pointer)).toContain('/cases/1/caseId');
    const many = Array.from({ length: 11 }, () => batch(a, events(a)));
    const tooMany = await signedEvent({ cases: many.map((g, i) => ({ ...g, caseId: `${a}-${i}`, events: g.events.map((e) => ({ ...e, caseId: `${a}-${i}` })) })) });
    expect(tooMany.status).toBe(422);
    expect(await readModel(a)).toEqual(before);
  });
});
