import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePorts, startStack } from '../../scripts/lib/stack.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    edgeUrl: string;
    temporalAddress: string;
    temporalHttpUrl: string;
    internalSecret: string;
    controlUrl: string;
  }
}


export default async function setup(project: TestProject) {
  const dataDir = path.join(project.config.root, '.data', 'test');
  rmSync(dataDir, { recursive: true, force: true });
  const internalSecret = randomBytes(24).toString('hex');
  // Ports the OS hands out: two runs (or a run beside `./civic start`) on one machine never collide.
  const [temporal, temporalHttp, temporalUi, edge, edgeInspector] = (await freePorts(5)) as [number, number, number, number, number];
  const stack = await startStack({
    ports: { temporal, temporalHttp, temporalUi, edge, edgeInspector },
    dataDir,
    internalSecret,
    demoCases: false,
    cronIntervalMs: 1_000,
    echo: process.env.CIVIC_STACK_ECHO === '1',
    log: (m: string) => console.log(`[stack] ${m}`),
  });

  // Test files run in other processes: they stop/start Temporal or the worker process through this loopback endpoint.
  const control = http.createServer((req, res) => {
    const actions: Record<string, () => Promise<void>> = {
      '/temporal/stop': stack.stopTemporal,
      '/temporal/start': stack.startTemporal,
      '/worker/stop': stack.stopWorker,
      '/worker/start': stack.startWorker,
    };
    const action = req.url ? actions[req.url] : undefined;
    if (!action || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    action().then(
      () => res.writeHead(204).end(),
      (e: Error) => res.writeHead(500).end(e.message),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const { port } = control.address() as { port: number };

  project.provide('edgeUrl', stack.edgeUrl);
  project.provide('temporalAddress', stack.temporalAddress);
  project.provide('temporalHttpUrl', stack.temporalHttpUrl);
  project.provide('internalSecret', internalSecret);
  project.provide('controlUrl', `http://127.0.0.1:${port}`);

  return async () => {
    control.close();
    await stack.stop();
  };
}
