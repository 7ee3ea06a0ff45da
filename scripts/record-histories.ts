/**
 * Records case workflow histories from the current code into tests/cases/fixtures/histories/,
 * so that tests/cases/replay.int.test.ts proves later changes keep them replaying. Run it before
 * changing the workflow in a way that could alter running cases, with a version prefix:
 *   node_modules/.bin/tsx scripts/record-histories.ts v2
 * It starts its own Temporal dev server (the CLI the stack uses) on ports the OS hands out.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePorts } from './lib/stack.mjs';
import { resolveTemporalCli } from './lib/temporal-cli.mjs';
import { caseWorkflow } from '../workflows/case/workflow';
import { scenarios } from './record-scenarios';

const version = process.argv[2];
if (!version || !/^v\d+$/.test(version)) throw new Error('usage: record-histories.ts vN');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'tests/cases/fixtures/histories');

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
    activities: { async projectCaseEvent() {}, async projectCaseEvents() {} },
  });
  await worker.runUntil(async () => {
    for (const s of scenarios) {
      const handle = await client.workflow.start(caseWorkflow, { args: [s.input], taskQueue, workflowId: `case-${s.input.caseId}` });
      await s.drive(handle);
      const history = await handle.fetchHistory();
      const file = path.join(outDir, `case-${version}-${s.name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
      console.log(`recorded ${path.relative(root, file)} (${history.events?.length} events)`);
    }
  });
  await native.close();
  await connection.close();
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
