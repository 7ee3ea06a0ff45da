import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import type { Bindings } from '../../worker/platform/env';
import { deliverEmails } from '../../worker/platform/notifications/email';
import { call, login, problemOf, registerCitizen, seedDemo, signedEvent, snapshotFixture } from '../support/api-helpers';

beforeEach(seedDemo);

/** A citizen of their own per test: storage is shared between the tests of a file. */
async function newCitizen(): Promise<{ cookie: string; email: string }> {
  const email = `c-${crypto.randomUUID()}@example.tw`;
  return { cookie: await registerCitizen(email), email };
}

async function fileCase(cookie?: string): Promise<string> {
  const res = await call('/api/v1/cases', {
    cookie: cookie ?? (await login('citizen@demo.civic.tw')),
    json: { serviceTypeCode: 'GRV-TRAFFIC', subject: '號誌故障', description: '路口號誌整天閃黃燈，車輛互不相讓。' },
  });
  return ((await res.json()) as { id: string }).id;
}

async function project(ev: CaseProjectionEvent) {
  const res = await signedEvent(ev);
  expect(res.status).toBe(200);
  return (await res.json()) as { applied: boolean; notified: number };
}

const event = (caseId: string, seq: number, extra: Partial<CaseProjectionEvent>): CaseProjectionEvent => ({
  caseId,
  seq,
  type: 'deadlines_computed',
  state: 'received',
  occurredAt: new Date().toISOString(),
  snapshot: snapshotFixture(),
  ...extra,
});

interface NotificationList {
  unread: number;
  items: { id: number; caseId: string | null; link: string | null; kind: string; title: string; body: string; readAt: string | null }[];
}

describe('notifications from case events', () => {
  it('reach the citizen and the agency officers once, even when the event is delivered twice', async () => {
    const id = await fileCase();
    const ev = event(id, 1, { notify: ['citizen', 'agency_officers'] });
    expect(await project(ev)).toEqual({ applied: true, notified: 2 });
    expect(await project(ev)).toMatchObject({ applied: false });

    const citizen = await login('citizen@demo.civic.tw');
    const list = (await (await call('/api/v1/notifications', { cookie: citizen })).json()) as NotificationList;
    expect(list.unread).toBe(1);
    expect(list.items[0]).toMatchObject({ caseId: id, link: `/cases/${id}`, kind: 'deadlines_computed', title: `案件 ${id} 已收件` });
    expect(list.items[0]!.body).toContain('2026-11-26');

    const officer = await login('officer.dot@demo.civic.tw');
    expect(((await (await call('/api/v1/notifications', { cookie: officer })).json()) as NotificationList).unread).toBe(1);
    const other = await login('officer.dep@demo.civic.tw');
    expect(((await (await call('/api/v1/notifications', { cookie: other })).json()) as NotificationList).unread).toBe(0);
  });

  it('escalations go to supervisors and the oversight unit, not to the actor', async () => {
    const id = await fileCase();
    const r = await project(event(id, 1, { type: 'sla_breached', snapshot: snapshotFixture({ sla: 'breached' }), notify: ['supervisors', 'oversight'] }));
    expect(r.notified).toBe(2);
    const rows = await env.DB.prepare('SELECT user_id FROM notifications WHERE case_id = ? ORDER BY user_id').bind(id).all<{ user_id: string }>();
    expect(rows.results.map((x) => x.user_id)).toEqual(['u-oversight', 'u-supervisor-dot']);
    const self = await project(event(id, 2, { type: 'accepted', actorId: 'u-citizen', notify: ['citizen'] }));
    expect(self.notified).toBe(0);
  });

  it('e-mails follow preferences and are captured once in the development mailbox', async () => {
    const citizen = await newCitizen();
    const id = await fileCase(citizen.cookie);
    const officer = await login('officer.dot@demo.civic.tw');
    const off = await call('/api/v1/notifications/preferences', { method: 'PUT', cookie: officer, json: { email: false } });
    expect(await off.json()).toEqual({ email: false });
    await project(event(id, 1, { notify: ['citizen', 'agency_officers'] }));
    const queued = await env.DB.prepare(`SELECT u.email FROM email_outbox e JOIN users u ON u.id = e.user_id WHERE e.dedupe_key LIKE ?`)
      .bind(`${id}:%`)
      .all<{ email: string }>();
    expect(queued.results.map((r) => r.email)).toEqual([citizen.email]);

    await deliverEmails(env as Bindings);
    await deliverEmails(env as Bindings);
    // The mailbox shows everyone's mail: admins only.
    expect((await call('/dev/mailbox.json')).status).toBe(401);
    expect((await call('/dev/mailbox', { cookie: citizen.cookie })).status).toBe(403);
    const admin = await login('admin@demo.civic.tw');
    const box = (await (await call('/dev/mailbox.json', { cookie: admin })).json()) as { items: { to_address: string; subject: string }[] };
    expect(box.items.filter((m) => m.subject.includes(id))).toEqual([
      expect.objectContaining({ to_address: citizen.email, subject: `案件 ${id} 已收件` }),
    ]);
    expect(await (await call('/dev/mailbox', { cookie: admin })).text()).toContain(`案件 ${id} 已收件`);
    expect(await (await call('/api/v1/notifications/preferences', { cookie: citizen.cookie })).json()).toEqual({ email: true });
  });

  it('marks read one by one or all at once; others cannot touch mine', async () => {
    const { cookie } = await newCitizen();
    const id = await fileCase(cookie);
    await project(event(id, 1, { notify: ['citizen'] }));
    await project(event(id, 2, { type: 'accepted', notify: ['citizen'] }));
    const list = (await (await call('/api/v1/notifications', { cookie })).json()) as NotificationList;
    expect(list.unread).toBe(2);
    const first = list.items[0]!.id;
    const stranger = await call(`/api/v1/notifications/${first}/read`, { method: 'POST', cookie: await login('resident@demo.civic.tw'), headers: { origin: 'http://example.com' } });
    expect(stranger.status).toBe(404);
    await problemOf(stranger);
    expect((await call(`/api/v1/notifications/${first}/read`, { method: 'POST', cookie, headers: { origin: 'http://example.com' } })).status).toBe(204);
    const unread = (await (await call('/api/v1/notifications?unread=true', { cookie })).json()) as NotificationList;
    expect(unread.items.map((n) => n.id)).not.toContain(first);
    const all = await call('/api/v1/notifications/read-all', { method: 'POST', cookie, headers: { origin: 'http://example.com' } });
    expect(await all.json()).toEqual({ changed: 1 });
    expect((await call('/api/v1/notifications?limit=0', { cookie })).status).toBe(422);
  });
});

describe('administration', () => {
  it('admins declare typhoon closures, which new cases take into their deadlines', async () => {
    const citizen = await login('citizen@demo.civic.tw');
    expect((await call('/api/v1/admin/closures', { cookie: citizen, json: { date: '2099-08-01', reason: '颱風' } })).status).toBe(403);
    const admin = await login('admin@demo.civic.tw');
    const bad = await call('/api/v1/admin/closures', { cookie: admin, json: { date: '2099-13-01', reason: '颱風' } });
    expect(bad.status).toBe(422);
    const ok = await call('/api/v1/admin/closures', { cookie: admin, json: { date: '2099-08-01', reason: '颱風停止上班' } });
    expect(ok.status).toBe(201);
    const id = await fileCase();
    const row = await env.DB.prepare('SELECT payload FROM outbox WHERE aggregate_id = ?').bind(id).first<{ payload: string }>();
    expect(JSON.parse(row!.payload).closures).toContain('2099-08-01');
    const list = (await (await call('/api/v1/admin/closures', { cookie: admin })).json()) as { items: { date: string }[] };
    expect(list.items.map((c) => c.date)).toContain('2099-08-01');
  });
});

describe('notifications of other legs', () => {
  it('carry their in-app link, and unknown kinds still show (titled by their kind)', async () => {
    const { cookie, email } = await newCitizen();
    const user = await env.DB.prepare('SELECT id FROM users WHERE email = ?').bind(email).first<{ id: string }>();
    const at = new Date().toISOString();
    await env.DB.prepare(
      `INSERT INTO notifications (user_id, dedupe_key, link, kind, params, created_at) VALUES (?, ?, ?, ?, '{}', ?)`,
    )
      .bind(user!.id, `probe:${user!.id}`, '/petitions/P-1', 'petition_probe', at)
      .run();
    const list = (await (await call('/api/v1/notifications', { cookie })).json()) as NotificationList;
    expect(list.items[0]).toMatchObject({ caseId: null, link: '/petitions/P-1', kind: 'petition_probe', title: 'petition_probe' });
  });
});
