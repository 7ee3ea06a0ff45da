/**
 * `./civic test`: every check and test suite, in order, failing on the first broken step.
 * Installs what the suites need (Temporal CLI, Chromium) and refuses skipped tests.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';
import { resolveTemporalCli } from './lib/temporal-cli.mjs';
import { ensureChromium } from './lib/chromium.mjs';

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const resultsDir = path.join(ROOT, 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0 };
const timings = [];

async function step(name, fn) {
  const t0 = Date.now();
  process.stdout.write(`\n━━ ${name}\n`);
  await fn();
  timings.push([name, Date.now() - t0]);
}

const bin = (tool) => path.join(BIN, tool);

async function vitest(suite, config) {
  const report = path.join(resultsDir, `${suite}.json`);
  let failedRun;
  try {
    await run(bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
      cwd: ROOT,
      inherit: true,
    });
  } catch (e) {
    failedRun = e;
  }
  if (!existsSync(report)) throw failedRun ?? new Error(`${suite}: vitest wrote no report`);
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (skipped > 0) throw new Error(`${suite}: ${skipped} skipped/todo test(s); skipped tests are not allowed.`);
  if (r.numTotalTests === 0) throw new Error(`${suite}: no tests ran.`);
  if (failedRun || !r.success) throw failedRun ?? new Error(`${suite}: failures`);
}

const steps = {
  typecheck: async () => {
    await run(bin('wrangler'), ['types', '--strict-vars=false', 'worker/worker-configuration.d.ts'], { cwd: ROOT });
    for (const p of ['tsconfig.json', 'workflows/tsconfig.json', 'web-components/tsconfig.json']) {
      await run(bin('tsc'), ['--noEmit', '-p', p], { cwd: ROOT, inherit: true });
    }
  },
  lint: () => run(bin('eslint'), ['--max-warnings=0', '.'], { cwd: ROOT, inherit: true }),
  build: () => run(bin('vite'), ['build', '--config', 'web-components/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, inherit: true }),
  unit: () => vitest('unit', 'tests/support/vitest.unit.config.ts'),
  api: () => vitest('api', 'tests/support/vitest.api.config.ts'),
  integration: async () => {
    await resolveTemporalCli((m) => console.log(m));
    await ensureChromium((m) => console.log(m));
    await vitest('integration', 'tests/support/vitest.integration.config.ts');
  },
};

const started = Date.now();
let error;
try {
  for (const [name, fn] of Object.entries(steps)) {
    if (only.length && !only.includes(name)) continue;
    await step(name, fn);
  }
} catch (e) {
  error = e;
}

console.log('\n━━ summary');
for (const [name, ms] of timings) console.log(`  ${name.padEnd(12)} ${(ms / 1000).toFixed(1)} s`);
console.log(`  total        ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (error) console.error(`\nFAILED: ${error.message}`);
console.log(`\nTests: ${totals.passed} passed, ${totals.failed + (error && totals.failed === 0 ? 1 : 0)} failed`);
process.exit(error ? 1 : 0);
