/**
 * Benchmarks the tally CLI on a synthetic participatory budget: 100,000 approval ballots over
 * 100 projects (deterministic PRNG, so every run measures the same election), rule
 * equalshares/add1. Reports the wall time of the whole CLI process (start-up, parse and tally).
 *
 *   node scripts/bench-tally.mjs [--voters N] [--projects P] [--runs R] [--rule RULE] [--keep]
 *
 * The election is shaped like a large city district: costs log-uniform between 20k and 1.5M,
 * a budget of about a third of the total asked, skewed project popularity, five interest
 * clusters (a voter favours one), and 1 to 15 approvals per ballot (mean about 4).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    voters: { type: 'string', default: '100000' },
    projects: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    rule: { type: 'string', default: 'equalshares/add1' },
    keep: { type: 'boolean', default: false },
  },
});
const voters = Number(values.voters);
const projects = Number(values.projects);
const runs = Number(values.runs);

/** mulberry32: tiny, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate() {
  const rand = prng(20240610);
  const clusters = 5;
  const costs = [];
  const popularity = [];
  const clusterOf = [];
  for (let j = 0; j < projects; j++) {
    const cost = Math.exp(Math.log(20_000) + rand() * (Math.log(1_500_000) - Math.log(20_000)));
    costs.push(Math.round(cost / 1000) * 1000);
    // Skewed popularity: a few favourites, a long tail.
    popularity.push(Math.pow(rand(), 2.5) + 0.02);
    clusterOf.push(j % clusters);
  }
  const totalCost = costs.reduce((a, b) => a + b, 0);
  const budget = Math.round(totalCost / 3 / 100_000) * 100_000;

  const lines = [
    'META',
    'key;value',
    'description;Synthetic benchmark election',
    'country;Nowhere',
    'unit;Benchmark',
    'instance;1',
    `num_projects;${projects}`,
    `num_votes;${voters}`,
    `budget;${budget}`,
    'vote_type;approval',
    'rule;equalshares/add1',
    'min_length;1',
    'max_length;15',
    'PROJECTS',
    'project_id;cost;name',
  ];
  for (let j = 0; j < projects; j++) lines.push(`${j + 1};${costs[j]};Project ${j + 1}`);
  lines.push('VOTES', 'voter_id;vote');
  const weights = new Float64Array(projects);
  for (let v = 0; v < voters; v++) {
    const favourite = Math.floor(rand() * clusters);
    let total = 0;
    for (let j = 0; j < projects; j++) {
      weights[j] = popularity[j] * (clusterOf[j] === favourite ? 4 : 1);
      total += weights[j];
    }
    // 1 + geometric(0.3), capped at 15: mean about 4 approvals.
    let size = 1;
    while (size < 15 && rand() > 0.3) size++;
    const chosen = [];
    for (let k = 0; k < size; k++) {
      let r = rand() * total;
      let j = 0;
      while (j < projects - 1 && r >= weights[j]) r -= weights[j++];
      chosen.push(j + 1);
      total -= weights[j];
      weights[j] = 0;
    }
    lines.push(`${v + 1};${chosen.join(',')}`);
  }
  return { text: lines.join('\n') + '\n', budget, totalCost };
}

const t0 = performance.now();
const { text, budget, totalCost } = generate();
const dir = mkdtempSync(path.join(tmpdir(), 'bench-tally-'));
const file = path.join(dir, 'synthetic.pb');
writeFileSync(file, text);
const genMs = performance.now() - t0;
process.stdout.write(
  `Synthetic election: ${voters} approval ballots, ${projects} projects, budget ${budget} (projects ask ${totalCost}); ` +
    `${(text.length / 1e6).toFixed(1)} MB, generated in ${genMs.toFixed(0)} ms\n${file}\n`,
);

const tsx = path.join(root, 'node_modules/.bin/tsx');
const times = [];
let selected = '';
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const r = spawnSync(tsx, ['scripts/tally.ts', file, '--rule', values.rule], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  selected = r.stdout.trim().split('\n').join(',');
  times.push(ms);
  process.stdout.write(`run ${i + 1}: ${ms.toFixed(0)} ms\n`);
}
times.sort((a, b) => a - b);
process.stdout.write(`selected (${selected.split(',').length}): ${selected}\n`);
process.stdout.write(
  `${values.rule}: wall time of the CLI process (tsx start-up + parse + tally), min ${times[0].toFixed(0)} ms, ` +
    `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} runs\n`,
);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
