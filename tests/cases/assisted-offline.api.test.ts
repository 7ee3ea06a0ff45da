/**
 * Assisted filing for people without e-mail (a phone number or a postal address reaches them),
 * the consent and proxy on the case, and claiming the account later: by phone with a code from
 * the counter, or by the link e-mailed when someone registers with the account's address.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, nthMail, problemOf, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

const filing = (citizen: Record<string, string>) => ({
  serviceTypeCode: 'GRV-ROAD',
  subject: '騎樓地磚破損',
  description: '住家前騎樓地磚破損翹起，使用助行器出入很危險。',
  citizen: { displayName: '張阿嬤', ...citizen },
  consent: { method: 'signed_form', statement: '本人同意由臨櫃人員代為陳情並查詢處理進度。' },
});

const phoneNumber = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

describe('assisted filing without e-mail', () => {
  it('a phone number or a postal address is enough; no e-mail is ever queued for such a citizen', async () => {
    const officer = await login('officer.dot@demo.civic.tw');
    const phone = phoneNumber();
    const res = await call('/api/v1/assisted-cases', { cookie: officer, json: filing({ phone: `${phone.slice(0, 4)}-${phone.slice(4, 7)}-${phone.slice(7)}` }) });
    expect(res.status).toBe(202);
    const filed = (await res.json()) as { id: string; filedBy: unknown; consent: unknown };
    expect(filed.filedBy).toEqual({ id: 'u-officer-dot', displayName: '王承辦（交通局）', role: 'officer', helper: false });
    expect(filed.consent).toMatchObject({ method: 'signed_form', statement: '本人同意由臨櫃人員代為陳情並查詢處理進度。' });
    const owner = await env.DB.prepare('SELECT u.id, u.email, u.phone FROM cases c JOIN users u ON u.id = c.citizen_id WHERE c.id = ?')
      .bind(filed.id)
      .first<{ id: string; email: string; phone: string }>();
    expect(owner!.phone).toBe(phone);
    expect(owner!.email).toMatch(/@accounts\.invalid$/);

    // The same phone finds the same citizen again.
    const again = (await (await call('/api/v1/assisted-cases', { cookie: officer, json: filing({ phone }) })).json()) as { id: string };
    const second = await env.DB.prepare('SELECT citizen_id FROM cases WHERE id = ?').bind(again.id).first<{ citizen_id: string }>();
    expect(second!.citizen_id).toBe(owner!.id);

    const byPost = await call('/api/v1/assisted-cases', { cookie: officer, json: filing({ postalAddress: '臺北市文山區木柵路一段 100 號' }) });
    expect(byPost.status).toBe(202);

    const { emailStatement } = await import('../../worker/platform/notifications/db');
    await emailStatement(env.DB, { userId: owner!.id, dedupeKey: `test:${filed.id}`, subject: 's', body: 'b', at: new Date().toISOString() }).run();
    const queued = await env.DB.prepare('SELECT COUNT(*) AS n FROM email_outbox WHERE user_id = ?').bind(owner!.id).first<{ n: number }>();
    expect(queued!.n).toBe(0);
  });

  it('without any way to reach the citizen the filing is refused with a coded field error', async () => {
    const officer = await login('officer.dot@demo.civic.tw');
    const res = await call('/api/v1/assisted-cases', { cookie: officer, json: filing({}) });
    expect((await problemOf(res)).errors).toEqual([expect.objectContaining({ pointer: '/citizen/email', code: 'contact_required' })]);
    const bad = await call('/api/v1/assisted-cases', { cookie: officer, json: filing({ phone: 'call me' }) });
    expect((await problemOf(bad)).errors).toEqual([expect.objectContaining({ pointer: '/citizen/phone', code: 'invalid_format' })]);
  });
});

describe('claiming an account filed for at a counter', () => {
  it('by phone: the officer who filed hands over a code; the citizen sets a password and is signed in', async () => {
    const officer = await login('officer.dot@demo.civic.tw');
    const phone = phoneNumber();
    const filed = (await (await call('/api/v1/assisted-cases', { cookie: officer, json: filing({ phone }) })).json()) as { id: string };
    const other = await login('officer.dep@demo.civic.tw');
    expect((await call(`/api/v1/assisted-cases/${filed.id}/claim-code`, { method: 'POST', cookie: other, headers: { origin: 'http://example.com' } })).status).toBe(404);
    const issued = await call(`/api/v1/assisted-cases/${filed.id}/claim-code`, { method: 'POST', cookie: officer, headers: { origin: 'http://example.com' } });
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    expect(code).toMatch(/^\d{8}$/);

    const wrong = await call('/api/v1/auth/claim/complete', { json: { phone, code: code === '12345678' ? '87654321' : '12345678', password: 'my-new-password' }, headers: { 'cf-connecting-ip': '10.9.0.1' } });
    expect(wrong.status).toBe(400);
    const ok = await call('/api/v1/auth/claim/complete', { json: { phone, code, password: 'my-new-password' }, headers: { 'cf-connecting-ip': '10.9.0.1' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/^civic_session=/);
    const mine = await call('/api/v1/cases/mine', { cookie: ok.headers.get('set-cookie')!.split(';')[0]! });
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toContain(filed.id);
    // Used once; and now the account has a password, no new code is issued.
    expect((await call('/api/v1/auth/claim/complete', { json: { phone, code, password: 'another-password' } })).status).toBe(400);
    expect((await call(`/api/v1/assisted-cases/${filed.id}/claim-code`, { method: 'POST', cookie: officer, headers: { origin: 'http://example.com' } })).status).toBe(409);
  });

  it('by e-mail: registering with the address sends the claim link, with the answer every registration gets', async () => {
    const helper = await login('helper@demo.civic.tw');
    const email = `elder-${crypto.randomUUID()}@example.tw`;
    expect((await call('/api/v1/assisted-cases', { cookie: helper, json: filing({ email }) })).status).toBe(202);
    const reg = await call('/api/v1/auth/register', { json: { email, password: 'whatever-password', displayName: '張阿嬤' }, headers: { 'cf-connecting-ip': '10.9.1.1' } });
    expect(reg.status).toBe(202);
    expect(await reg.json()).toEqual({ checkMailbox: true });
    // Asking again for an address without such an account answers alike.
    expect((await call('/api/v1/auth/claim', { json: { email: 'nobody@example.tw' }, headers: { 'cf-connecting-ip': '10.9.1.1' } })).status).toBe(202);

    const mail = await nthMail(email, 1);
    const token = /\/claim#([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
    // Bad links tried elsewhere (more than the failure limit) do not lock this citizen's link.
    for (let i = 0; i < 7; i++) {
      const bad = await call('/api/v1/auth/claim/complete', { json: { token: `${'x'.repeat(40)}${i}`, password: 'attacker-password' }, headers: { 'cf-connecting-ip': `10.9.2.${i}` } });
      expect(bad.status).toBe(400);
    }
    const done = await call('/api/v1/auth/claim/complete', { json: { token, password: 'grandma-password' }, headers: { 'cf-connecting-ip': '10.9.1.2' } });
    expect(done.status).toBe(200);
    expect((await call('/api/v1/auth/login', { json: { email, password: 'grandma-password' }, headers: { 'cf-connecting-ip': '10.9.1.2' } })).status).toBe(200);
    // Now it is an ordinary account: registering again answers as always and mails a note, no link.
    const again = await call('/api/v1/auth/register', { json: { email, password: 'whatever-password', displayName: 'x' }, headers: { 'cf-connecting-ip': '10.9.1.3' } });
    expect(again.status).toBe(202);
    expect((await nthMail(email, 2)).subject).toBe('有人以您的電子郵件地址申請帳號');
    expect((await call('/api/v1/auth/login', { json: { email, password: 'whatever-password' }, headers: { 'cf-connecting-ip': '10.9.1.3' } })).status).toBe(401);
  });
});
