/**
 * The baseline of `./civic bench`: a bare single-row D1 insert, to compare ballot submissions
 * against on the same machine and run. Answers 404 unless the Worker runs with BENCH_BASELINE=1
 * (the benchmark's own `wrangler dev`), and writes to a table only the benchmark creates.
 */
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';

const bench = createRouter();

bench.post('/d1-insert', async (c) => {
  if ((c.env as unknown as Record<string, unknown>).BENCH_BASELINE !== '1') fail(404, 'not-found', 'Nothing here.');
  await c.env.DB.prepare(`INSERT INTO bench_rows (id, body) VALUES (?, ?)`).bind(crypto.randomUUID(), await c.req.text()).run();
  return c.json({ ok: true }, 201);
});

export default bench;
