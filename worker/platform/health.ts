import { createRoute } from '@hono/zod-openapi';
import { pendingStats } from './outbox/db';
import { stuckProjections } from './projection-refusals';
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
    summary: 'Reachability of D1 and Temporal, the outbox backlog and stuck projections.',
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
    const outbox = d1.ok ? await pendingStats(c.env.DB) : { pending: 0, failing: 0, oldestPendingAt: null };
    const projections = d1.ok ? await stuckProjections(c.env.DB, Date.now()) : { stuck: 0, oldestAt: null, lastCode: null };
    // A stuck projection is an alert: a workflow keeps retrying a write-back the edge refuses.
    const ok = d1.ok && temporal.ok && projections.stuck === 0;
    return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), d1, temporal, outbox, projections }, ok ? 200 : 503);
  },
);

export default health;
