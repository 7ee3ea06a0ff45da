/**
 * Endorsing in one D1 round trip (deferred session, rate limits counted from endorsements) and
 * the e-mailed confirmation of endorsements: each state of the link, GET changes nothing, the
 * count and the pass signal move only on the POST.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, call, login, problemOf, seedDemo } from '../support/api-helpers';
import { citizens, detail, opened } from './api-helpers';

beforeEach(seedDemo);
// D1 outlives a test in this suite: put the settings back, so every test starts from the default.
afterEach(async () => {
  await env.DB.prepare(`UPDATE petition_settings SET email_confirmation = 'off', confirmation_seconds = 259200 WHERE id = 1`).run();
});

const ip = (i: number) => ({ 'cf-connecting-ip': `10.${(i >> 8) & 255}.${i & 255}.9` });
const endorse = (id: string, cookie: string, i: number) => call(`/api/v1/petitions/${id}/endorsement`, { cookie, json: { follow: false }, headers: ip(i) });
const confirm = (token: string) => call('/api/v1/petitions/endorsement-confirmations', { json: { token }, headers: { origin: ORIGIN } });
const rowOf = (id: string, userId: string) =>
  env.DB.prepare('SELECT state, confirm_by FROM petition_endorsements WHERE petition_id = ? AND user_id = ?').bind(id, userId).first<{ state: string; confirm_by: string | null }>();

async function settings(patch: Record<string, unknown>): Promise<void> {
  const admin = await login('admin@demo.civic.tw');
  const now = (await (await call('/api/v1/petitions/settings')).json()) as Record<string, unknown>;
  const res = await call('/api/v1/petitions/settings', { cookie: admin, method: 'PUT', json: { ...now, ...patch } });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** The token of the last confirmation e-mail to this person (the link's fragment). */
async function mailedToken(userId: string): Promise<{ token: string; subject: string; body: string }> {
  const mail = await env.DB.prepare(`SELECT subject, body FROM email_outbox WHERE user_id = ? AND dedupe_key LIKE 'petition-confirm:%' ORDER BY id DESC`)
    .bind(userId)
    .first<{ subject: string; body: string }>();
  const m = /\/petitions\/confirm#([A-Za-z0-9_-]{20,100})/.exec(mail?.body ?? '');
  expect(m, mail?.body).not.toBeNull();
  return { token: m![1]!, subject: mail!.subject, body: mail!.body };
}

describe('endorsing resolves the session in its own batch, as strictly as before', () => {
  it('no session, a stale session, a bad or unknown API token, a non-citizen and a cross-site form are refused; nothing written', async () => {
    const p = await opened();
    const noSession = await call(`/api/v1/petitions/${p.id}/endorsement`, { json: {}, headers: { origin: ORIGIN } });
    expect([noSession.status, (await problemOf(noSession)).type]).toEqual([401, expect.stringContaining('unauthenticated')]);
    // Signed out comes before reading the body, as before.
    const noSessionBadBody = await call(`/api/v1/petitions/${p.id}/endorsement`, { json: { follow: 'yes' }, headers: { origin: ORIGIN } });
    expect(noSessionBadBody.status).toBe(401);
    const stale = await endorse(p.id, 'civic_session=tok_stale_0123456789abcdefghijklmnop', 1);
    expect([stale.status, (await problemOf(stale)).type]).toEqual([401, expect.stringContaining('unauthenticated')]);
    const badBearer = await call(`/api/v1/petitions/${p.id}/endorsement`, { json: {}, headers: { authorization: 'Bearer short' } });
    expect([badBearer.status, (await problemOf(badBearer)).type]).toEqual([401, expect.stringContaining('bad-credentials')]);
    const unknownBearer = await call(`/api/v1/petitions/${p.id}/endorsement`, { json: {}, headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz0123456789' } });
    expect([unknownBearer.status, (await problemOf(unknownBearer)).type]).toEqual([401, expect.stringContaining('bad-credentials')]);
    const officer = await endorse(p.id, await login('officer.dot@demo.civic.tw'), 2);
    expect([officer.status, (await problemOf(officer)).type]).toEqual([403, expect.stringContaining('forbidden')]);
    const [person] = await citizens(1);
    const crossSite = await call(`/api/v1/petitions/${p.id}/endorsement`, {
      cookie: person!.cookie,
      json: {},
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(crossSite.status).toBe(403);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM petition_endorsements WHERE petition_id = ?').bind(p.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it('an API token endorses like a session', async () => {
    const p = await opened();
    const [person] = await citizens(1);
    const token = 'apitok_' + crypto.randomUUID().replaceAll('-', '');
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))].map((b) => b.toString(16).padStart(2, '0')).join('');
    await env.DB.prepare(`INSERT INTO credentials (token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, 'api_token', 'test', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`)
      .bind(hash, person!.id)
      .run();
    const res = await call(`/api/v1/petitions/${p.id}/endorsement`, { json: {}, headers: { authorization: `Bearer ${token}` } });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({ state: 'valid', awaitingConfirmation: false, endorsements: 1, threshold: 5000 });
  });

  it('rate limits: 30 endorsements per account and 1,000 per network in a minute, counted exactly; then 429 and nothing written', { timeout: 60_000 }, async () => {
    const target = await opened();
    const [person] = await citizens(1);
    // 30 recent endorsements by this person on other open petitions.
    const now = Date.now();
    const others: D1PreparedStatement[] = [];
    for (let i = 0; i < 30; i++) {
      const pid = `P-20260101-RATE${String(i).padStart(2, '0')}`;
      others.push(
        env.DB.prepare(`INSERT INTO petitions (id, proposer_id, title, summary, body, state, threshold, endorse_level, created_at, updated_at) VALUES (?, 'u-citizen', 't', 's', 'b', 'open', 5000, 'verified_person', ?, ?)`).bind(pid, new Date(now).toISOString(), new Date(now).toISOString()),
        env.DB.prepare(`INSERT INTO petition_endorsements (petition_id, user_id, state, network, endorsed_at) VALUES (?, ?, 'valid', 'elsewhere', ?)`).bind(pid, person!.id, new Date(now - 30_000).toISOString()),
      );
    }
    await env.DB.batch(others);
    const net = { 'cf-connecting-ip': '198.51.100.7' };
    const endorseFromNet = (cookie: string) => call(`/api/v1/petitions/${target.id}/endorsement`, { cookie, json: {}, headers: net });
    const limited = await endorseFromNet(person!.cookie);
    expect([limited.status, (await problemOf(limited)).type]).toEqual([429, expect.stringContaining('rate-limited')]);
    expect(await rowOf(target.id, person!.id)).toBeNull();
    // A minute later the account may endorse again.
    await env.DB.prepare('UPDATE petition_endorsements SET endorsed_at = ? WHERE user_id = ?').bind(new Date(now - 61_000).toISOString(), person!.id).run();
    expect((await endorseFromNet(person!.cookie)).status).toBe(201);

    // 1,000 recent endorsements from one network (its salted hash), spread over petitions and people.
    const stored = await env.DB.prepare(`SELECT network FROM petition_endorsements WHERE petition_id = ? AND user_id = ?`).bind(target.id, person!.id).first<{ network: string }>();
    const crowd = await citizens(40);
    const rows: D1PreparedStatement[] = [];
    for (let i = 0; i < 999; i++) {
      rows.push(
        env.DB.prepare(`INSERT INTO petition_endorsements (petition_id, user_id, state, network, endorsed_at) VALUES (?, ?, 'valid', ?, ?)`).bind(
          `P-20260101-RATE${String(i % 25).padStart(2, '0')}`,
          crowd[Math.floor(i / 25)]!.id,
          stored!.network,
          new Date(now - 10_000).toISOString(),
        ),
      );
    }
    for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100));
    const [late] = await citizens(1);
    const fromNet = await endorseFromNet(late!.cookie);
    expect([fromNet.status, (await problemOf(fromNet)).detail]).toEqual([429, expect.stringContaining('network')]);
    expect(await rowOf(target.id, late!.id)).toBeNull();
    // Another network is not held back.
    expect((await endorse(target.id, late!.cookie, 2)).status).toBe(201);
    await env.DB.prepare('DELETE FROM petition_endorsements WHERE network = ?').bind(stored!.network).run();
  });
});

describe('e-mail confirmation of endorsements', () => {
  it("'always': pending until the POST from the link's page; GET changes nothing; the pass signal fires on the confirmed count", { timeout: 30_000 }, async () => {
    await settings({ emailConfirmation: 'always', confirmationSeconds: 3600 });
    const p = await opened({}, 1);
    const [person] = await citizens(1);
    const res = await endorse(p.id, person!.cookie, 1);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ state: 'pending', awaitingConfirmation: true, endorsements: 0, threshold: 1 });
    expect((await detail(p.id, person!.cookie)).viewer).toMatchObject({ endorsement: 'pending', awaitingConfirmation: true });
    const signal = () => env.DB.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'signal_workflow' AND aggregate_id = ?`).bind(`petition-${p.id}:threshold`).first<{ n: number }>();
    expect((await signal())?.n).toBe(0);

    const mail = await mailedToken(person!.id);
    expect(mail.subject).toContain('請確認您對');
    expect(mail.body).toContain('確認附議');
    const stored = await env.DB.prepare('SELECT token_hash FROM petition_endorsement_confirmations WHERE petition_id = ?').bind(p.id).first<{ token_hash: string }>();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toBe(mail.token);

    // What a mail scanner does: GET the link (the page) and GET the API with the token.
    expect((await call(`/petitions/confirm#${mail.token}`)).status).toBeLessThan(500);
    expect((await call(`/api/v1/petitions/endorsement-confirmations?token=${mail.token}`)).status).toBeGreaterThanOrEqual(400);
    expect(await rowOf(p.id, person!.id)).toMatchObject({ state: 'pending' });
    expect((await detail(p.id)).endorsements).toBe(0);

    const ok = await confirm(mail.token);
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toEqual({ petitionId: p.id, title: expect.any(String), state: 'valid', endorsements: 1, threshold: 1 });
    expect(await rowOf(p.id, person!.id)).toEqual({ state: 'valid', confirm_by: null });
    expect((await detail(p.id)).endorsements).toBe(1);
    await expect.poll(async () => (await signal())?.n).toBe(1);

    const again = await confirm(mail.token);
    expect([again.status, (await problemOf(again)).type]).toEqual([409, expect.stringContaining('already-confirmed')]);
    const unknown = await confirm('x'.repeat(43));
    expect([unknown.status, (await problemOf(unknown)).type]).toEqual([409, expect.stringContaining('confirmation-invalid')]);
    expect((await confirm('bad token')).status).toBe(422);
  });

  it('an expired link confirms nothing; the person may endorse again and gets a new link', async () => {
    await settings({ emailConfirmation: 'always', confirmationSeconds: 3600 });
    const p = await opened();
    const [person] = await citizens(1, 'none');
    expect((await endorse(p.id, person!.cookie, 1)).status).toBe(201);
    const first = await mailedToken(person!.id);
    const past = new Date(Date.now() - 1000).toISOString();
    await env.DB.batch([
      env.DB.prepare('UPDATE petition_endorsements SET confirm_by = ? WHERE petition_id = ?').bind(past, p.id),
      env.DB.prepare('UPDATE petition_endorsement_confirmations SET expires_at = ? WHERE petition_id = ?').bind(past, p.id),
    ]);
    const expired = await confirm(first.token);
    expect([expired.status, (await problemOf(expired)).type]).toEqual([409, expect.stringContaining('confirmation-expired')]);
    expect(await rowOf(p.id, person!.id)).toMatchObject({ state: 'pending' });
    expect((await detail(p.id)).endorsements).toBe(0);

    const again = await endorse(p.id, person!.cookie, 1);
    expect(again.status, await again.clone().text()).toBe(201);
    expect(await again.json()).toMatchObject({ state: 'pending', awaitingConfirmation: true });
    const second = await mailedToken(person!.id);
    expect(second.token).not.toBe(first.token);
    expect((await confirm(second.token)).status).toBe(200);
    expect((await detail(p.id)).endorsements).toBe(1);
  });

  it('a petition closed meanwhile: the link confirms nothing', async () => {
    await settings({ emailConfirmation: 'always' });
    const p = await opened();
    const [person] = await citizens(1);
    expect((await endorse(p.id, person!.cookie, 1)).status).toBe(201);
    const { token } = await mailedToken(person!.id);
    await env.DB.prepare(`UPDATE petitions SET state = 'not_passed' WHERE id = ?`).bind(p.id).run();
    const res = await confirm(token);
    const problem = await problemOf(res);
    expect([res.status, problem.type]).toEqual([409, expect.stringContaining('confirmation-closed')]);
    expect(problem).toMatchObject({ petitionId: p.id });
    expect(await rowOf(p.id, person!.id)).toMatchObject({ state: 'pending' });
  });

  it('a withdrawn or invalidated endorsement: the link confirms nothing', async () => {
    await settings({ emailConfirmation: 'always' });
    const p = await opened();
    const [gone, voided] = await citizens(2);
    for (const [i, c] of [gone!, voided!].entries()) expect((await endorse(p.id, c.cookie, 10 + i)).status).toBe(201);
    const goneToken = (await mailedToken(gone!.id)).token;
    const voidedToken = (await mailedToken(voided!.id)).token;
    expect((await call(`/api/v1/petitions/${p.id}/endorsement`, { cookie: gone!.cookie, method: 'DELETE', headers: { origin: ORIGIN } })).status).toBe(200);
    const withdrawn = await confirm(goneToken);
    expect([withdrawn.status, (await problemOf(withdrawn)).type]).toEqual([409, expect.stringContaining('confirmation-invalid')]);
    await env.DB.prepare(`UPDATE petition_endorsements SET state = 'invalidated' WHERE petition_id = ? AND user_id = ?`).bind(p.id, voided!.id).run();
    const invalidated = await confirm(voidedToken);
    expect([invalidated.status, (await problemOf(invalidated)).type]).toEqual([409, expect.stringContaining('confirmation-invalid')]);
    expect(await rowOf(p.id, voided!.id)).toMatchObject({ state: 'invalidated' });
    expect((await detail(p.id)).endorsements).toBe(0);
  });

  it("'below_level': verified people count at once, others after confirming; staff approval never approves an unconfirmed one; English mail", async () => {
    await settings({ emailConfirmation: 'below_level' });
    const p = await opened();
    const [verified] = await citizens(1, 'verified_person');
    const [emailOnly] = await citizens(1, 'email_verified');
    await env.DB.prepare(`UPDATE users SET locale = 'en' WHERE id = ?`).bind(emailOnly!.id).run();
    expect(await (await endorse(p.id, verified!.cookie, 1)).json()).toMatchObject({ state: 'valid', awaitingConfirmation: false, endorsements: 1 });
    expect((await detail(p.id, emailOnly!.cookie)).viewer).toMatchObject({ canEndorse: true });
    expect(await (await endorse(p.id, emailOnly!.cookie, 2)).json()).toMatchObject({ state: 'pending', awaitingConfirmation: true, endorsements: 1 });
    const manager = await login('manager@demo.civic.tw');
    const approve = await call(`/api/v1/petitions/${p.id}/pending/approve`, { cookie: manager, method: 'POST', headers: { origin: ORIGIN } });
    expect(await approve.json()).toEqual({ approved: 0, endorsements: 1 });
    const mail = await mailedToken(emailOnly!.id);
    expect(mail.subject).toContain('Please confirm your endorsement');
    expect((await confirm(mail.token)).status).toBe(200);
    expect((await detail(p.id)).endorsements).toBe(2);
  });

  it("'off' (the default, as on Join): below the level is refused, no mail", async () => {
    expect(await (await call('/api/v1/petitions/settings')).json()).toMatchObject({ emailConfirmation: 'off', confirmationSeconds: 259200 });
    const p = await opened();
    const [person] = await citizens(1, 'email_verified');
    expect((await endorse(p.id, person!.cookie, 1)).status).toBe(403);
    const mails = await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE user_id = ?`).bind(person!.id).first<{ n: number }>();
    expect(mails?.n).toBe(0);
  });
});
