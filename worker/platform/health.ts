import { createRoute } from '@hono/zod-openapi';
import { pendingStats } from './outbox/db';
import { jsonResponse } from './openapi';
import { temporalHttp } from './temporal';
import { createRouter } from './validation';
import { HealthSchema } from './schemas';

const health = createRouter();

async function probe(fn: () => Promise<unknown>) {
  const start = Date.now();
  try {
    await fn();
    return { ok: true, latencyMs: Date.now() - start };
  } catch (e) {
    return { ok: false, latencyMs: Date.now() - start, detail: (e as Error).message };
  }
}

health.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Operations'],
    summary: 'Reachability of D1 and Temporal, and the outbox backlog.',
    responses: {
      200: jsonResponse(HealthSchema, 'Everything reachable.'),
      503: jsonResponse(HealthSchema, 'Something is unreachable; submissions still succeed through the outbox.'),
    },
  }),
  async (c) => {
    const [d1, temporal] = await Promise.all([
      probe(() => c.env.DB.prepare('SELECT 1').first()),
      probe(() => temporalHttp(c.env, 3_000).ping()),
    ]);
    const outbox = d1.ok ? await pendingStats(c.env.DB) : { pending: 0, oldestPendingAt: null };
    const ok = d1.ok && temporal.ok;
    return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), d1, temporal, outbox }, ok ? 200 : 503);
  },
);

export default health;
