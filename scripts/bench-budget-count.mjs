/**
 * `./civic bench budget-count`: counting a round off the Worker (issue 10). Seeds a local D1 with
 * a round in its tallying phase (two districts, 40 accepted projects each, BENCH_COUNT_BALLOTS
 * approval ballots, default 20,000), serves it with `wrangler dev`, and runs the count activity's
 * own code (workflows/budget-round/count-round.ts) against it from a Node process, as the
 * Temporal worker does: paged reads, domain/tally, results posted back. Rewrites its section of
 * BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareLocalD1, startEdge } from './lib/edge.mjs';
import { BIN, ROOT } from './lib/paths.mjs';

const BALLOTS = Number(process.env.BENCH_COUNT_BALLOTS ?? 20_000);
const PROJECTS = 40;
const PORT = 18892;
const edge = `http://127.0.0.1:${PORT}`;
const dir = path.join(os.tmpdir(), 'civic-bench-budget-count');
const ROUND = 'R-BENCHCNT1';

// Deterministic pseudo-random numbers so every run counts the same box.
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

function seedSql() {
  const now = new Date().toISOString();
  const lines = [
    `INSERT INTO budget_rounds (id, title, phase, rule, ballot, proposals_end_at, review_end_at, voting_end_at, results_end_at, created_at)
     VALUES ('${ROUND}', 'Count benchmark', 'tallying', 'equalshares/add1', '{"kind":"approval","maxProjects":5}', '${now}', '${now}', '${now}', '${now}', '${now}');`,
    `INSERT INTO budget_districts (round_id, code, name, budget) VALUES ('${ROUND}', 'DA', 'Da-an', 50000000), ('${ROUND}', 'XY', 'Xinyi', 30000000);`,
  ];
  for (const d of ['DA', 'XY']) {
    const rows = Array.from({ length: PROJECTS }, (_, j) => `('${ROUND}', '${d}-${j + 1}', '${d}', 'Project ${j + 1}', ${(1 + Math.floor(rand() * 40)) * 100000}, 'accepted', '${now}')`);
    lines.push(`INSERT INTO budget_projects (round_id, id, district_code, title, cost, state, created_at) VALUES ${rows.join(',')};`);
  }
  for (let i = 0; i < BALLOTS; i += 500) {
    const rows = [];
    for (let k = i; k < Math.min(i + 500, BALLOTS); k++) {
      const d = k % 3 === 0 ? 'XY' : 'DA';
      const picks = new Set();
      const n = 1 + Math.floor(rand() * 5);
      // Popular projects first: a skewed box, as real ones are.
      while (picks.size < n) picks.add(`${d}-${1 + Math.floor(rand() * rand() * PROJECTS)}`);
      rows.push(`('b-${String(k).padStart(8, '0')}-${Math.floor(rand() * 1e9)}', '${ROUND}', '${d}', 'online', '${JSON.stringify([...picks])}')`);
    }
    lines.push(`INSERT INTO budget_ballots (id, round_id, district_code, channel, projects) VALUES ${rows.join(',')};`);
  }
  return lines.join('\n');
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'round.sql'), seedSql());
const load = os.loadavg()[0].toFixed(1);
console.log(`Participatory budgeting: counting ${BALLOTS} ballots off the Worker ...`);
await prepareLocalD1(path.join(dir, 'state'), ['seeds/demo.sql', path.join(dir, 'round.sql')]);
mkdirSync(path.join(ROOT, 'dist', 'web'), { recursive: true });
const server = await startEdge({ port: PORT, persistTo: path.join(dir, 'state'), vars: { INTERNAL_SECRET: 'bench', TEMPORAL_HTTP_URL: 'http://127.0.0.1:9' } });
let r;
try {
  const run = spawnSync(path.join(BIN, 'tsx'), ['scripts/bench-budget-count-run.ts', edge, 'bench', ROUND], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`count: ${run.stderr}`);
  r = JSON.parse(run.stdout.trim().split('\n').pop());
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`  ${r.ballots} ballots in ${r.pages} pages: read ${s(r.readMs)}, count ${s(r.countMs)}, store ${s(r.storeMs)} (${r.parts} parts), total ${s(r.totalMs)}`);

const table = [
  '| measure | figure |',
  '| --- | ---: |',
  `| reading the round, ${r.projects} projects and ${r.ballots} ballots in ${r.pages} signed pages of 1,000 | ${s(r.readMs)} |`,
  `| equalshares/add1 with explanations, two districts (domain/tally, in the Node process) | ${s(r.countMs)} |`,
  `| posting the results (${r.parts} part${r.parts === 1 ? '' : 's'}), checked and stored once | ${s(r.storeMs)} |`,
  `| whole count | ${s(r.totalMs)} |`,
].join('\n');
const begin = '<!-- bench-budget-count:begin -->';
const end = '<!-- bench-budget-count:end -->';
const section = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)} on a 2-core machine shared with other work (1-minute load average ${load} at the start), \`wrangler dev\` with local D1, the count in a Node process on the same machine:\n\n${table}\n${end}`;
const file = path.join(ROOT, 'BENCHMARKS.md');
let doc = readFileSync(file, 'utf8');
doc = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), section) : `${doc.trimEnd()}\n\n### Counting a round off the Worker\n\n${section}\n`;
writeFileSync(file, doc);
console.log('Wrote the budget-count section of BENCHMARKS.md.');
