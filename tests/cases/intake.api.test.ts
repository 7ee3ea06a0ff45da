import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

const permit = {
  serviceTypeCode: 'APP-ROAD-DIG',
  subject: '自來水管線汰換挖掘',
  description: '配合自來水管線汰換，申請挖掘民生東路慢車道約 30 公尺。',
  formData: { contractor: '大安營造', startDate: '2026-12-15', lengthMetres: 30, purpose: 'water' },
};

describe('service type form schemas', () => {
  it('are published with the service types', async () => {
    const res = await call('/api/v1/service-types?kind=application');
    const { items } = (await res.json()) as { items: { code: string; formSchema: { name: string }[] }[] };
    expect(items.find((s) => s.code === 'APP-ROAD-DIG')!.formSchema.map((f) => f.name)).toEqual([
      'contractor',
      'startDate',
      'lengthMetres',
      'purpose',
    ]);
  });

  it('are enforced when filing: required, typed, options, nothing unknown', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const missing = await call('/api/v1/cases', { cookie, json: { ...permit, formData: undefined } });
    expect(missing.status).toBe(422);
    expect((await problemOf(missing)).errors!.map((e) => e.pointer).sort()).toEqual([
      '/formData/contractor',
      '/formData/lengthMetres',
      '/formData/purpose',
      '/formData/startDate',
    ]);
    const wrong = await call('/api/v1/cases', {
      cookie,
      json: { ...permit, formData: { ...permit.formData, lengthMetres: '30', purpose: 'gas', startDate: '2026-13-40', extra: 'x' } },
    });
    expect((await problemOf(wrong)).errors!.map((e) => e.pointer).sort()).toEqual([
      '/formData/extra',
      '/formData/lengthMetres',
      '/formData/purpose',
      '/formData/startDate',
    ]);
    const ok = await call('/api/v1/cases', { cookie, json: permit });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ kind: 'application', formData: permit.formData });
  });
});

describe('assisted filing', () => {
  const assisted = (email: string) => ({
    serviceTypeCode: 'GRV-ROAD',
    subject: '巷口路面坑洞',
    description: '住家巷口路面有大坑洞，長者行走容易跌倒。',
    citizen: { email, displayName: '王阿伯' },
    consent: { method: 'signed_form', statement: '本人同意由資訊代理人代為陳情並查詢進度。' },
  });

  it('a registered helper files for a citizen, with consent recorded, audited and followable', async () => {
    const helper = await login('helper@demo.civic.tw');
    const email = `elder-${crypto.randomUUID()}@example.tw`;
    const res = await call('/api/v1/assisted-cases', { cookie: helper, json: assisted(email) });
    expect(res.status).toBe(202);
    const filed = (await res.json()) as { id: string; filedOnBehalf: boolean; timeline: { actorRole: string; body: object }[] };
    expect(filed.filedOnBehalf).toBe(true);
    expect(filed.timeline[0]).toMatchObject({ actorRole: 'citizen', body: { onBehalfOf: 'citizen' } });
    const owner = await env.DB.prepare('SELECT u.email FROM cases c JOIN users u ON u.id = c.citizen_id WHERE c.id = ?')
      .bind(filed.id)
      .first<{ email: string }>();
    expect(owner?.email).toBe(email);
    const consent = await env.DB.prepare('SELECT method, proxy_id FROM case_consents WHERE case_id = ?').bind(filed.id).first();
    expect(consent).toEqual({ method: 'signed_form', proxy_id: 'u-helper' });
    const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = ?`).bind(`case:${filed.id}`).first();
    expect(audit).toEqual({ action: 'case.file_on_behalf' });
    expect((await call(`/api/v1/cases/${filed.id}`, { cookie: helper })).status).toBe(200);
    const mine = (await (await call('/api/v1/assisted-cases', { cookie: helper })).json()) as { items: { id: string }[] };
    expect(mine.items.map((c) => c.id)).toContain(filed.id);
    // The citizen account exists but has no password: nobody can sign in as them.
    expect((await call('/api/v1/auth/login', { json: { email, password: 'none' } })).status).toBe(401);
  });

  it('counter officers may file for an existing citizen; plain citizens may not file for others', async () => {
    const officer = await login('officer.dep@demo.civic.tw');
    const res = await call('/api/v1/assisted-cases', { cookie: officer, json: assisted('resident@demo.civic.tw') });
    expect(res.status).toBe(202);
    const citizen = await login('citizen@demo.civic.tw');
    const refused = await call('/api/v1/assisted-cases', { cookie: citizen, json: assisted('resident@demo.civic.tw') });
    expect(refused.status).toBe(403);
    await problemOf(refused);
  });

  it('supervisors and oversight officers watch cases; they do not file for others', async () => {
    for (const email of ['supervisor.dot@demo.civic.tw', 'oversight@demo.civic.tw']) {
      const res = await call('/api/v1/assisted-cases', { cookie: await login(email), json: assisted('resident@demo.civic.tw') });
      expect(res.status, email).toBe(403);
    }
  });

  it('refuses staff addresses, missing consent and unknown fields', async () => {
    const helper = await login('helper@demo.civic.tw');
    const staff = await call('/api/v1/assisted-cases', { cookie: helper, json: assisted('officer.dot@demo.civic.tw') });
    expect((await problemOf(staff)).errors![0]).toMatchObject({ pointer: '/citizen/email' });
    const { consent: _omit, ...noConsent } = assisted('x@example.tw');
    const missing = await call('/api/v1/assisted-cases', { cookie: helper, json: noConsent });
    expect((await problemOf(missing)).errors!.map((e) => e.pointer)).toContain('/consent');
    const extra = await call('/api/v1/assisted-cases', { cookie: helper, json: { ...assisted('x@example.tw'), consent: { method: 'signed_form', statement: '同意代為陳情。', witness: 'me' } } });
    expect((await problemOf(extra)).errors!.map((e) => e.pointer)).toContain('/consent/witness');
  });
});
