import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

const url = '/api/v1/admin/identity-verifications';
const me = async (cookie: string) => ((await (await call('/api/v1/auth/me', { cookie })).json()) as { user: { identityLevel: string } }).user;

describe('the platform identity level', () => {
  it('is one field of the API user, read from users.identity_level', async () => {
    await env.DB.prepare(`UPDATE users SET identity_level = 'email_verified' WHERE id = 'u-citizen-en'`).run();
    const user = await me(await login('resident@demo.civic.tw'));
    expect(user.identityLevel).toBe('email_verified');
    expect(Object.keys(user).filter((k) => /verif|identity/i.test(k))).toEqual(['identityLevel']);
  });

  it('an admin sets it by e-mail address (the admin page), audited with the previous level; the session carries it at once', async () => {
    await env.DB.prepare(`UPDATE users SET identity_level = 'none' WHERE id = 'u-citizen-en'`).run();
    const admin = await login('admin@demo.civic.tw');
    const citizen = await login('resident@demo.civic.tw');
    const res = await call(url, { cookie: admin, json: { email: 'Resident@demo.civic.tw', level: 'verified_person' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ level: 'verified_person', previous: 'none' });
    expect((await me(citizen)).identityLevel).toBe('verified_person');
    const audit = await env.DB.prepare(`SELECT detail FROM audit_log WHERE action = 'account.identity_level' AND target = 'user:u-citizen-en' ORDER BY id DESC`).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toEqual({ level: 'verified_person', previous: 'none' });
  });

  it('refuses unknown accounts, unknown levels and non-admins with problems, changing nothing', async () => {
    const admin = await login('admin@demo.civic.tw');
    const unknown = await call(url, { cookie: admin, json: { email: 'nobody@demo.civic.tw', level: 'verified_person' } });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).type).toMatch(/user-not-found$/);
    const bad = await call(url, { cookie: admin, json: { email: 'citizen@demo.civic.tw', level: 'verified' } });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors?.[0]).toMatchObject({ pointer: '/level' });
    const before = await env.DB.prepare(`SELECT identity_level AS l FROM users WHERE id = 'u-citizen'`).first<{ l: string }>();
    const citizen = await login('citizen@demo.civic.tw');
    expect((await call(url, { cookie: citizen, json: { email: 'citizen@demo.civic.tw', level: 'verified_person' } })).status).toBe(403);
    expect(await env.DB.prepare(`SELECT identity_level AS l FROM users WHERE id = 'u-citizen'`).first<{ l: string }>()).toEqual(before);
  });

  it('the OpenAPI document has the one User field with the three levels and the admin verification', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { enum?: string[] }> }> };
    };
    const user = doc.components.schemas.User!;
    expect(user.required).toContain('identityLevel');
    expect(user.properties!.identityLevel!.enum).toEqual(['none', 'email_verified', 'verified_person']);
    expect(Object.keys(user.properties!).filter((k) => /verif|identity/i.test(k))).toEqual(['identityLevel']);
    expect(doc.paths['/admin/identity-verifications']).toHaveProperty('post');
  });

  it('the database refuses a level outside the platform list (CHECK mirrors the TypeScript union)', async () => {
    await expect(env.DB.prepare(`UPDATE users SET identity_level = 'verified' WHERE id = 'u-citizen'`).run()).rejects.toThrow(/CHECK/);
  });

  it('budget resident profiles keep district and birth date only (migration 0045 dropped their level)', async () => {
    const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info('budget_resident_profiles') ORDER BY cid`).all<{ name: string }>();
    expect(cols.results.map((c) => c.name)).toEqual(['user_id', 'district_code', 'birth_date']);
  });
});
