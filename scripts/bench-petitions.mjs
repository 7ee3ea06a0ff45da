/**
 * `./civic bench petitions`: sustained endorsements per second on `wrangler dev` with local D1,
 * p50/p99 latency, and the ratio to a bare single-row D1 insert route measured in the same run
 * (target: at least 0.5x). Every endorser is a distinct verified account from a distinct network;
 * a tenth of the requests are duplicates by people who already endorsed (they must be refused).
 * Afterwards the displayed count must equal the number of distinct valid endorsers.
 * Rewrites the petitions section of BENCHMARKS.md.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareLocalD1, startEdge } from './lib/edge.mjs';
import { ROOT } from './lib/paths.mjs';

const ENDORSERS = Number(process.env.BENCH_ENDORSERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = 18891;
const dir = path.join(os.tmpdir(), 'civic-bench-petitions');
const edge = `http://127.0.0.1:${PORT}`;
const PETITION = 'P-20260101-BENCH0';
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function seedSql() {
  const now = new Date().toISOString();
  const lines = [
    'CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, at TEXT NOT NULL);',
    `INSERT INTO petitions (id, proposer_id, title, summary, body, state, threshold, endorse_level, created_at, submitted_at, published_at, window_ends_at, workflow_started_at, last_seq, updated_at)
     VALUES ('${PETITION}', 'u-citizen', '基準測試提案', '基準測試用的提案摘要。', '基準測試用的提案內容，用來量測附議的吞吐量與延遲。', 'open', 1000000, 'verified_person', '${now}', '${now}', '${now}', '2099-01-01T00:00:00.000Z', '${now}', 2, '${now}');`,
  ];
  const tokens = [];
  for (let i = 0; i < ENDORSERS; i += 200) {
    const users = [];
    const creds = [];
    for (let j = i; j < Math.min(ENDORSERS, i + 200); j++) {
      const token = `bench_${j}_${sha256(`t${j}`).slice(0, 32)}`;
      tokens.push(token);
      users.push(`('b-${j}', 'b-${j}@bench.tw', 'none', 'bench ${j}', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person')`);
      creds.push(`('${sha256(token)}', 'b-${j}', 'session', NULL, '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z')`);
    }
    lines.push(`INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at, identity_level) VALUES ${users.join(',')};`);
    lines.push(`INSERT INTO credentials (token_hash, user_id, kind, label, created_at, expires_at) VALUES ${creds.join(',')};`);
  }
  return { sql: lines.join('\n'), tokens };
}

function quantiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: q(0.5), p99: q(0.99) };
}

/** Runs the jobs with a fixed number in flight; returns per-request latencies, statuses and the wall time. */
async function load(jobs) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const start = performance.now();
        const res = await job();
        await res.arrayBuffer();
        latencies.push(performance.now() - start);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies, statuses };
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const state = path.join(dir, 'state');
const { sql, tokens } = seedSql();
writeFileSync(path.join(dir, 'seed.sql'), sql);
console.log(`Seeding ${ENDORSERS.toLocaleString('en')} verified accounts into a local D1 under ${dir} ...`);
await prepareLocalD1(state, ['seeds/demo.sql', path.join(dir, 'seed.sql')]);
mkdirSync(path.join(ROOT, 'dist', 'web'), { recursive: true });
const server = await startEdge({
  port: PORT,
  persistTo: state,
  vars: { INTERNAL_SECRET: 'bench', TEMPORAL_HTTP_URL: 'http://127.0.0.1:9', BENCH_ROUTES: '1', EMAIL_DELIVERY: 'capture' },
});

let report;
try {
  const insert = () => fetch(`${edge}/internal/bench/petitions/bench/insert`, { method: 'POST' });
  const endorse = (i) =>
    fetch(`${edge}/api/v1/petitions/${PETITION}/endorsement`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: edge,
        cookie: `civic_session=${tokens[i]}`,
        // A distinct /24 per endorser: the burst rule and the per-network limit see real-world spread.
        'cf-connecting-ip': `10.${(i >> 8) & 255}.${i & 255}.1`,
      },
      body: '{"follow":false}',
    });
  // Warm-up of both routes (compilation, SQLite page cache).
  await load(Array.from({ length: 100 }, () => insert));
  await load(Array.from({ length: 20 }, (_, i) => () => fetch(`${edge}/api/v1/petitions/${PETITION}`)));

  // Interleaved rounds, so that load from other processes on the machine hits both routes alike.
  const ROUNDS = 10;
  const per = Math.ceil(ENDORSERS / ROUNDS);
  const baseline = { seconds: 0, latencies: [], statuses: new Map() };
  const endorsed = { seconds: 0, latencies: [], statuses: new Map() };
  const jobs = [];
  const merge = (into, r) => {
    into.seconds += r.seconds;
    into.latencies.push(...r.latencies);
    for (const [k, v] of r.statuses) into.statuses.set(k, (into.statuses.get(k) ?? 0) + v);
  };
  for (let round = 0; round < ROUNDS; round++) {
    const from = round * per;
    const to = Math.min(ENDORSERS, from + per);
    merge(baseline, await load(Array.from({ length: to - from }, () => insert)));
    // Every endorser once, plus duplicates by earlier endorsers spread through the run.
    const roundJobs = [];
    for (let i = from; i < to; i++) {
      roundJobs.push(() => endorse(i));
      if (i % 10 === 9) roundJobs.push(() => endorse(i - 5));
    }
    jobs.push(...roundJobs);
    merge(endorsed, await load(roundJobs));
  }
  const detail = await (await fetch(`${edge}/api/v1/petitions/${PETITION}`)).json();
  const ok = endorsed.statuses.get(201) ?? 0;
  const dup = endorsed.statuses.get(409) ?? 0;
  const baseRps = ENDORSERS / baseline.seconds;
  const endRps = ok / endorsed.seconds;
  report = {
    baseline: { rps: baseRps, ...quantiles(baseline.latencies), statuses: Object.fromEntries(baseline.statuses) },
    endorse: { rps: endRps, ...quantiles(endorsed.latencies), statuses: Object.fromEntries(endorsed.statuses), requests: jobs.length },
    ratio: endRps / baseRps,
    displayed: detail.endorsements,
    ok,
    dup,
  };
} finally {
  await server.stop();
}

const f = (n) => n.toFixed(1);
const table = [
  '| route | requests | per second | p50 ms | p99 ms |',
  '| --- | ---: | ---: | ---: | ---: |',
  `| bare single-row D1 insert (baseline) | ${ENDORSERS} | ${f(report.baseline.rps)} | ${f(report.baseline.p50)} | ${f(report.baseline.p99)} |`,
  `| endorse (session, rate limits, burst check, insert, exact count) | ${report.endorse.requests} | ${f(report.endorse.rps)} | ${f(report.endorse.p50)} | ${f(report.endorse.p99)} |`,
].join('\n');
// The baseline must really insert (204 each): a refused baseline is no baseline.
const baselineOk = report.baseline.statuses[204] === ENDORSERS;
const exact = baselineOk && report.displayed === report.ok && report.ok === ENDORSERS && report.dup === report.endorse.requests - ENDORSERS;
const summary = `Ratio endorse ÷ baseline: **${report.ratio.toFixed(2)}x** (target ≥ 0.5x). Statuses: ${JSON.stringify(report.endorse.statuses)} (baseline ${JSON.stringify(report.baseline.statuses)}). Displayed count ${report.displayed} = distinct valid endorsers ${report.ok}: ${exact ? 'yes' : 'NO'}.`;
console.log(`\n${table}\n\n${summary}\n`);

const file = path.join(ROOT, 'BENCHMARKS.md');
const begin = '<!-- bench-petitions:begin -->';
const end = '<!-- bench-petitions:end -->';
const body = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)} on this repository's machine kind (2 cores shared), ${ENDORSERS.toLocaleString('en')} distinct verified endorsers plus one duplicate per ten, ${CONCURRENCY} requests in flight, \`wrangler dev\` with local D1, client on the same machine:\n\n${table}\n\n${summary}\n${end}`;
let doc = readFileSync(file, 'utf8');
doc = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), body) : `${doc.trimEnd()}\n\n## Petitions: endorsements\n\nRun \`./civic bench petitions\`.\n\n${body}\n`;
writeFileSync(file, doc);
rmSync(dir, { recursive: true, force: true });
if (!exact) process.exitCode = 1;
