import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

describe('problem+json for every bad input', () => {
  it('malformed JSON is a 400 problem, not a 500', async () => {
    const res = await call('/api/v1/auth/login', { body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.status).toBe(400);
    expect(p.detail).toMatch(/JSON/i);
  });

  it('unknown fields are named one by one', async () => {
    const res = await call('/api/v1/auth/login', {
      json: { email: 'a@b.tw', password: 'x', admin: true, role: 'admin' },
    });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.errors?.map((e) => e.pointer).sort()).toEqual(['/admin', '/role']);
    expect(p.errors?.every((e) => e.in === 'body' && e.detail === 'Unknown field.')).toBe(true);
  });

  it('wrong types and missing fields get field-level messages', async () => {
    const res = await call('/api/v1/auth/register', { json: { email: 42, password: 'short' } });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    const pointers = p.errors!.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/email', '/password', '/displayName']));
    expect(p.errors!.find((e) => e.pointer === '/password')!.detail).toMatch(/10 characters/);
  });

  it('a JSON array or scalar instead of an object is a 422', async () => {
    const res = await call('/api/v1/auth/login', { json: ['a', 'b'] });
    expect(res.status).toBe(422);
    await problemOf(res);
  });

  it('bodies over 64 KB are refused with 413', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/cases', {
      cookie,
      json: { serviceTypeCode: 'GRV-NOISE', subject: 'Noise', description: 'x'.repeat(70 * 1024) },
    });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).type).toMatch(/body-too-large$/);
  });

  it('invalid query and path parameters are 422 with their location', async () => {
    const cookie = await login('officer.dot@demo.civic.tw');
    const q = await call('/api/v1/cases/inbox?state=bogus', { cookie });
    expect(q.status).toBe(422);
    expect((await problemOf(q)).errors![0]).toMatchObject({ pointer: '/state', in: 'query' });
    const p = await call('/api/v1/cases/not-a-case-number', { cookie });
    expect(p.status).toBe(422);
    expect((await problemOf(p)).errors![0]).toMatchObject({ pointer: '/id', in: 'path' });
  });

  it('unknown routes are a 404 problem', async () => {
    const res = await call('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    await problemOf(res);
  });

  it('cross-site form posts are refused', async () => {
    const res = await call('/api/v1/auth/login', {
      body: 'email=a',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    await problemOf(res);
  });
});
