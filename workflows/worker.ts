/**
 * The Temporal worker process: runs every process's workflows and activities.
 * Configuration comes from the environment so the same code runs locally, in CI and in a container.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { createAllActivities } from './activities';
import { TASK_QUEUE_DEFAULT } from './shared/edge-api';

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`Set ${name} in the environment.`);
  return v;
}

export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  edgeUrl: string;
  internalSecret: string;
  apiKey?: string;
  /**
   * Activities in flight at once. Each is an HTTP call to the edge; more calls than the edge
   * answers within the call's 10 s timeout are retried, and those retries are pure extra load
   * (issue 11). Unset: the SDK's default (100).
   */
  maxConcurrentActivities?: number;
  /**
   * Case projection requests in flight at once; the projection activities running meanwhile wait
   * and go together in the next request (group commit, issue 11). Unset: 4.
   */
  projectionRequestsInFlight?: number;
  /** Threads running workflow tasks (SDK default 1 with a reused V8 context). */
  workflowThreads?: number;
  /** Share of workflow task polls on the shared (non-sticky) queue, where new workflows' first tasks wait (SDK default 0.2). */
  nonStickyPollRatio?: number;
  /**
   * How long a workflow task waits for this worker's sticky queue before any worker may take it
   * (SDK default 10 s). A task that moves is replayed from the whole history, which under a burst
   * of deadlines costs more CPU than waiting did (issue 11, BENCHMARKS.md).
   */
  stickyTimeoutSeconds?: number;
  /** Rows per page when a round's count reads its ballots from the edge (default 1,000). */
  countPageSize?: number;
}

function positiveInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${v}".`);
  return n;
}

function ratio(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!(n > 0 && n <= 1)) throw new Error(`${name} must be a number in (0, 1], got "${v}".`);
  return n;
}

export function optionsFromEnv(): WorkerOptions {
  return {
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE_DEFAULT,
    edgeUrl: required('EDGE_URL'),
    internalSecret: required('INTERNAL_SECRET'),
    apiKey: process.env.TEMPORAL_API_KEY,
    maxConcurrentActivities: positiveInt('TEMPORAL_MAX_CONCURRENT_ACTIVITIES'),
    projectionRequestsInFlight: positiveInt('PROJECTION_REQUESTS_IN_FLIGHT'),
    workflowThreads: positiveInt('TEMPORAL_WORKFLOW_THREADS'),
    nonStickyPollRatio: ratio('TEMPORAL_NONSTICKY_POLL_RATIO'),
    stickyTimeoutSeconds: positiveInt('TEMPORAL_STICKY_TIMEOUT_S'),
    countPageSize: positiveInt('BUDGET_COUNT_PAGE_SIZE'),
  };
}

export async function createWorker(opts: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({
    address: opts.address,
    ...(opts.apiKey ? { apiKey: opts.apiKey, tls: true } : {}),
  });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath: fileURLToPath(new URL('./index.ts', import.meta.url)),
    activities: createAllActivities({
      edgeUrl: opts.edgeUrl,
      internalSecret: opts.internalSecret,
      ...(opts.projectionRequestsInFlight ? { projectionRequestsInFlight: opts.projectionRequestsInFlight } : {}),
      ...(opts.countPageSize ? { countPageSize: opts.countPageSize } : {}),
    }),
    ...(opts.maxConcurrentActivities ? { maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivities } : {}),
    ...(opts.workflowThreads ? { workflowThreadPoolSize: opts.workflowThreads } : {}),
    ...(opts.nonStickyPollRatio ? { nonStickyToStickyPollRatio: opts.nonStickyPollRatio } : {}),
    ...(opts.stickyTimeoutSeconds ? { stickyQueueScheduleToStartTimeout: `${opts.stickyTimeoutSeconds}s` as const } : {}),
  });
  return { worker, connection };
}

/**
 * Under `./civic start` and the tests, stop when the process that started us is gone, so that
 * no orphaned worker keeps polling (with a stale secret) after a crash of its parent.
 */
function stopWithParent(worker: Worker): void {
  const parent = Number(process.env.CIVIC_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      console.log('temporal worker: parent process gone, shutting down');
      worker.shutdown();
    }
  }, 2_000);
  timer.unref();
}

async function main(): Promise<void> {
  const opts = optionsFromEnv();
  const { worker, connection } = await createWorker(opts);
  stopWithParent(worker);
  console.log(`temporal worker: polling task queue "${opts.taskQueue}" on ${opts.address}`);
  try {
    await worker.run(); // returns after SIGINT/SIGTERM once in-flight tasks finish
  } finally {
    await connection.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
