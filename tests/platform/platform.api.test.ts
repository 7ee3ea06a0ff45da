import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../worker/platform/env';
import worker from '../../worker/index';
import { call, login, seedDemo } from '../support/api-helpers';

describe('operations', () => {
  it('health reports D1 up and Temporal down (nothing listens in API tests)', async () => {
    const res = await call('/api/v1/health');
    expect(res.status).toBe(503);
    const h = (await res.json()) as { status: string; d1: { ok: boolean }; temporal: { ok: boolean } };
    expect(h).toMatchObject({ status: 'degraded', d1: { ok: true }, temporal: { ok: false } });
  });

  it('the scheduled drain keeps outbox entries pending while Temporal is down', async () => {
    await seedDemo();
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/cases', {
      cookie,
      json: { serviceTypeCode: 'GRV-NOISE', subject: '夜間噪音', description: '每晚十一點後工廠仍在運轉。' },
    });
    const { id } = (await res.json()) as { id: string };
    const waits: Promise<unknown>[] = [];
    await worker.scheduled(
      { cron: '* * * * *', scheduledTime: Date.now(), noRetry() {} } as ScheduledController,
      env as Bindings,
      { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    );
    await Promise.all(waits);
    const row = await env.DB.prepare('SELECT state, attempts, last_error FROM outbox WHERE aggregate_id = ?')
      .bind(id)
      .first<{ state: string; attempts: number; last_error: string }>();
    expect(row?.state).toBe('pending');
    expect(row?.attempts).toBeGreaterThanOrEqual(1);
    expect(row?.last_error).toMatch(/unreachable|HTTP/);
  });
});

describe('OpenAPI', () => {
  it('is generated from the route schemas and served with a docs page', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/cases', '/cases/mine', '/cases/inbox', '/cases/{id}', '/cases/{id}/reply', '/auth/login', '/health']),
    );
    expect(doc.paths['/cases']!.post!.responses).toHaveProperty('422');
    expect(doc.components.schemas).toHaveProperty('CreateCaseRequest');
    expect(Object.keys(doc.paths).some((p) => p.includes('internal'))).toBe(false);
    const docs = await call('/api/v1/docs');
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    expect(await docs.text()).toContain('/api/v1/cases/{id}/reply');
  });

  it('sessions survive only as hashes in D1', async () => {
    await seedDemo();
    const cookie = await login('citizen@demo.civic.tw');
    const secret = cookie.split('=')[1]!;
    const rows = await env.DB.prepare('SELECT token_hash FROM credentials').all<{ token_hash: string }>();
    expect(rows.results.length).toBeGreaterThan(0);
    expect(rows.results.some((r) => r.token_hash === secret)).toBe(false);
  });
});
