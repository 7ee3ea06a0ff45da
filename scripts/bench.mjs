/**
 * `npm run bench`: dashboard API latency on a local D1 seeded with 100,000 cases.
 * Seeds a throw-away database, serves it with `wrangler dev` (workerd + local D1, no Temporal
 * needed), and times each dashboard endpoint sequentially from this process. Prints a table and
 * rewrites the figures section of BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareLocalD1, startEdge } from './lib/edge.mjs';
import { ROOT } from './lib/paths.mjs';

// `./civic bench` runs every benchmark; `./civic bench <name> [args]` only that one.
const suites = { outbox: './bench-outbox.mjs', petitions: './bench-petitions.mjs', budgets: './bench-budgets.mjs', 'budget-count': './bench-budget-count.mjs', auth: './bench-auth.mjs' };
const only = process.argv[2];
if (only && only !== 'dashboard') {
  if (!(only in suites)) {
    console.error(`usage: ./civic bench [dashboard | ${Object.keys(suites).join(' | ')} [parts ...]]`);
    process.exit(2);
  }
  await import(suites[only]);
  process.exit(process.exitCode ?? 0);
}

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const PORT = 18890;
const dir = path.join(os.tmpdir(), 'civic-bench');
const edge = `http://127.0.0.1:${PORT}`;

// Deterministic pseudo-random numbers so every run measures the same data.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

function generateSql() {
  const types = [
    ['GRV-TRAFFIC', 'TPE-DOT'],
    ['GRV-NOISE', 'TPE-DEP'],
    ['GRV-ROAD', 'TPE-PWD'],
    ['APP-ROAD-DIG', 'TPE-PWD'],
  ];
  const now = Date.now();
  const day = 86_400_000;
  const lines = [];
  let batch = [];
  const flush = () => {
    if (!batch.length) return;
    lines.push(
      `INSERT INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, state, received_at, updated_at, resolution_due_at, sla_state, outcome, handling_working_days, replied_at, transfers, reopen_count, workflow_started_at) VALUES\n${batch.join(',\n')};`,
    );
    batch = [];
  };
  for (let i = 0; i < CASES; i++) {
    const [code, agency] = pick(types);
    const received = now - Math.floor(rand() * 365 * day);
    const due = received + 30 * day;
    const r = rand();
    let state = 'replied';
    let outcome = 'met';
    let sla = 'on_track';
    let days = 'NULL';
    let replied = 'NULL';
    if (r < 0.05) {
      state = 'not_processed';
      outcome = 'not_processed';
    } else if (r < 0.2 && received > now - 60 * day) {
      state = pick(['received', 'accepted', 'in_progress', 'awaiting_supplement']);
      outcome = null;
      sla = state === 'awaiting_supplement' ? 'paused' : due < now ? 'breached' : pick(['on_track', 'warned_50', 'warned_75']);
    } else {
      const took = rand() < 0.85 ? rand() * 20 : 20 + rand() * 20;
      days = (took * 0.7).toFixed(2);
      outcome = received + took * day <= due ? 'met' : 'breached';
      replied = `'${new Date(received + took * day).toISOString()}'`;
    }
    const id = `B${String(i).padStart(14, '0')}`;
    const iso = new Date(received).toISOString();
    batch.push(
      `('${id}','${code}','${agency}','u-citizen','bench','bench case','${state}','${iso}','${iso}','${new Date(due).toISOString()}','${sla}',${outcome ? `'${outcome}'` : 'NULL'},${days},${replied},${rand() < 0.05 ? 1 : 0},${rand() < 0.03 ? 1 : 0},'${iso}')`,
    );
    if (batch.length === 200) flush(); // D1 caps a statement at 100 KB
  }
  flush();
  return lines.join('\n');
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: q(0.5), p95: q(0.95), max: s.at(-1) };
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const state = path.join(dir, 'state');
console.log(`Seeding ${CASES.toLocaleString('en')} cases into a local D1 under ${dir} ...`);
const t0 = Date.now();
const sqlFile = path.join(dir, 'cases.sql');
writeFileSync(sqlFile, generateSql());
await prepareLocalD1(state, ['seeds/demo.sql', sqlFile]);
console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

mkdirSync(path.join(ROOT, 'dist', 'web'), { recursive: true });
// Temporal is not needed: the dashboard reads D1 only (health reports it unreachable).
const server = await startEdge({
  port: PORT,
  persistTo: state,
  vars: { INTERNAL_SECRET: 'bench', TEMPORAL_HTTP_URL: 'http://127.0.0.1:9' },
});
const results = [];
try {
  const login = await fetch(`${edge}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: edge },
    body: JSON.stringify({ email: 'manager@demo.civic.tw', password: 'civic-demo-2026' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const weeksAgo = (w) => new Date(Date.now() + 8 * 3_600_000 - w * 7 * 86_400_000).toISOString().slice(0, 10);
  const endpoints = [
    ['SLA board, all agencies', '/api/v1/dashboard/sla'],
    ['SLA board, one agency, breached', '/api/v1/dashboard/sla?agencyId=TPE-PWD&sla=breached'],
    ['Performance by agency, 12 weeks', `/api/v1/dashboard/performance?from=${weeksAgo(12)}&to=${today}`],
    ['Performance by service type, 1 year', `/api/v1/dashboard/performance?from=${weeksAgo(52)}&to=${today}&groupBy=service_type`],
    ['Escalation inbox', '/api/v1/escalations'],
    ['Public figures (daily snapshot)', '/api/v1/public/agencies'],
    // Public, no login: newest first over the whole case table (index cases_received, migration 0006).
    ['Open311 requests.json, newest', '/open311/v2/requests.json'],
    ['Open311 requests.json, one service, open', '/open311/v2/requests.json?service_code=GRV-ROAD&status=open'],
  ];
  for (const [name, url] of endpoints) {
    for (let i = 0; i < 5; i++) await fetch(edge + url, { headers: { cookie } }); // warm-up
    const times = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const res = await fetch(edge + url, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      times.push(performance.now() - start);
    }
    results.push({ name, url, ...stats(times) });
  }
} finally {
  await server.stop();
}

const fmt = (n) => n.toFixed(1);
const table = [
  '| endpoint | p50 ms | p95 ms | max ms |',
  '| --- | ---: | ---: | ---: |',
  ...results.map((r) => `| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.max)} |`),
].join('\n');
console.log(`\n${table}\n`);

const file = path.join(ROOT, 'BENCHMARKS.md');
const begin = '<!-- bench:begin -->';
const end = '<!-- bench:end -->';
const body = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)} on this repository's machine kind (2 cores), ${CASES.toLocaleString('en')} cases, ${ROUNDS} sequential requests per endpoint after 5 warm-up requests, \`wrangler dev\` with local D1 (workerd + SQLite), client on the same machine:\n\n${table}\n${end}`;
let doc = '';
try {
  doc = readFileSync(file, 'utf8');
} catch {
  doc = `# Benchmarks\n\nRun \`npm run bench\` (or \`./civic bench\`). Target: the dashboard API answers within 200 ms p95 on 100,000 cases.\n\n${begin}\n${end}\n`;
}
writeFileSync(file, doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), body));
const worst = Math.max(...results.map((r) => r.p95));
console.log(`Worst p95: ${fmt(worst)} ms (target 200 ms) — ${worst <= 200 ? 'met' : 'NOT met'}. Wrote BENCHMARKS.md.`);
rmSync(dir, { recursive: true, force: true });
if (!only) for (const suite of Object.values(suites)) await import(suite);
