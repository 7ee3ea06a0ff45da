import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import migration0045 from '../../migrations/0045_unify_identity_levels.sql?raw';
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

  it('migration 0045 carries the older notions over, raising only, and leaves the profile its district and birth date', async () => {
    // Re-create the state before 0045 (its dropped column), then run the migration's own SQL.
    await env.DB.exec(`ALTER TABLE budget_resident_profiles ADD COLUMN identity_level TEXT NOT NULL DEFAULT 'basic' CHECK (identity_level IN ('basic', 'verified'))`);
    const at = '2026-01-01T00:00:00.000Z';
    const users = [
      ['m-mail', 'none', at, null], // a confirmed address (consultations' notion)
      ['m-pb', 'none', null, 'verified'], // a verified budget resident
      ['m-basic', 'email_verified', null, 'basic'], // a basic resident keeps what it had
      ['m-top', 'verified_person', at, 'basic'], // never lowered
      ['m-plain', 'none', null, null],
    ] as const;
    await env.DB.batch(
      users.flatMap(([id, level, verifiedAt, profile]) => [
        env.DB.prepare(
          `INSERT INTO users (id, email, password_hash, display_name, role, locale, created_at, identity_level, email_verified_at) VALUES (?, ?, 'x', ?, 'citizen', 'en', ?, ?, ?)`,
        ).bind(id, `${id}@example.tw`, id, at, level, verifiedAt),
        ...(profile ? [env.DB.prepare(`INSERT INTO budget_resident_profiles (user_id, district_code, birth_date, identity_level) VALUES (?, 'DA', '1980-05-05', ?)`).bind(id, profile)] : []),
      ]),
    );
    const statements = migration0045
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n')
      .split(/;\s*$/m)
      .map((q) => q.trim())
      .filter(Boolean);
    await env.DB.batch(statements.map((q) => env.DB.prepare(q)));

    const levels = await env.DB.prepare(`SELECT id, identity_level AS l FROM users WHERE id LIKE 'm-%' ORDER BY id`).all<{ id: string; l: string }>();
    expect(Object.fromEntries(levels.results.map((r) => [r.id, r.l]))).toEqual({
      'm-basic': 'email_verified',
      'm-mail': 'email_verified',
      'm-pb': 'verified_person',
      'm-plain': 'none',
      'm-top': 'verified_person',
    });
    const profiles = await env.DB.prepare(`SELECT * FROM budget_resident_profiles WHERE user_id LIKE 'm-%' ORDER BY user_id`).all();
    expect(profiles.results).toEqual([
      { user_id: 'm-basic', district_code: 'DA', birth_date: '1980-05-05' },
      { user_id: 'm-pb', district_code: 'DA', birth_date: '1980-05-05' },
      { user_id: 'm-top', district_code: 'DA', birth_date: '1980-05-05' },
    ]);
  });
});
