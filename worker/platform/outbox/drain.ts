/**
 * Drains the outbox: every submission commits to D1 first, then its workflow is started from
 * here. Called right after a submission (waitUntil) and by the cron trigger, so a Temporal
 * outage delays workflows but loses none.
 */
import { type OutboxItem, listDue, markDone, markFailed } from './db';
import type { Bindings } from '../env';
import { TemporalRejectedError, type TemporalHttp, temporalHttp } from '../temporal';
import { outboxStarter } from './kinds';

const MAX_ATTEMPTS = 50;

/** 5 s, 10 s, 20 s ... capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.min(attempts, 10), 300_000);
}

/** Payload of a `signal_workflow` row: any leg can signal a running workflow through the outbox. */
export interface SignalPayload {
  workflowId: string;
  signalName: string;
  input: unknown[];
}

async function dispatch(env: Bindings, temporal: TemporalHttp, item: OutboxItem): Promise<void> {
  if (item.kind === 'signal_workflow') {
    const p = item.payload as SignalPayload;
    await temporal.signalWorkflow({ ...p, requestId: `outbox-${item.id}` });
    return;
  }
  const starter = outboxStarter(item.kind);
  // An unregistered kind is a deployment fault, not bad data: keep the row and retry it later.
  if (!starter) throw new Error(`no starter registered for outbox kind ${item.kind}`);
  const start = starter(env, item.payload);
  await temporal.startWorkflow({ ...start, taskQueue: env.TEMPORAL_TASK_QUEUE, requestId: `outbox-${item.id}` });
}

export interface DrainResult {
  done: number;
  failed: number;
}

export async function drainOutbox(env: Bindings, opts: { limit?: number; now?: Date } = {}): Promise<DrainResult> {
  const now = opts.now ?? new Date();
  const due = await listDue(env.DB, now.toISOString(), opts.limit ?? 50);
  const temporal = temporalHttp(env);
  const result: DrainResult = { done: 0, failed: 0 };
  for (const item of due) {
    try {
      await dispatch(env, temporal, item);
      await markDone(env.DB, item.id, new Date().toISOString());
      result.done++;
    } catch (e) {
      const attempts = item.attempts + 1;
      const dead = e instanceof TemporalRejectedError && attempts >= MAX_ATTEMPTS;
      await markFailed(
        env.DB,
        item.id,
        (e as Error).message,
        new Date(now.getTime() + backoffMs(item.attempts)).toISOString(),
        dead,
      );
      result.failed++;
      // Temporal is down: the rest would fail the same way; the next cron run retries them.
      if (!(e instanceof TemporalRejectedError)) break;
    }
  }
  return result;
}
