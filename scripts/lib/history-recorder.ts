/**
 * What the history-recording scripts share: a throw-away Temporal dev server (the CLI the stack
 * uses, on ports the OS hands out), a worker on the real workflow bundle with do-nothing
 * activities (a history records what the workflow asked for, not what the edge did), and writing
 * a finished or parked history as JSON for the replay tests.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { freePorts } from './stack.mjs';
import { resolveTemporalCli } from './temporal-cli.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The `vN` argument of a recording script. */
export function versionArg(script: string): string {
  const version = process.argv[2];
  if (!version || !/^v\d+$/.test(version)) throw new Error(`usage: ${script} vN`);
  return version;
}

export interface Recorder {
  client: Client;
  taskQueue: string;
  /** Writes the workflow's history to `file` (indented by `indent`) and says so. */
  save(handle: WorkflowHandle, file: string, indent?: number): Promise<void>;
}

export async function recordHistories(activities: Record<string, (...args: never[]) => Promise<unknown>>, run: (r: Recorder) => Promise<void>): Promise<void> {
  const [port, httpPort, uiPort] = (await freePorts(3)) as [number, number, number];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'civic-record-'));
  const args = ['server', 'start-dev', '--headless', '--port', String(port), '--http-port', String(httpPort), '--ui-port', String(uiPort), '--ip', '127.0.0.1', '--db-filename', path.join(dataDir, 't.db'), '--log-level', 'error'];
  const server = spawn(await resolveTemporalCli(), args, { stdio: 'ignore' });
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
    const worker = await Worker.create({ connection: native, taskQueue, workflowsPath: path.join(repoRoot, 'workflows/index.ts'), activities });
    const save = async (handle: WorkflowHandle, file: string, indent = 2) => {
      const history = await handle.fetchHistory();
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, indent)}\n`);
      console.log(`recorded ${path.relative(repoRoot, file)} (${history.events?.length} events)`);
    };
    await worker.runUntil(() => run({ client, taskQueue, save }));
    await native.close();
    await connection.close();
  } finally {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
