/**
 * Benchmarks the tally command on a synthetic participatory budget: 100,000 approval ballots
 * over 100 projects (deterministic PRNG, so every run measures the same election), rule
 * equalshares/add1. Times the whole `npm run -s tally -- FILE --rule RULE` process (npm, Node
 * start-up, parse and tally) and, where /usr/bin/time exists, its CPU time (on a shared, loaded
 * machine the wall time mostly measures the wait for a core).
 *
 *   node scripts/bench-tally.mjs [--voters N] [--projects P] [--runs R] [--rule RULE] [--threads 1|2|auto] [--keep]
 *
 * The election is shaped like a large city district: costs log-uniform between 20k and 1.5M,
 * a budget of about a third of the total asked, skewed project popularity (weight u^2.5 + 0.02,
 * u uniform: the favourite projects get about 11 % of the voters, the tail under 1 %), five
 * interest clusters (a voter weighs the projects of their favourite one 4×), and 1 + a
 * geometric number of approvals (continue with probability 0.7), capped at 15: mean 3.3, 30 %
 * approve one project. About 48 % of the ballots are distinct (Pabulib's samples: 11–80 %).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    voters: { type: 'string', default: '100000' },
    projects: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    rule: { type: 'string', default: 'equalshares/add1' },
    threads: { type: 'string', default: 'auto' },
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

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpuFile = path.join(dir, 'cpu.txt');
const walls = [];
const cpus = [];
let selected = '';
for (let i = 0; i < runs; i++) {
  const args = ['run', '-s', 'tally', '--', file, '--rule', values.rule, '--threads', values.threads];
  const start = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%U %S', '-o', cpuFile, 'npm', ...args], { cwd: root, encoding: 'utf8' })
    : spawnSync('npm', args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  selected = r.stdout.trim().split('\n').join(',');
  walls.push(ms);
  let cpu = '';
  if (timeBin) {
    const [user, sys] = readFileSync(cpuFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpus.push((user + sys) * 1000);
    cpu = `, CPU ${((user + sys) * 1000).toFixed(0)} ms (user ${(user * 1000).toFixed(0)} + sys ${(sys * 1000).toFixed(0)})`;
  }
  process.stdout.write(`run ${i + 1}: wall ${ms.toFixed(0)} ms${cpu}\n`);
}
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0].toFixed(0)} ms, median ${s[Math.floor(s.length / 2)].toFixed(0)} ms`;
};
process.stdout.write(`selected (${selected.split(',').length}): ${selected}\n`);
process.stdout.write(`${values.rule}, --threads ${values.threads}, whole "npm run -s tally" process (npm + Node start-up + parse + tally) over ${runs} runs:\n`);
process.stdout.write(`  wall ${summary(walls)}\n`);
if (cpus.length) process.stdout.write(`  CPU  ${summary(cpus)}\n`);
if (existsSync('/proc/loadavg')) {
  const [load1] = readFileSync('/proc/loadavg', 'utf8').split(' ');
  process.stdout.write(`  (1-minute load average at the end: ${load1})\n`);
}
if (!values.keep) rmSync(dir, { recursive: true, force: true });
