/** Mirrors the CHECK constraint of `outbox.kind` (migration 0005). */
export type OutboxKind =
  | 'start_case_workflow'
  | 'start_petition_workflow'
  | 'start_consultation_workflow'
  | 'start_budget_round_workflow'
  | 'signal_workflow';
export const outboxKinds = [
  'start_case_workflow',
  'start_petition_workflow',
  'start_consultation_workflow',
  'start_budget_round_workflow',
  'signal_workflow',
] as const satisfies readonly OutboxKind[];
export type OutboxState = 'pending' | 'done' | 'dead';

/** A row named the way queue messages name it: (kind, aggregate_id) is unique. */
export interface OutboxRef {
  kind: OutboxKind;
  aggregateId: string;
  /** Set when a sweep claimed the row and handed it to the queue: the consumer may take it over. */
  handoff?: string;
}

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  aggregateId: string;
  payload: unknown;
  attempts: number;
}

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  aggregate_id: string;
  payload: string;
  attempts: number;
}

export function enqueueStatement(
  db: D1Database,
  item: { kind: OutboxKind; aggregateId: string; payload: unknown; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, aggregate_id) DO NOTHING`,
    )
    .bind(item.kind, item.aggregateId, JSON.stringify(item.payload), item.now, item.now);
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  aggregateId: r.aggregate_id,
  payload: JSON.parse(r.payload),
  attempts: r.attempts,
});

export interface Lease {
  token: string;
  now: string;
  /** The row is invisible to every other drain until then. */
  until: string;
}

/**
 * Claims up to `limit` due rows, oldest first, in one statement: SQLite runs it atomically, so
 * two drains never get the same row while a lease runs.
 */
export async function claimDue(db: D1Database, lease: Lease, limit: number): Promise<OutboxItem[]> {
  const { results } = await db
    .prepare(
      `UPDATE outbox SET claim_token = ?1, next_attempt_at = ?2
       WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?3 ORDER BY id LIMIT ?4)
       RETURNING id, kind, aggregate_id, payload, attempts`,
    )
    .bind(lease.token, lease.until, lease.now, limit)
    .all<OutboxRow>();
  return results.map(toItem).sort((a, b) => a.id - b.id);
}

/**
 * Claims the named rows that are due, or that a sweep handed off under the token the message
 * carries. Rows already done, or leased by another drain, are left alone.
 */
export async function claimRefs(db: D1Database, lease: Lease, refs: OutboxRef[]): Promise<OutboxItem[]> {
  if (refs.length === 0) return [];
  const named = JSON.stringify(refs.map((r) => [r.kind, r.aggregateId, r.handoff ?? null]));
  const { results } = await db
    .prepare(
      `UPDATE outbox SET claim_token = ?1, next_attempt_at = ?2
       WHERE id IN (
         SELECT o.id FROM json_each(?3) AS j
         JOIN outbox AS o ON o.kind = json_extract(j.value, '$[0]') AND o.aggregate_id = json_extract(j.value, '$[1]')
         WHERE o.state = 'pending'
           AND (o.next_attempt_at <= ?4 OR o.claim_token = json_extract(j.value, '$[2]')))
       RETURNING id, kind, aggregate_id, payload, attempts`,
    )
    .bind(lease.token, lease.until, named, lease.now)
    .all<OutboxRow>();
  return results.map(toItem).sort((a, b) => a.id - b.id);
}

/** What happened to one claimed row. */
export type Settlement =
  | { id: number; outcome: 'done' }
  | { id: number; outcome: 'failed'; error: string; retryAt: string; dead: boolean }
  /** Never sent (the drain stopped early): back to the pool at `retryAt`, attempts unchanged. */
  | { id: number; outcome: 'released'; retryAt: string };

/**
 * Writes a drain's results in one batch. Only the lease holder may settle a row, so a drain
 * whose lease expired and was taken over cannot undo its successor's work; a successful start
 * is recorded whoever made it, since the workflow now exists.
 */
export async function settle(db: D1Database, token: string, now: string, settlements: Settlement[]): Promise<void> {
  if (settlements.length === 0) return;
  const statements = settlements.map((s) => {
    switch (s.outcome) {
      case 'done':
        return db
          .prepare(
            `UPDATE outbox SET state = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL, claim_token = NULL
             WHERE id = ? AND state = 'pending'`,
          )
          .bind(now, s.id);
      case 'failed':
        return db
          .prepare(
            `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claim_token = NULL,
               state = CASE WHEN ? THEN 'dead' ELSE state END
             WHERE id = ? AND claim_token = ?`,
          )
          .bind(s.error.slice(0, 500), s.retryAt, s.dead ? 1 : 0, s.id, token);
      case 'released':
        return db
          .prepare(`UPDATE outbox SET next_attempt_at = ?, claim_token = NULL WHERE id = ? AND claim_token = ?`)
          .bind(s.retryAt, s.id, token);
    }
  });
  await db.batch(statements);
}

export async function pendingStats(db: D1Database): Promise<{ pending: number; failing: number; oldestPendingAt: string | null }> {
  const row = await db
    .prepare(`SELECT COUNT(*) AS n, COUNT(last_error) AS failing, MIN(created_at) AS oldest FROM outbox WHERE state = 'pending'`)
    .first<{ n: number; failing: number; oldest: string | null }>();
  return { pending: row?.n ?? 0, failing: row?.failing ?? 0, oldestPendingAt: row?.oldest ?? null };
}
