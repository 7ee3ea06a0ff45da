/**
 * `./civic bench auth`: does the time of a registration's answer tell whether the address has an
 * account? Registers, one request at a time and interleaved, new addresses, addresses with an
 * account and accounts filed for at a counter (no password), each from its own network, on
 * `wrangler dev` with local D1, and compares p50/p90 of the three. Rewrites the auth section of
 * BENCHMARKS.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prepareLocalD1, startEdge } from './lib/edge.mjs';
import { ROOT } from './lib/paths.mjs';

const N = Number(process.env.BENCH_REGISTRATIONS ?? 150);
const PORT = 18892;
const dir = path.join(os.tmpdir(), 'civic-bench-auth');
const edge = `http://127.0.0.1:${PORT}`;
// Any well-formed stored hash will do: registration never verifies it.
const HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function seedSql() {
  const rows = [];
  for (let i = 0; i < N; i++) {
    rows.push(`('bx-${i}', 'existing-${i}@bench.tw', '${HASH}', 'bench ${i}', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z')`);
    rows.push(`('ba-${i}', 'assisted-${i}@bench.tw', 'none', 'bench ${i}', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z')`);
  }
  return `INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at) VALUES ${rows.join(',\n')};`;
}

function quantiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: q(0.5), p90: q(0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const state = path.join(dir, 'state');
writeFileSync(path.join(dir, 'seed.sql'), seedSql());
console.log(`Seeding ${N} accounts with and ${N} without a password into a local D1 under ${dir} ...`);
await prepareLocalD1(state, ['seeds/demo.sql', path.join(dir, 'seed.sql')]);
mkdirSync(path.join(ROOT, 'dist', 'web'), { recursive: true });
const server = await startEdge({
  port: PORT,
  persistTo: state,
  vars: { INTERNAL_SECRET: 'bench', TEMPORAL_HTTP_URL: 'http://127.0.0.1:9', EMAIL_DELIVERY: 'capture' },
});

const kinds = { new: (i) => `new-${i}@bench.tw`, existing: (i) => `existing-${i}@bench.tw`, assisted: (i) => `assisted-${i}@bench.tw` };
const times = { new: [], existing: [], assisted: [] };
const bodies = new Set();
let ip = 0;
const register = async (email) => {
  ip++;
  const start = performance.now();
  const res = await fetch(`${edge}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: edge, 'cf-connecting-ip': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` },
    body: JSON.stringify({ email, password: 'bench-password-2026', displayName: '基準' }),
  });
  const text = await res.text();
  const ms = performance.now() - start;
  bodies.add(`${res.status} ${text}`);
  return ms;
};

let report;
try {
  // Warm-up (compilation, SQLite page cache) with addresses outside the measured sets.
  for (let i = 0; i < 10; i++) await register(`warm-${i}@bench.tw`);
  const order = ['new', 'existing', 'assisted'];
  for (let i = 0; i < N; i++) {
    // Rotated so that no kind always follows the same one.
    for (let k = 0; k < 3; k++) {
      const kind = order[(i + k) % 3];
      times[kind].push(await register(kinds[kind](i)));
    }
  }
  report = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, quantiles(v)]));
} finally {
  await server.stop();
}

const f = (n) => n.toFixed(1);
const label = { new: 'new address (pending account, link, e-mail)', existing: 'address with an account (note e-mail)', assisted: 'filed for at a counter (claim link, e-mail)' };
const table = [
  '| address | requests | p50 ms | p90 ms | mean ms |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...Object.entries(report).map(([k, r]) => `| ${label[k]} | ${N} | ${f(r.p50)} | ${f(r.p90)} | ${f(r.mean)} |`),
].join('\n');
const p50s = Object.values(report).map((r) => r.p50);
const spread = Math.max(...p50s) - Math.min(...p50s);
const summary = `Answers seen: ${[...bodies].map((b) => `\`${b}\``).join(', ')} (one kind means identical status and body). Spread of the p50s: **${f(spread)} ms**.`;
console.log(`\n${table}\n\n${summary}\n`);

const file = path.join(ROOT, 'BENCHMARKS.md');
const begin = '<!-- bench-auth:begin -->';
const end = '<!-- bench-auth:end -->';
const body = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)} on this repository's machine kind (2 cores shared with other work; \`uptime\` load ${os.loadavg()[0].toFixed(1)} at the end), ${N} registrations of each kind, one at a time, interleaved, each from its own network, \`wrangler dev\` with local D1, client on the same machine:\n\n${table}\n\n${summary}\n${end}`;
let doc = readFileSync(file, 'utf8');
doc = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*${end}`), body) : `${doc.trimEnd()}\n\n## Accounts: registration timing\n\nRun \`./civic bench auth\`.\n\n${body}\n`;
writeFileSync(file, doc);
rmSync(dir, { recursive: true, force: true });
if (bodies.size !== 1) process.exitCode = 1;
