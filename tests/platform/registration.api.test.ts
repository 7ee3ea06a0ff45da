/**
 * Registration and password reset reveal nothing about which addresses have accounts: the same
 * answer for every address, and the e-mail decides. Links are used only by a POST, once, before
 * they expire; a reset ends every session and API token of the account; both are throttled.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { purgeUnconfirmed } from '../../worker/platform/auth/account-links';
import { call, linkToken, login, mailsQueuedFor, nthMail, problemOf, registerCitizen, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

let ipSeq = 0;
/** A network of its own per use: the per-network limits are not what most tests are about. */
const fresh = () => ({ 'cf-connecting-ip': `10.77.${Math.floor(++ipSeq / 200)}.${ipSeq % 200}` });
const unique = (what: string) => `${what}-${crypto.randomUUID()}@example.tw`;

const register = (email: string, password = 'a-long-password', headers = fresh()) =>
  call('/api/v1/auth/register', { json: { email, password, displayName: '林小華' }, headers });

/** Status, body and headers (without the date and the request id) of an answer, to compare answers whole. */
async function shape(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== 'date' && k !== 'x-request-id').sort();
  return { status: res.status, body: await res.text(), headers };
}

async function userRow(email: string) {
  return env.DB.prepare('SELECT password_hash, identity_level, email_verified_at, display_name FROM users WHERE email = ?')
    .bind(email)
    .first<{ password_hash: string; identity_level: string; email_verified_at: string | null; display_name: string }>();
}

describe('registration answers alike for every address', () => {
  it('a new address, an address with an account and an account filed for at a counter get the same answer; the mails differ', async () => {
    const helper = await login('helper@demo.civic.tw');
    const assisted = unique('assisted');
    const filed = await call('/api/v1/assisted-cases', {
      cookie: helper,
      json: {
        serviceTypeCode: 'GRV-ROAD',
        subject: '騎樓地磚破損',
        description: '住家前騎樓地磚破損翹起，使用助行器出入很危險。',
        citizen: { displayName: '張阿嬤', email: assisted },
        consent: { method: 'signed_form', statement: '本人同意由臨櫃人員代為陳情並查詢處理進度。' },
      },
    });
    expect(filed.status).toBe(202);
    const fresh1 = unique('new');

    const answers = [await shape(await register(fresh1)), await shape(await register('citizen@demo.civic.tw')), await shape(await register(assisted))];
    expect(answers[0]).toMatchObject({ status: 202, body: JSON.stringify({ checkMailbox: true }) });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);

    // New address: a link to finish creating the account; no account signs in yet.
    const welcome = await nthMail(fresh1);
    expect(welcome.subject).toBe('請確認電子郵件地址，完成建立帳號');
    expect(welcome.body).toContain(`/register/confirm#`);
    expect((await call('/api/v1/auth/login', { json: { email: fresh1, password: 'a-long-password' }, headers: fresh() })).status).toBe(401);
    // An account: a note, no link, no new password.
    const note = await nthMail('citizen@demo.civic.tw');
    expect(note.subject).toBe('有人以您的電子郵件地址申請帳號');
    expect(note.body).toContain('/forgot-password');
    expect(note.body).not.toMatch(/#[A-Za-z0-9_-]{20,}/);
    expect((await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'a-long-password' }, headers: fresh() })).status).toBe(401);
    expect((await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'civic-demo-2026' }, headers: fresh() })).status).toBe(200);
    // Filed for at a counter: the claim link.
    expect((await nthMail(assisted)).body).toMatch(/\/claim#[A-Za-z0-9_-]{20,}/);
  });

  it('confirming the link activates the account, verifies the address and signs in', async () => {
    const email = unique('confirm');
    const ip = fresh();
    expect((await register(email, 'my-long-password', ip)).status).toBe(202);
    const token = linkToken(await nthMail(email), '/register/confirm');
    expect(await userRow(email)).toMatchObject({ password_hash: 'pending', identity_level: 'none', email_verified_at: null });

    const done = await call('/api/v1/auth/register/confirm', { json: { token }, headers: ip });
    expect(done.status).toBe(200);
    const { user } = (await done.json()) as { user: { email: string; role: string; identityLevel: string } };
    expect(user).toMatchObject({ email, role: 'citizen', identityLevel: 'email_verified' });
    const cookie = done.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call('/api/v1/auth/me', { cookie })).status).toBe(200);
    const row = await userRow(email);
    expect(row!.email_verified_at).not.toBeNull();
    expect(row!.display_name).toBe('林小華');
    // The password typed when registering is the one that signs in.
    expect((await call('/api/v1/auth/login', { json: { email, password: 'my-long-password' }, headers: fresh() })).status).toBe(200);
  });

  it('opening the link (a GET) changes nothing; only the POST from its page confirms', async () => {
    const email = unique('scanner');
    await register(email);
    const mail = await nthMail(email);
    const link = /(https?:\/\/\S+\/register\/confirm#\S+)/.exec(mail.body)![1]!;
    const token = linkToken(mail, '/register/confirm');
    // What a mail scanner does: fetch the link (the fragment never leaves it) and the API paths.
    await call(new URL(link).pathname + new URL(link).search);
    await call(`/api/v1/auth/register/confirm?token=${token}`);
    expect((await call('/api/v1/auth/links/state', { json: { token, purpose: 'register' }, headers: fresh() }).then((r) => r.json())) as unknown).toEqual({ state: 'valid' });
    expect((await userRow(email))!.password_hash).toBe('pending');
    const link0 = await env.DB.prepare('SELECT used_at FROM account_links WHERE user_id = (SELECT id FROM users WHERE email = ?)').bind(email).first<{ used_at: string | null }>();
    expect(link0!.used_at).toBeNull();
    expect((await call('/api/v1/auth/register/confirm', { json: { token }, headers: fresh() })).status).toBe(200);
  });

  it('a link is used once; a second registration’s link is spent with the first', async () => {
    const email = unique('once');
    await register(email, 'first-password');
    await register(email, 'second-password');
    const first = linkToken(await nthMail(email, 1), '/register/confirm');
    const second = linkToken(await nthMail(email, 2), '/register/confirm');
    expect((await call('/api/v1/auth/register/confirm', { json: { token: second }, headers: fresh() })).status).toBe(200);
    const again = await call('/api/v1/auth/register/confirm', { json: { token: second }, headers: fresh() });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toMatch(/\/link-used$/);
    expect((await call('/api/v1/auth/register/confirm', { json: { token: first }, headers: fresh() })).status).toBe(409);
    expect(await (await call('/api/v1/auth/links/state', { json: { token: first, purpose: 'register' }, headers: fresh() })).json()).toEqual({ state: 'used' });
    // The later registration's password counts; the earlier one never became one.
    expect((await call('/api/v1/auth/login', { json: { email, password: 'second-password' }, headers: fresh() })).status).toBe(200);
    expect((await call('/api/v1/auth/login', { json: { email, password: 'first-password' }, headers: fresh() })).status).toBe(401);
  });

  it('an expired link is refused with 410 and creates nothing; an unknown one with 400', async () => {
    const email = unique('late');
    await register(email);
    const token = linkToken(await nthMail(email), '/register/confirm');
    await env.DB.prepare(`UPDATE account_links SET expires_at = '2026-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE email = ?)`).bind(email).run();
    const late = await call('/api/v1/auth/register/confirm', { json: { token }, headers: fresh() });
    expect(late.status).toBe(410);
    expect((await problemOf(late)).type).toMatch(/\/link-expired$/);
    expect(await (await call('/api/v1/auth/links/state', { json: { token, purpose: 'register' }, headers: fresh() })).json()).toEqual({ state: 'expired' });
    expect((await userRow(email))!.password_hash).toBe('pending');
    const unknown = await call('/api/v1/auth/register/confirm', { json: { token: 'x'.repeat(43) }, headers: fresh() });
    expect(unknown.status).toBe(400);
    expect((await problemOf(unknown)).type).toMatch(/\/link-invalid$/);
    // A reset token is no registration token.
    expect(await (await call('/api/v1/auth/links/state', { json: { token, purpose: 'reset' }, headers: fresh() })).json()).toEqual({ state: 'invalid' });
    // Registering again sends a new link that works.
    await register(email);
    const next = linkToken(await nthMail(email, 2), '/register/confirm');
    expect((await call('/api/v1/auth/register/confirm', { json: { token: next }, headers: fresh() })).status).toBe(200);
  });

  it('mails to one address are limited (429 with Retry-After), alike for addresses with and without an account', async () => {
    const tries = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await register(email)).status);
      return out;
    };
    const newcomer = unique('flood');
    expect(await tries(newcomer)).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await tries('resident@demo.civic.tw')).toEqual([202, 202, 202, 202, 202, 429]);
    const res = await register(newcomer);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(await mailsQueuedFor(newcomer)).toBe(5);
  });
});

describe('forgotten password', () => {
  const ask = (email: string, headers = fresh()) => call('/api/v1/auth/password-reset', { json: { email }, headers });

  it('answers alike for every address; the link sets the password, ends every session and API token, and signs in', async () => {
    const email = unique('forgot');
    const before = await registerCitizen(email, { password: 'old-password-1' });
    const other = await login(email, 'old-password-1');
    const issued = (await (await call('/api/v1/auth/tokens', { cookie: before, json: { label: 'script' } })).json()) as { token: string };
    expect((await call('/api/v1/auth/me', { token: issued.token })).status).toBe(200);

    const known = await shape(await ask(email));
    const unknown = await shape(await ask(unique('nobody')));
    expect(known).toMatchObject({ status: 202, body: JSON.stringify({ checkMailbox: true }) });
    expect(unknown).toEqual(known);

    const mail = await nthMail(email, 2);
    expect(mail.subject).toBe('重設您的密碼');
    const token = linkToken(mail, '/reset-password');
    const done = await call('/api/v1/auth/password-reset/complete', { json: { token, password: 'new-password-2' }, headers: fresh() });
    expect(done.status).toBe(200);
    const now = done.headers.get('set-cookie')!.split(';')[0]!;
    expect((await call('/api/v1/auth/me', { cookie: now })).status).toBe(200);
    for (const cookie of [before, other]) expect((await call('/api/v1/auth/me', { cookie })).status).toBe(401);
    expect((await call('/api/v1/auth/me', { token: issued.token })).status).toBe(401);
    expect((await call('/api/v1/auth/login', { json: { email, password: 'old-password-1' }, headers: fresh() })).status).toBe(401);
    expect((await call('/api/v1/auth/login', { json: { email, password: 'new-password-2' }, headers: fresh() })).status).toBe(200);
    // Once only.
    const again = await call('/api/v1/auth/password-reset/complete', { json: { token, password: 'new-password-3' }, headers: fresh() });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toMatch(/\/link-used$/);
  });

  it('an expired reset link changes nothing; a short password is a coded field error', async () => {
    const email = unique('stale');
    await registerCitizen(email, { password: 'old-password-1' });
    await ask(email);
    const token = linkToken(await nthMail(email, 2), '/reset-password');
    const short = await call('/api/v1/auth/password-reset/complete', { json: { token, password: 'short' }, headers: fresh() });
    expect((await problemOf(short)).errors).toEqual([expect.objectContaining({ pointer: '/password', code: 'too_short' })]);
    await env.DB.prepare(`UPDATE account_links SET expires_at = '2026-01-01T00:00:00.000Z' WHERE purpose = 'reset' AND user_id = (SELECT id FROM users WHERE email = ?)`).bind(email).run();
    expect((await call('/api/v1/auth/password-reset/complete', { json: { token, password: 'new-password-2' }, headers: fresh() })).status).toBe(410);
    expect((await call('/api/v1/auth/login', { json: { email, password: 'old-password-1' }, headers: fresh() })).status).toBe(200);
  });

  it('is limited per address and per network, alike for addresses with and without an account', async () => {
    const tries = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await ask(email)).status);
      return out;
    };
    expect(await tries('officer.dot@demo.civic.tw')).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await tries(unique('ghost'))).toEqual([202, 202, 202, 202, 202, 429]);
    const net = { 'cf-connecting-ip': '10.78.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(unique(`spray${i}`), net)).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    const limited = await ask(unique('spray-last'), net);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses[10]).toBe(429);
  });

  it('an unknown reset token is refused; an address still waiting for its confirmation gets no reset link', async () => {
    expect((await call('/api/v1/auth/password-reset/complete', { json: { token: 'y'.repeat(43), password: 'new-password-2' }, headers: fresh() })).status).toBe(400);
    const email = unique('pending');
    await register(email);
    await ask(email);
    // Not yet confirmed: only the registration mail, no reset link for an account that does not exist yet.
    await nthMail(email, 1);
    expect(await mailsQueuedFor(email)).toBe(1);
  });
});

describe('unconfirmed registrations', () => {
  it('are forgotten a week after their links expired, with their links and mails; others stay', async () => {
    const stale = unique('stale-pending');
    const recent = unique('recent-pending');
    await register(stale);
    await register(recent);
    await nthMail(stale);
    const age = (email: string, days: number) =>
      env.DB.batch([
        env.DB.prepare(`UPDATE users SET created_at = ?1 WHERE email = ?2`).bind(new Date(Date.now() - days * 86_400_000).toISOString(), email),
        env.DB.prepare(`UPDATE account_links SET expires_at = ?1 WHERE user_id = (SELECT id FROM users WHERE email = ?2)`).bind(
          new Date(Date.now() - (days - 1) * 86_400_000).toISOString(),
          email,
        ),
      ]);
    await age(stale, 10);
    await age(recent, 3);
    const before = await userRow('citizen@demo.civic.tw');
    expect(await purgeUnconfirmed(env.DB)).toBeGreaterThanOrEqual(1);
    expect(await userRow(stale)).toBeNull();
    expect(await mailsQueuedFor(stale)).toBe(0);
    expect((await userRow(recent))!.password_hash).toBe('pending');
    expect(await userRow('citizen@demo.civic.tw')).toEqual(before);
  });
});

describe('the API document', () => {
  it('lists the registration, confirmation and reset routes', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of ['/auth/register', '/auth/register/confirm', '/auth/password-reset', '/auth/password-reset/complete', '/auth/links/state']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});
