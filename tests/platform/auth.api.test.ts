import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

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

  it('registration creates a citizen and refuses a taken address', async () => {
    const body = { email: 'new.person@example.tw', password: 'a-long-password', displayName: '林大華' };
    const first = await call('/api/v1/auth/register', { json: body });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { user: { role: string } }).user.role).toBe('citizen');
    const again = await call('/api/v1/auth/register', { json: { ...body, email: 'NEW.person@example.tw' } });
    expect(again.status).toBe(409);
    await problemOf(again);
    expect((await call('/api/v1/auth/login', { json: { email: body.email, password: body.password } })).status).toBe(200);
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

describe('oversight units', () => {
  it('the session says whether an officer’s agency oversees others', async () => {
    const me = async (email: string) =>
      ((await (await call('/api/v1/auth/me', { cookie: await login(email) })).json()) as { user: { oversees: boolean } }).user.oversees;
    expect(await me('oversight@demo.civic.tw')).toBe(true);
    expect(await me('officer.dot@demo.civic.tw')).toBe(false);
  });
});
