/**
 * Participatory budgeting figures for `./civic bench`:
 * 1. the tally command for auditors, `npm run -s tally -- FILE.pb --rule equalshares/add1`, on a
 *    synthetic election of 100,000 approval ballots over 100 projects (scripts/bench-tally.mjs
 *    writes it), timed as a whole process: npm, start-up, parsing and the tally;
 * 2. ballot submissions per second on `wrangler dev` (local D1) against a bare single-row D1
 *    insert route in the same run, with the same number of requests and concurrency.
 * Rewrites the budgets section of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareLocalD1, startEdge } from './lib/edge.mjs';
import { ROOT } from './lib/paths.mjs';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TALLY_RUNS = Number(process.env.BENCH_TALLY_RUNS ?? 5);
const SKIP_TALLY = process.env.BENCH_SKIP_TALLY === '1';
const PORT = 18891;
const edge = `http://127.0.0.1:${PORT}`;
const dir = path.join(os.tmpdir(), 'civic-bench-budgets');

function tallyBench() {
  const gen = spawnSync(process.execPath, ['scripts/bench-tally.mjs', '--runs', '1', '--keep'], { cwd: ROOT, encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`bench-tally: ${gen.stderr}`);
  const file = gen.stdout.split('\n')[1].trim();
  const times = [];
  let selected = 0;
  for (let i = 0; i < TALLY_RUNS; i++) {
    const start = performance.now();
    const r = spawnSync('npm', ['run', '-s', 'tally', '--', file, '--rule', 'equalshares/add1'], { cwd: ROOT, encoding: 'utf8' });
    times.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`tally: ${r.stderr}`);
    selected = r.stdout.trim().split('\n').length;
  }
  rmSync(path.dirname(file), { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)], selected };
}

const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const tokenOf = (i) => `bench-voter-token-${String(i).padStart(8, '0')}`;

function seedSql() {
  const now = new Date().toISOString();
  const far = new Date(Date.now() + 86_400_000).toISOString();
  const lines = [
    'CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL);',
    `INSERT INTO budget_rounds (id, title, phase, rule, ballot, proposals_end_at, review_end_at, voting_end_at, results_end_at, created_at)
     VALUES ('R-BENCH0001', 'Benchmark round', 'voting', 'equalshares/add1', '{"kind":"approval","maxProjects":5}', '${now}', '${now}', '${far}', '${far}', '${now}');`,
    `INSERT INTO budget_districts (round_id, code, name, budget) VALUES ('R-BENCH0001', 'DA', 'Da-an', 1000000);`,
  ];
  for (let j = 1; j <= 10; j++) {
    lines.push(`INSERT INTO budget_projects (round_id, id, district_code, title, cost, state, created_at) VALUES ('R-BENCH0001', 'P-${j}', 'DA', 'Project ${j}', ${j * 50000}, 'accepted', '${now}');`);
  }
  for (let i = 0; i < VOTERS; i += 200) {
    const users = [];
    const creds = [];
    const profiles = [];
    for (let k = i; k < Math.min(i + 200, VOTERS); k++) {
      users.push(`('u-bench-${k}', 'bench${k}@example.com', 'x', 'Bench ${k}', 'citizen', NULL, 'en', '${now}', 'verified_person')`);
      creds.push(`('${sha256(tokenOf(k))}', 'u-bench-${k}', 'api_token', '${now}', '${far}')`);
      profiles.push(`('u-bench-${k}', 'DA', '1990-01-01')`);
    }
    lines.push(`INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at, identity_level) VALUES ${users.join(',')};`);
    lines.push(`INSERT INTO credentials (token_hash, user_id, kind, created_at, expires_at) VALUES ${creds.join(',')};`);
    lines.push(`INSERT INTO budget_resident_profiles (user_id, district_code, birth_date) VALUES ${profiles.join(',')};`);
  }
  return lines.join('\n');
}

/** Sends `n` requests with `CONCURRENCY` in flight; returns requests per second. */
async function throughput(n, request) {
  let next = 0;
  let failed = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < n; i = next++) {
        const res = await request(i);
        await res.arrayBuffer();
        if (res.status !== 201) failed++;
      }
    }),
  );
  if (failed) throw new Error(`${failed} of ${n} requests failed`);
  return n / ((performance.now() - start) / 1000);
}

async function ballotBench() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sqlFile = path.join(dir, 'voters.sql');
  writeFileSync(sqlFile, seedSql());
  await prepareLocalD1(path.join(dir, 'state'), ['seeds/demo.sql', sqlFile]);
  mkdirSync(path.join(ROOT, 'dist', 'web'), { recursive: true });
  const server = await startEdge({
    port: PORT,
    persistTo: path.join(dir, 'state'),
    vars: { INTERNAL_SECRET: 'bench', TEMPORAL_HTTP_URL: 'http://127.0.0.1:9', BENCH_BASELINE: '1' },
  });
  try {
    const headers = { 'content-type': 'application/json', origin: edge };
    const body = (i) => JSON.stringify({ projects: [`P-${(i % 10) + 1}`, `P-${((i + 3) % 10) + 1}`] });
    const warm = 50;
    await throughput(warm, (i) => fetch(`${edge}/internal/bench/d1-insert`, { method: 'POST', headers, body: body(i) }));
    const n = VOTERS - warm;
    const baseline = await throughput(n, (i) => fetch(`${edge}/internal/bench/d1-insert`, { method: 'POST', headers, body: body(i) }));
    await throughput(warm, (i) =>
      fetch(`${edge}/api/v1/budget-rounds/R-BENCH0001/ballots`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${tokenOf(i)}` }, body: body(i) }),
    );
    const ballots = await throughput(n, (i) =>
      fetch(`${edge}/api/v1/budget-rounds/R-BENCH0001/ballots`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${tokenOf(i + warm)}` }, body: body(i) }),
    );
    return { n, baseline, ballots };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = os.loadavg()[0].toFixed(1);
console.log('Participatory budgeting: tally command on 100,000 ballots ...');
const tally = SKIP_TALLY ? { min: NaN, median: NaN, selected: 0 } : tallyBench();
console.log(`  npm run -s tally, equalshares/add1: min ${tally.min.toFixed(0)} ms, median ${tally.median.toFixed(0)} ms (${tally.selected} projects selected)`);
console.log(`Participatory budgeting: ballot submissions, ${VOTERS} voters, ${CONCURRENCY} in flight ...`);
const b = await ballotBench();
const ratio = b.ballots / b.baseline;
console.log(`  ballots ${b.ballots.toFixed(0)}/s, bare D1 insert ${b.baseline.toFixed(0)}/s, ratio ${ratio.toFixed(2)}x (target 0.5x)`);

const table = [
  '| measure | figure | target |',
  '| --- | ---: | ---: |',
  `| \`npm run -s tally\` equalshares/add1, 100,000 approval ballots × 100 projects, whole process (median of ${TALLY_RUNS}) | ${(tally.median / 1000).toFixed(2)} s (min ${(tally.min / 1000).toFixed(2)} s) | < 2 s |`,
  `| ballot submissions on \`wrangler dev\` (${b.n} voters, ${CONCURRENCY} in flight) | ${b.ballots.toFixed(0)} /s | |`,
  `| bare single-row D1 insert route, same run | ${b.baseline.toFixed(0)} /s | |`,
  `| ratio ballots ÷ bare insert | ${ratio.toFixed(2)}x | ≥ 0.5x |`,
].join('\n');
const begin = '<!-- bench-budgets:begin -->';
const end = '<!-- bench-budgets:end -->';
const section = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)} on a 2-core machine shared with other work (1-minute load average ${load} at the start):\n\n${table}\n${end}`;
const file = path.join(ROOT, 'BENCHMARKS.md');
let doc = readFileSync(file, 'utf8');
doc = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), section) : `${doc.trimEnd()}\n\n## Participatory budgeting\n\n${section}\n`;
writeFileSync(file, doc);
console.log('Wrote the budgets section of BENCHMARKS.md.');
