/**
 * Projections the edge refused. The Temporal worker retries a refused write-back with backoff
 * instead of failing its workflow, so a refusal that persists (a secret out of step after a
 * rotation, a schema change mid-deploy) would otherwise go unseen: each one is recorded here,
 * shown in health and on the dashboard as a stuck projection, and cleared once accepted.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

/** Retries come at most a minute apart: a refusal seen this recently is still being retried. */
export const STUCK_WINDOW_MS = 5 * 60_000;

export interface StuckProjections {
  stuck: number;
  oldestAt: string | null;
  lastCode: string | null;
}

/**
 * Wraps an internal route. `keyOf` reads the aggregate id (e.g. the case id) from the body;
 * unauthenticated refusals are recorded under 'signature' (their body cannot be trusted).
 */
export const trackProjectionRefusals = (keyOf: (body: unknown) => string | null) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const status = c.res.status;
    const now = new Date().toISOString();
    let key: string | null = null;
    if (status !== 401) {
      try {
        key = keyOf(JSON.parse(await c.req.text()) as unknown);
      } catch {
        key = null;
      }
    }
    const db = c.env.DB;
    if (status < 300) {
      await db.batch([
        db.prepare(`DELETE FROM projection_refusals WHERE key IN (?, 'signature')`).bind(key ?? 'signature'),
      ]);
      return;
    }
    if (status >= 500) return; // the edge failed, not refused: the worker retries and health shows D1
    const code = await problemSlug(c.res.clone());
    const rowKey = status === 401 ? 'signature' : (key ?? 'malformed');
    await refusalStatement(db, { key: rowKey, caseId: status === 401 ? null : key, status, code, at: now }).run();
    console.warn(JSON.stringify({ msg: 'projection refused', path: c.req.path, status, code, key: rowKey }));
  });

async function problemSlug(res: Response): Promise<string> {
  try {
    const type = ((await res.json()) as { type?: unknown }).type;
    return typeof type === 'string' ? (type.split('/').pop() ?? 'unknown') : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Records (or counts again) one refusal; also used by routes that answer for several aggregates at once. */
export function refusalStatement(
  db: D1Database,
  r: { key: string; caseId: string | null; status: number; code: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO projection_refusals (key, case_id, status, code, first_at, last_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET status = excluded.status, code = excluded.code, attempts = attempts + 1, last_at = excluded.last_at`,
    )
    .bind(r.key, r.caseId, r.status, r.code, r.at, r.at);
}

/** Clears the refusals of aggregates a request for several of them delivered (the middleware only knows one key). */
export function clearRefusalsStatement(db: D1Database, keys: readonly string[]): D1PreparedStatement {
  return db.prepare('DELETE FROM projection_refusals WHERE key IN (SELECT value FROM json_each(?))').bind(JSON.stringify(keys));
}

/** Refusals still being retried; `scopeSql` (a WHERE over cases) narrows to a scope; unattributable ones always count. */
export async function stuckProjections(db: D1Database, nowMs: number, scopeSql?: { sql: string; args: string[] }): Promise<StuckProjections> {
  const since = new Date(nowMs - STUCK_WINDOW_MS).toISOString();
  const scope = scopeSql ? `AND (case_id IS NULL OR case_id IN (SELECT id FROM cases WHERE ${scopeSql.sql}))` : '';
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS n, MIN(first_at) AS oldest,
         (SELECT code FROM projection_refusals WHERE last_at >= ? ORDER BY last_at DESC LIMIT 1) AS last_code
       FROM projection_refusals WHERE last_at >= ? ${scope}`,
    )
    .bind(since, since, ...(scopeSql?.args ?? []))
    .first<{ n: number; oldest: string | null; last_code: string | null }>();
  return { stuck: row?.n ?? 0, oldestAt: row?.oldest ?? null, lastCode: row?.last_code ?? null };
}
