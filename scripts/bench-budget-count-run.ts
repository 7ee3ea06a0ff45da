/**
 * The measuring half of `./civic bench budget-count` (run with tsx by bench-budget-count.mjs):
 * counts a seeded round with the count activity's own code against a running edge and prints
 * where the time went, as JSON.
 */
import { createEdgeClient } from '../workflows/shared/edge-client';
import { countRound } from '../workflows/budget-round/count-round';

const [edgeUrl, internalSecret, roundId] = process.argv.slice(2) as [string, string, string];
const post = createEdgeClient({ edgeUrl, internalSecret });
const spent: Record<string, number> = {};
const timed = async (path: string, payload: unknown) => {
  const start = performance.now();
  try {
    return await post(path, payload);
  } finally {
    spent[path] = (spent[path] ?? 0) + performance.now() - start;
  }
};
const start = performance.now();
const summary = await countRound(timed, roundId);
const totalMs = performance.now() - start;
const readMs = Object.entries(spent).filter(([p]) => p.includes('budget-round-count')).reduce((s, [, ms]) => s + ms, 0);
const storeMs = Object.entries(spent).filter(([p]) => p.includes('budget-round-results')).reduce((s, [, ms]) => s + ms, 0);
console.log(JSON.stringify({ ...summary, totalMs, readMs, storeMs, countMs: totalMs - readMs - storeMs }));
