/** Mirrors the CHECK constraint of `outbox.kind` (migration 0005). */
export type OutboxKind =
  | 'start_case_workflow'
  | 'start_petition_workflow'
  | 'start_consultation_workflow'
  | 'start_budget_round_workflow'
  | 'signal_workflow';
export type OutboxState = 'pending' | 'done' | 'dead';

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

export async function listDue(db: D1Database, now: string, limit: number): Promise<OutboxItem[]> {
  const { results } = await db
    .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?`)
    .bind(now, limit)
    .all<OutboxRow>();
  return results.map(toItem);
}

export async function markDone(db: D1Database, id: number, now: string): Promise<void> {
  await db
    .prepare(`UPDATE outbox SET state = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`)
    .bind(now, id)
    .run();
}

export async function markFailed(
  db: D1Database,
  id: number,
  error: string,
  nextAttemptAt: string,
  dead: boolean,
): Promise<void> {
  await db
    .prepare(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
         state = CASE WHEN ? THEN 'dead' ELSE state END
       WHERE id = ?`,
    )
    .bind(error.slice(0, 500), nextAttemptAt, dead ? 1 : 0, id)
    .run();
}

export async function pendingStats(db: D1Database): Promise<{ pending: number; failing: number; oldestPendingAt: string | null }> {
  const row = await db
    .prepare(`SELECT COUNT(*) AS n, COUNT(last_error) AS failing, MIN(created_at) AS oldest FROM outbox WHERE state = 'pending'`)
    .first<{ n: number; failing: number; oldest: string | null }>();
  return { pending: row?.n ?? 0, failing: row?.failing ?? 0, oldestPendingAt: row?.oldest ?? null };
}
