/**
 * A Temporal worker on the real workflow bundle, against the integration stack's dev server, for
 * workflow tests that answer the activities themselves (a projection recorded in memory instead
 * of the edge). Each test file passes its own task queue, so files never take each other's tasks.
 */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { inject } from 'vitest';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface TestWorker {
  client: Client;
  stop(): Promise<void>;
}

/** `taskQueue`: the file's own queue (e.g. `test-petition-<uuid>`). */
export async function startTestWorker(activities: object, taskQueue: string): Promise<TestWorker> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({ connection: nativeConnection, taskQueue, workflowsPath, activities });
  const running = worker.run();
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return {
    client: new Client({ connection }),
    async stop() {
      worker.shutdown();
      await running;
      await nativeConnection.close();
      await connection.close();
    },
  };
}
