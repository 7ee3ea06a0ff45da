/**
 * Cloudflare Queues drive the outbox: a submission publishes its row's name after the D1 commit,
 * the consumer claims and sends rows in batches, and the cron sweep stays the backstop (and
 * hands a large backlog to the queue, so recovery from an outage is spread over consumers).
 * The queue carries names only; the row in D1 stays the truth, so a lost or repeated message
 * costs at most a delay or a no-op claim.
 */
import { z } from 'zod';
import type { Bindings } from '../env';
import { type OutboxRef, claimDue, outboxKinds, settle } from './db';
import { type DrainOptions, type DrainResult, addResults, drainDue, drainRefs, newLease } from './drain';

export type OutboxMessage = OutboxRef;

export const OutboxMessageSchema = z.strictObject({
  kind: z.enum(outboxKinds),
  aggregateId: z.string().min(1).max(200),
  handoff: z.string().min(1).max(100).optional(),
});

/** Delay before the queue redelivers a batch that found Temporal unreachable. */
export const QUEUE_RETRY_SECONDS = 10;
/** A handed-off row waits this long for its message before the sweep takes it back. */
const HANDOFF_LEASE_MS = 300_000;
const SWEEP_BATCH = 100;
const SWEEP_MAX_HANDOFF_BATCHES = 100;

/**
 * After the D1 commit: tell the queue which rows to send. If the queue cannot be reached, send
 * them from here (claimed like any drain); if that fails too, the sweep will.
 */
export async function publishOutbox(env: Bindings, refs: OutboxRef[]): Promise<void> {
  // A queue batch takes at most 100 messages.
  for (let i = 0; i < refs.length; i += 100) {
    const chunk = refs.slice(i, i + 100);
    try {
      await env.OUTBOX_QUEUE.sendBatch(chunk.map((body) => ({ body, contentType: 'json' as const })));
    } catch {
      await drainRefs(env, chunk).catch(() => undefined);
    }
  }
}

/**
 * The queue consumer: claims the batch's rows in one statement and sends them in parallel. If
 * Temporal is unreachable the messages come back after a delay (and after `max_retries` the
 * sweep is the backstop); a malformed message is dropped, since nothing we send looks like it.
 */
export async function consumeOutboxBatch(batch: MessageBatch, env: Bindings, opts: DrainOptions = {}): Promise<DrainResult> {
  const refs: OutboxRef[] = [];
  for (const message of batch.messages) {
    const parsed = OutboxMessageSchema.safeParse(message.body);
    if (parsed.success) refs.push(parsed.data);
    else message.ack();
  }
  const result = await drainRefs(env, refs, { releaseAfterMs: QUEUE_RETRY_SECONDS * 1000, ...opts });
  if (result.unavailable) batch.retryAll({ delaySeconds: QUEUE_RETRY_SECONDS });
  else batch.ackAll();
  return result;
}

/**
 * The cron sweep. It first sends one batch itself, which also proves Temporal is reachable (so
 * an outage costs one batch per tick, not a flood of messages); a larger backlog is claimed
 * under a handoff lease and published to the queue, whose consumers send it in parallel.
 */
export async function sweepOutbox(env: Bindings, opts: DrainOptions = {}): Promise<DrainResult & { handedOff: number }> {
  const clock = opts.now ?? (() => new Date());
  let result = await drainDue(env, SWEEP_BATCH, opts);
  let more = result.claimed === SWEEP_BATCH && !result.unavailable;
  let handedOff = 0;
  for (let i = 0; more && i < SWEEP_MAX_HANDOFF_BATCHES; i++) {
    const lease = newLease(clock(), HANDOFF_LEASE_MS, 'handoff');
    const items = await claimDue(env.DB, lease, SWEEP_BATCH);
    more = items.length === SWEEP_BATCH;
    if (items.length === 0) break;
    try {
      await env.OUTBOX_QUEUE.sendBatch(
        items.map((it) => ({ body: { kind: it.kind, aggregateId: it.aggregateId, handoff: lease.token }, contentType: 'json' as const })),
      );
      handedOff += items.length;
    } catch {
      // The queue is unreachable: give the rows back and send the backlog from here instead.
      await settle(env.DB, lease.token, clock().toISOString(), items.map((it) => ({ id: it.id, outcome: 'released', retryAt: lease.now })));
      const sent = await drainDue(env, SWEEP_BATCH, opts);
      result = addResults(result, sent);
      more = sent.claimed === SWEEP_BATCH && !sent.unavailable;
    }
  }
  return { ...result, handedOff };
}
