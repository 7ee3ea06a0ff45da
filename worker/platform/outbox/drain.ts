/**
 * Sends outbox rows to Temporal: every submission commits to D1 first, then its workflow is
 * started (or signalled) from here, so a Temporal outage delays workflows but loses none.
 *
 * A drain first claims its rows (db.ts: a lease with a token), so the queue consumer, the cron
 * sweep and an admin's manual drain can run at the same time and still send each row once per
 * lease; then it sends them with a bounded number of calls in flight.
 */
import type { Bindings } from '../env';
import { TemporalRejectedError, TemporalUnavailableError, type TemporalHttp, temporalHttp } from '../temporal';
import { type Lease, type OutboxItem, type OutboxRef, type Settlement, claimDue, claimRefs, settle } from './db';
import { isSignal, outboxStarter } from './kinds';

const MAX_ATTEMPTS = 50;
/** Calls to Temporal in flight per drain: enough to hide the round trip, few enough for one Worker. */
export const DEFAULT_CONCURRENCY = 16;
/** Longer than a claimed batch can take (each call times out after 10 s). */
export const DEFAULT_LEASE_MS = 120_000;
const BATCH = 100;

/** 5 s, 10 s, 20 s ... capped at 5 minutes, for calls Temporal refused. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.min(attempts, 10), 300_000);
}

/**
 * While Temporal is unreachable a row waits at most 30 s: only the few rows in flight when the
 * outage is noticed are tried, so short retries cost nothing and recovery is not delayed by a
 * back-off that grew during a long outage.
 */
export function unavailableRetryMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.min(attempts, 10), 30_000);
}

class UnregisteredKindError extends Error {}

const GRPC_NOT_FOUND = 5;

async function dispatch(env: Bindings, temporal: TemporalHttp, item: OutboxItem): Promise<void> {
  const starter = outboxStarter(item.kind);
  // An unregistered kind is a deployment fault, not bad data: keep the row and retry it later.
  if (!starter) throw new UnregisteredKindError(`no starter registered for outbox kind ${item.kind}`);
  const action = starter(env, item.payload);
  const requestId = `outbox-${item.id}`;
  if (isSignal(action)) {
    try {
      await temporal.signalWorkflow({ ...action, requestId });
    } catch (e) {
      // The workflow has ended since the row was written: nothing is left to tell.
      if (e instanceof TemporalRejectedError && e.code === GRPC_NOT_FOUND) return;
      throw e;
    }
  } else {
    await temporal.startWorkflow({ ...action, taskQueue: env.TEMPORAL_TASK_QUEUE, requestId });
  }
}

export interface DrainOptions {
  /** The clock; tests move it to let leases expire. */
  now?: () => Date;
  concurrency?: number;
  leaseMs?: number;
  /** Tests count and delay calls through their own client. */
  temporal?: TemporalHttp;
  /** When rows that were never sent come back (the queue consumer retries them itself after this). */
  releaseAfterMs?: number;
}

export interface DrainResult {
  claimed: number;
  done: number;
  failed: number;
  /** Claimed but not sent because Temporal turned out to be unreachable. */
  released: number;
  unavailable: boolean;
}

export function newLease(now: Date, leaseMs: number, prefix = 'drain'): Lease {
  return {
    token: `${prefix}-${crypto.randomUUID()}`,
    now: now.toISOString(),
    until: new Date(now.getTime() + leaseMs).toISOString(),
  };
}

/**
 * Sends claimed rows with at most `concurrency` calls in flight. Once a call finds Temporal
 * unreachable no new call starts: the rest are released for later, not hammered.
 */
export async function sendClaimed(env: Bindings, items: OutboxItem[], lease: Lease, opts: DrainOptions = {}): Promise<DrainResult> {
  const clock = opts.now ?? (() => new Date());
  const temporal = opts.temporal ?? temporalHttp(env);
  const settlements: Settlement[] = [];
  const result: DrainResult = { claimed: items.length, done: 0, failed: 0, released: 0, unavailable: false };
  let next = 0;

  async function lane(): Promise<void> {
    while (next < items.length && !result.unavailable) {
      const item = items[next++]!;
      try {
        await dispatch(env, temporal, item);
        settlements.push({ id: item.id, outcome: 'done' });
        result.done++;
      } catch (e) {
        const attempts = item.attempts + 1;
        const unavailable = e instanceof TemporalUnavailableError;
        if (unavailable) result.unavailable = true;
        const wait = unavailable ? unavailableRetryMs(item.attempts) : backoffMs(item.attempts);
        settlements.push({
          id: item.id,
          outcome: 'failed',
          error: (e as Error).message,
          retryAt: new Date(clock().getTime() + wait).toISOString(),
          dead: !unavailable && !(e instanceof UnregisteredKindError) && attempts >= MAX_ATTEMPTS,
        });
        result.failed++;
      }
    }
  }

  const lanes = Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  const retryAt = new Date(clock().getTime() + (opts.releaseAfterMs ?? 0)).toISOString();
  for (const item of items.slice(next)) settlements.push({ id: item.id, outcome: 'released', retryAt });
  result.released = items.length - next;
  await settle(env.DB, lease.token, clock().toISOString(), settlements);
  return result;
}

/** Claims up to `limit` due rows, oldest first, and sends them. */
export async function drainDue(env: Bindings, limit: number = BATCH, opts: DrainOptions = {}): Promise<DrainResult> {
  const lease = newLease((opts.now ?? (() => new Date()))(), opts.leaseMs ?? DEFAULT_LEASE_MS);
  const items = await claimDue(env.DB, lease, limit);
  return sendClaimed(env, items, lease, opts);
}

/** Claims the named rows (those still pending and not leased by someone else) and sends them. */
export async function drainRefs(env: Bindings, refs: OutboxRef[], opts: DrainOptions = {}): Promise<DrainResult> {
  const lease = newLease((opts.now ?? (() => new Date()))(), opts.leaseMs ?? DEFAULT_LEASE_MS);
  const items = await claimRefs(env.DB, lease, refs);
  return sendClaimed(env, items, lease, opts);
}

export const addResults = (a: DrainResult, b: DrainResult): DrainResult => ({
  claimed: a.claimed + b.claimed,
  done: a.done + b.done,
  failed: a.failed + b.failed,
  released: a.released + b.released,
  unavailable: a.unavailable || b.unavailable,
});

