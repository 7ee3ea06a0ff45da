import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, registerCitizen, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

describe('accounts and credentials', () => {
  it('a demo account signs in with an HttpOnly SameSite session cookie', async () => {
    const res = await call('/api/v1/auth/login', {
      json: { email: 'citizen@demo.civic.tw', password: 'civic-demo-2026' },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^civic_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ email: 'citizen@demo.civic.tw', role: 'citizen' });
    expect(body.user).not.toHaveProperty('passwordHash');
  });

  it('a wrong password and an unknown account give the same 401', async () => {
    const a = await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'nope' } });
    const b = await call('/api/v1/auth/login', { json: { email: 'nobody@demo.civic.tw', password: 'nope' } });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await problemOf(a)).detail).toBe((await problemOf(b)).detail);
  });

  it('me needs a session; logout ends it', async () => {
    expect((await call('/api/v1/auth/me')).status).toBe(401);
    const cookie = await login('officer.dot@demo.civic.tw');
    const me = await call('/api/v1/auth/me', { cookie });
    expect(((await me.json()) as { user: { agencyId: string } }).user.agencyId).toBe('TPE-DOT');
    const out = await call('/api/v1/auth/logout', { method: 'POST', cookie, headers: { origin: 'http://example.com' } });
    expect(out.status).toBe(204);
    expect((await call('/api/v1/auth/me', { cookie })).status).toBe(401);
  });


  it('API clients use bearer tokens; bad tokens are 401', async () => {
    const cookie = await login('officer.dot@demo.civic.tw');
    const issued = await call('/api/v1/auth/tokens', { cookie, json: { label: 'GIS sync' } });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    const me = await call('/api/v1/auth/me', { token });
    expect(me.status).toBe(200);
    expect((await call('/api/v1/auth/me', { token: 'x'.repeat(43) })).status).toBe(401);
    const malformed = await call('/api/v1/auth/me', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    await problemOf(malformed);
  });
});

describe('account language', () => {
  it('an account keeps the language it chose, for the next sign-in', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/auth/me', { method: 'PATCH', cookie, json: { locale: 'en' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { locale: string } }).user.locale).toBe('en');
    const again = await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'civic-demo-2026' } });
    expect(((await again.json()) as { user: { locale: string } }).user.locale).toBe('en');
    const bad = await call('/api/v1/auth/me', { method: 'PATCH', cookie, json: { locale: 'fr' } });
    expect((await problemOf(bad)).errors).toEqual([expect.objectContaining({ pointer: '/locale', code: 'invalid_choice' })]);
    expect((await call('/api/v1/auth/me', { method: 'PATCH', json: { locale: 'en' } })).status).toBe(401);
  });
});

describe('oversight units', () => {
  it('the session says whether an officer’s agency oversees others', async () => {
    const me = async (email: string) =>
      ((await (await call('/api/v1/auth/me', { cookie: await login(email) })).json()) as { user: { oversees: boolean } }).user.oversees;
    expect(await me('oversight@demo.civic.tw')).toBe(true);
    expect(await me('officer.dot@demo.civic.tw')).toBe(false);
  });
});

describe('sign-in throttling', () => {
  const from = (ip: string) => ({ 'cf-connecting-ip': ip });

  it('after 5 wrong passwords an account answers 429 with Retry-After, even to the right one', async () => {
    // A fresh account: storage outlives one test, and demo accounts sign in elsewhere.
    const email = `throttled.${crypto.randomUUID()}@example.tw`;
    await registerCitizen(email, { password: 'civic-demo-2026', displayName: '林小華', ip: '10.1.1.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await call('/api/v1/auth/login', { json: { email, password: `wrong-${i}` }, headers: from(`10.1.0.${i}`) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const right = await call('/api/v1/auth/login', { json: { email, password: 'civic-demo-2026' }, headers: from('10.1.0.99') });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await problemOf(right)).type).toMatch(/rate-limited$/);
    // Other accounts are unaffected.
    expect((await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'civic-demo-2026' }, headers: from('10.1.0.99') })).status).toBe(200);
  });

  it('an address without an account is throttled exactly alike, so 429 reveals nothing', async () => {
    const tries = async (email: string, ip: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await call('/api/v1/auth/login', { json: { email, password: 'nope' }, headers: from(ip) })).status);
      return out;
    };
    expect(await tries('nobody.here@example.tw', '10.2.0.1')).toEqual(await tries('helper@demo.civic.tw', '10.2.0.2'));
  });

  it('one network spraying many accounts is stopped too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push((await call('/api/v1/auth/login', { json: { email: `spray${i}@example.tw`, password: 'x' }, headers: from('10.3.0.1') })).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await call('/api/v1/auth/login', { json: { email: 'citizen@demo.civic.tw', password: 'civic-demo-2026' }, headers: from('10.3.0.2') })).status).toBe(200);
  });

  it('registrations are limited per network', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call('/api/v1/auth/register', {
        json: { email: `reg${i}@example.tw`, password: 'a-long-password', displayName: '測試' },
        headers: from('10.4.0.1'),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('API tokens', () => {
  it('are listed without their secrets, revoked one by one, and end with logout', async () => {
    const cookie = await login('officer.dot@demo.civic.tw');
    const issue = async (label: string) => (await (await call('/api/v1/auth/tokens', { cookie, json: { label } })).json()) as { token: string; id: string };
    const a = await issue('Map layer export');
    const b = await issue('Report script');
    const list = (await (await call('/api/v1/auth/tokens', { cookie })).json()) as { items: { id: string; label: string }[] };
    expect(list.items.filter((t) => t.id === a.id || t.id === b.id).map((t) => t.label).sort()).toEqual(['Map layer export', 'Report script']);
    expect(JSON.stringify(list)).not.toContain(a.token);

    expect((await call(`/api/v1/auth/tokens/${a.id}`, { method: 'DELETE', cookie, headers: { origin: 'http://example.com' } })).status).toBe(204);
    const after = (await (await call('/api/v1/auth/tokens', { cookie })).json()) as { items: { id: string }[] };
    expect(after.items.map((t) => t.id)).not.toContain(a.id);
    expect((await call('/api/v1/auth/me', { token: a.token })).status).toBe(401);
    expect((await call(`/api/v1/auth/tokens/${a.id}`, { method: 'DELETE', cookie, headers: { origin: 'http://example.com' } })).status).toBe(404);
    // Someone else cannot revoke my token.
    const other = await login('officer.dep@demo.civic.tw');
    expect((await call(`/api/v1/auth/tokens/${b.id}`, { method: 'DELETE', cookie: other, headers: { origin: 'http://example.com' } })).status).toBe(404);

    expect((await call('/api/v1/auth/me', { token: b.token })).status).toBe(200);
    expect((await call('/api/v1/auth/logout', { method: 'POST', token: b.token })).status).toBe(204);
    expect((await call('/api/v1/auth/me', { token: b.token })).status).toBe(401);
  });
});
