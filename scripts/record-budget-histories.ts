/**
 * Records budget round workflow histories from the current code into
 * tests/budgets/fixtures/histories/, so that tests/budgets/replay.int.test.ts proves later changes
 * keep them replaying (running rounds survive a deploy). Run it before changing the workflow in a
 * way that could alter running rounds, with a version prefix:
 *   node_modules/.bin/tsx scripts/record-budget-histories.ts v2
 * It starts its own Temporal dev server on ports the OS hands out; the activities do nothing
 * (a history records what the workflow asked for, not what the edge did).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePorts } from './lib/stack.mjs';
import { resolveTemporalCli } from './lib/temporal-cli.mjs';

const version = process.argv[2];
if (!version || !/^v\d+$/.test(version)) throw new Error('usage: record-budget-histories.ts vN');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'tests/budgets/fixtures/histories');
const at = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
const noop = async () => {};

/** Each scenario's workflow runs until `until` says the history is worth keeping (finished, or parked in a phase). */
const scenarios: { name: string; schedule: () => Record<'proposals' | 'review' | 'voting' | 'results', string>; until: (h: WorkflowHandle) => Promise<void> }[] = [
  {
    name: 'tallied-to-implementation',
    schedule: () => ({ proposals: at(2), review: at(3), voting: at(4), results: at(5) }),
    until: async (h) => void (await h.result()),
  },
  {
    // Still voting when recorded: the state of rounds that are open when a new version deploys.
    name: 'parked-in-voting',
    schedule: () => ({ proposals: at(1), review: at(2), voting: at(3600), results: at(7200) }),
    until: async (h) => {
      for (;;) {
        const s = await h.query<{ phase: string }>('roundStatus');
        if (s.phase === 'voting') return;
        await new Promise((r) => setTimeout(r, 300));
      }
    },
  },
];

const [port, httpPort, uiPort] = (await freePorts(3)) as [number, number, number];
const dataDir = mkdtempSync(path.join(tmpdir(), 'civic-record-'));
const server = spawn(await resolveTemporalCli(), ['server', 'start-dev', '--headless', '--port', String(port), '--http-port', String(httpPort), '--ui-port', String(uiPort), '--ip', '127.0.0.1', '--db-filename', path.join(dataDir, 't.db'), '--log-level', 'error'], { stdio: 'ignore' });
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = `127.0.0.1:${port}`;
  let connection: Connection | undefined;
  for (let i = 0; i < 100 && !connection; i++) {
    connection = await Connection.connect({ address, connectTimeout: 500 }).catch(async () => {
      await new Promise((r) => setTimeout(r, 300));
      return undefined;
    });
  }
  if (!connection) throw new Error('Temporal dev server did not start');
  const client = new Client({ connection });
  const native = await NativeConnection.connect({ address });
  const taskQueue = 'rec';
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: path.join(root, 'workflows/index.ts'),
    activities: { projectBudgetRoundEvent: noop, tallyBudgetRound: noop, countBudgetRound: noop },
  });
  mkdirSync(outDir, { recursive: true });
  await worker.runUntil(async () => {
    for (const s of scenarios) {
      const roundId = `R-REC${version.toUpperCase()}${scenarios.indexOf(s)}`;
      const handle = await client.workflow.start('budgetRoundWorkflow', { args: [{ roundId, schedule: s.schedule() }], taskQueue, workflowId: `budget-round-${roundId}` });
      await s.until(handle);
      const history = await handle.fetchHistory();
      const file = path.join(outDir, `budget-round-${version}-${s.name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
      console.log(`recorded ${path.relative(root, file)} (${history.events?.length} events)`);
      if (s.name === 'parked-in-voting') await handle.terminate('recorded');
    }
  });
  await native.close();
  await connection.close();
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
