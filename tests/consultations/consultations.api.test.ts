import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';
import { type Detail, OFFICER, notice, openConsultation, verifyCitizens } from './api-support';

beforeEach(async () => {
  await seedDemo();
  await verifyCitizens();
});

describe('preparing and publishing a consultation', () => {
  it('imports a real-looking amendment into the 條文對照表 and keeps it a draft only the agency sees', async () => {
    const officer = await login(OFFICER);
    const res = await call('/api/v1/consultations', { cookie: officer, json: notice });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Detail & { commentPeriod: string; identityLevel: string };
    expect(draft).toMatchObject({ state: 'draft', opensAt: null, commentPeriod: '60d', identityLevel: 'email_verified' });
    expect(draft.table.map((r) => [r.label, r.status])).toEqual([
      ['第二條', 'amended'],
      ['第三條', 'amended'],
      ['第三條之一', 'new'],
      ['第七條', 'amended'],
      ['第十二條', 'amended'],
      ['第十四條', 'deleted'],
      ['第十五條', 'amended'],
    ]);
    const art3 = draft.table[1]!;
    expect(art3.changes.some((s) => s.op === 'insert' && s.text.includes('共融式遊戲場'))).toBe(true);
    expect(art3.current).toContain('兒童遊樂場。');

    expect((await call(`/api/v1/consultations/${draft.id}`)).status).toBe(404);
    expect((await call(`/api/v1/consultations/${draft.id}`, { cookie: await login('officer.dep@demo.civic.tw') })).status).toBe(404);
    const list = (await (await call('/api/v1/consultations')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).not.toContain(draft.id);
  });

  it('refuses a malformed draft with the failing line, storing nothing', async () => {
    const officer = await login(OFFICER);
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM consultations').first<{ n: number }>();
    const bad = '# 測試辦法草案\n第一條\n本辦法依某法訂定。\n第三條\n一、缺少前導句。\n';
    const res = await call('/api/v1/consultations', { cookie: officer, json: { ...notice, draft: bad } });
    expect(res.status).toBe(422);
    const p = (await problemOf(res)) as { type: string; detail?: string; draftProblems?: { code: string; line: number }[] };
    expect(p.type).toMatch(/draft-invalid$/);
    expect(p.draftProblems?.length).toBeGreaterThan(0);
    expect(p.draftProblems!.every((d) => Number.isInteger(d.line) && d.line >= 1)).toBe(true);
    expect(p.detail).toMatch(/line \d+/);
    // The field errors carry the same stable codes and lines (the UI words them per language).
    const fieldErrors = (p as unknown as { errors: { pointer: string; code: string; line: number }[] }).errors;
    expect(fieldErrors.map((e) => [e.pointer, e.code, e.line])).toEqual(p.draftProblems!.map((d) => ['/draft', d.code, d.line]));
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM consultations').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it('needs an urgency reason for a period shorter than 60 days, and shows it publicly', async () => {
    const officer = await login(OFFICER);
    const short = await call('/api/v1/consultations', { cookie: officer, json: { ...notice, commentPeriod: '30d' } });
    expect(short.status).toBe(422);
    expect((await problemOf(short)).errors).toEqual([expect.objectContaining({ pointer: '/urgencyReason' })]);

    const ok = await call('/api/v1/consultations', { cookie: officer, json: { ...notice, commentPeriod: '30d', urgencyReason: '配合颱風季前完成設施改善。' } });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as Detail;
    const published = (await (await call(`/api/v1/consultations/${id}/publish`, { cookie: officer, method: 'POST', json: {} })).json()) as Detail;
    expect(published.state).toBe('open');
    expect(published.urgencyReason).toBe('配合颱風季前完成設施改善。');
    const publicView = (await (await call(`/api/v1/consultations/${id}`)).json()) as Detail;
    expect(publicView.urgencyReason).toBe('配合颱風季前完成設施改善。');
  });

  it('publishes with the default 60 days: period fixed, outbox row committed with it, audited, listed publicly', async () => {
    const officer = await login(OFFICER);
    const { id } = (await (await call('/api/v1/consultations', { cookie: officer, json: notice })).json()) as Detail;
    const res = await call(`/api/v1/consultations/${id}/publish`, { cookie: officer, method: 'POST', json: {} });
    expect(res.status).toBe(200);
    const c = (await res.json()) as Detail;
    expect(c.state).toBe('open');
    const days = (Date.parse(c.closesAt!) - Date.parse(c.opensAt!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(60);
    expect(Date.parse(c.responseDueAt!)).toBeGreaterThan(Date.parse(c.closesAt!));
    const outbox = await env.DB.prepare(`SELECT kind, payload FROM outbox WHERE aggregate_id = ?`).bind(id).first<{ kind: string; payload: string }>();
    expect(outbox?.kind).toBe('start_consultation_workflow');
    expect(JSON.parse(outbox!.payload)).toMatchObject({ consultationId: id, opensAt: c.opensAt, closesAt: c.closesAt, responsePeriod: '30d' });
    const audit = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = ? ORDER BY id`).bind(`consultation:${id}`).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['consultation.create', 'consultation.publish']);

    const again = await call(`/api/v1/consultations/${id}/publish`, { cookie: officer, method: 'POST', json: {} });
    expect(again.status).toBe(409);
    const replaced = await call(`/api/v1/consultations/${id}/draft`, { cookie: officer, method: 'PUT', json: { draft: notice.draft } });
    expect(replaced.status).toBe(409);
    const list = (await (await call('/api/v1/consultations')).json()) as { items: { id: string; state: string }[] };
    expect(list.items.find((i) => i.id === id)?.state).toBe('open');
  });

  it('only the issuing agency publishes; citizens cannot prepare consultations', async () => {
    const officer = await login(OFFICER);
    const { id } = (await (await call('/api/v1/consultations', { cookie: officer, json: notice })).json()) as Detail;
    const dep = await login('officer.dep@demo.civic.tw');
    expect((await call(`/api/v1/consultations/${id}/publish`, { cookie: dep, method: 'POST', json: {} })).status).toBe(404);
    const citizen = await login('citizen@demo.civic.tw');
    expect((await call('/api/v1/consultations', { cookie: citizen, json: notice })).status).toBe(403);
    expect((await call('/api/v1/consultations', { json: notice })).status).toBe(401);
  });

  it('validates the notice fields with problem+json', async () => {
    const officer = await login(OFFICER);
    const res = await call('/api/v1/consultations', { cookie: officer, json: { ...notice, legalBasis: '', extra: 1, responsePeriod: 'soon' } });
    expect(res.status).toBe(422);
    const pointers = (await problemOf(res)).errors!.map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/extra', '/legalBasis', '/responsePeriod']);
    expect((await call('/api/v1/consultations/NOPE')).status).toBe(422);
    expect((await call('/api/v1/consultations/C20261130-AAAAAA')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of [
      '/consultations',
      '/consultations/{id}',
      '/consultations/{id}/publish',
      '/consultations/{id}/comments',
      '/consultations/{id}/comments/{commentId}/moderation',
      '/consultations/{id}/dispositions',
      '/consultations/{id}/report',
      '/consultations/my-comments',
      '/open-data/consultation-comments',
      '/consultation-figures',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });

  it('a published consultation reads closed once its close passed, whatever the workflow projected', async () => {
    const officer = await login(OFFICER);
    const c = await openConsultation(officer, { seconds: 1 });
    await new Promise((r) => setTimeout(r, 1100));
    const detail = (await (await call(`/api/v1/consultations/${c.id}`)).json()) as Detail;
    expect(detail.state).toBe('closed');
  });
});
