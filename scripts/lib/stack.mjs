/**
 * Starts the whole product on loopback: Temporal dev server (file database), D1 migrated and
 * seeded, `wrangler dev` serving API + UI, and the Temporal worker process. Used by
 * `./civic start` and by the integration/browser test setup (with other ports and data dirs).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT } from './paths.mjs';
import { prepareLocalD1, startEdge } from './edge.mjs';
import { assertPortsFree, startService, waitFor } from './proc.mjs';

export { freePorts } from './proc.mjs';
import { resolveTemporalCli } from './temporal-cli.mjs';

export const DEV_PORTS = { temporal: 7233, temporalHttp: 7243, temporalUi: 8233, edge: 8787, edgeInspector: 9787 };

/**
 * @param {object} o
 * @param {{temporal:number, temporalHttp:number, temporalUi:number, edge:number, edgeInspector:number}} o.ports
 * @param {string} o.dataDir  folder for the Temporal database and local D1 state
 * @param {string} o.internalSecret
 * @param {boolean} [o.demoCases]  also seed the demo cases, consultation and budgeting rounds (`./civic start`)
 * @param {boolean} [o.echo]  print the services' output
 * @param {number} [o.cronIntervalMs]  how often the local stand-in for the cron trigger drains the outbox
 * @param {(msg: string) => void} [o.log]
 * @param {string[]} [o.extraSeeds]  more SQL files to run after the seed data (benchmarks)
 * @param {string} [o.edgeTemporalHttpUrl]  where the edge reaches Temporal's HTTP API, if not directly (a benchmark's counting proxy)
 */
export async function startStack(o) {
  const log = o.log ?? ((m) => console.log(m));
  const { ports } = o;
  await assertPortsFree(Object.values(ports));
  mkdirSync(o.dataDir, { recursive: true });
  const d1Dir = path.join(o.dataDir, 'wrangler');
  const temporalDb = path.join(o.dataDir, 'temporal.db');
  const temporalCli = await resolveTemporalCli(log);
  const edgeUrl = `http://127.0.0.1:${ports.edge}`;
  const temporalHttpUrl = `http://127.0.0.1:${ports.temporalHttp}`;
  const services = [];
  let cronTimer;

  const temporalArgs = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(ports.temporal),
    '--http-port', String(ports.temporalHttp),
    '--ui-port', String(ports.temporalUi),
    '--db-filename', temporalDb,
    // Write-ahead log, fsync at checkpoints: survives a killed server (the outage tests restart
    // it on the same file) and halves the time of a workflow start under load (issue 11).
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    '--log-level', 'warn',
  ];
  let temporal;
  async function startTemporal() {
    temporal = startService('temporal', temporalCli, temporalArgs, { echo: o.echo });
    await waitFor(
      'the Temporal dev server',
      async () => (await fetch(`${temporalHttpUrl}/api/v1/namespaces/default`, { signal: AbortSignal.timeout(2000) })).ok,
      { service: temporal, timeoutMs: 60_000 },
    );
  }

  let worker;
  async function startWorker() {
    worker = startService('worker', path.join(BIN, 'tsx'), ['workflows/worker.ts'], {
      cwd: ROOT,
      echo: o.echo,
      env: {
        TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: 'cases',
        EDGE_URL: edgeUrl,
        INTERNAL_SECRET: o.internalSecret,
        // One local workerd answers every projection. Projection activities share a few requests
        // (PROJECTION_REQUESTS_IN_FLIGHT from the environment, default 4) instead of one each, so more may run
        // at once without pushing requests past their timeout (issue 11, BENCHMARKS.md).
        TEMPORAL_MAX_CONCURRENT_ACTIVITIES: process.env.TEMPORAL_MAX_CONCURRENT_ACTIVITIES ?? '64',
        CIVIC_PARENT_PID: String(process.pid),
      },
    });
    services.push(worker);
    await waitFor('the Temporal worker', async () => worker.lines.some((l) => l.includes('polling task queue')), {
      service: worker,
      timeoutMs: 120_000,
    });
  }
  async function stopWorker() {
    const w = worker;
    services.splice(services.indexOf(w), 1);
    await w.stop();
  }

  const stop = async () => {
    clearInterval(cronTimer);
    for (const s of [...services].reverse()) await s.stop();
    await temporal?.stop();
  };

  try {
    log(`Starting Temporal dev server (gRPC ${ports.temporal}, HTTP ${ports.temporalHttp}, UI ${ports.temporalUi}) ...`);
    await startTemporal();

    log('Applying D1 migrations and seed data ...');
    await prepareLocalD1(d1Dir, [
      'seeds/demo.sql',
      'seeds/demo-catalogue.sql',
      'seeds/demo-petitions.sql',
      'seeds/demo-consultations.sql',
      'seeds/demo-budgets.sql',
      ...(o.demoCases ? ['seeds/demo-cases.sql', 'seeds/demo-consultation-data.sql', 'seeds/demo-budget-rounds.sql'] : []),
      ...(o.extraSeeds ?? []),
    ]);

    log(`Starting wrangler dev on ${edgeUrl} ...`);
    services.push(
      await startEdge({
        port: ports.edge,
        inspectorPort: ports.edgeInspector,
        persistTo: d1Dir,
        testScheduled: true,
        echo: o.echo,
        vars: {
          INTERNAL_SECRET: o.internalSecret,
          TEMPORAL_HTTP_URL: o.edgeTemporalHttpUrl ?? temporalHttpUrl,
          PUBLIC_BASE_URL: edgeUrl,
          // Mails land in the development mailbox (/dev/mailbox) instead of being sent.
          EMAIL_DELIVERY: 'capture',
        },
      }),
    );

    log('Starting the Temporal worker process ...');
    await startWorker();

    // Production runs the outbox drain from the cron trigger; locally we poke the same handler.
    const drain = () =>
      fetch(`${edgeUrl}/__scheduled?cron=*+*+*+*+*`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    await drain();
    cronTimer = setInterval(drain, o.cronIntervalMs ?? 5_000);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    edgeUrl,
    temporalHttpUrl,
    temporalAddress: `127.0.0.1:${ports.temporal}`,
    temporalUiUrl: `http://127.0.0.1:${ports.temporalUi}`,
    services: () => [temporal, ...services],
    /** Stops only the Temporal server (its database file stays), for outage tests. */
    stopTemporal: () => temporal.stop(),
    startTemporal,
    /** Stops and restarts only the Temporal worker process, for tests that serve its task queue themselves. */
    stopWorker,
    startWorker,
    stop,
  };
}
