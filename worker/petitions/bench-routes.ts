/**
 * The benchmark's baseline: a bare single-row D1 insert, measured in the same run as the
 * endorsement route (`./civic bench petitions`). Answers 404 unless BENCH_ROUTES=1, which only
 * the benchmark sets; its table exists only in the benchmark's throw-away database.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../platform/env';
import { fail } from '../platform/problem';

const bench = new Hono<AppEnv>();

bench.post('/bench/insert', async (c) => {
  if ((c.env as unknown as { BENCH_ROUTES?: string }).BENCH_ROUTES !== '1') fail(404, 'not-found', 'No benchmark routes here.');
  await c.env.DB.prepare('INSERT INTO bench_rows (id, at) VALUES (?, ?)').bind(crypto.randomUUID(), new Date().toISOString()).run();
  return c.body(null, 204);
});

export default bench;
