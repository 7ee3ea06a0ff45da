import { taipeiDateOf } from '../../domain/calendar/taipei-time';

export interface Closure {
  date: string;
  scope: string;
  reason: string;
}

/**
 * Office closure dates (typhoon days) from the day of `fromIso` (Taipei) on, for all agencies
 * or the given one; workflows take them as input so deadlines computed at intake honour them.
 */
export async function closuresFrom(db: D1Database, fromIso: string, agencyId?: string): Promise<string[]> {
  const from = taipeiDateOf(Date.parse(fromIso));
  const { results } = await db
    .prepare(`SELECT DISTINCT date FROM calendar_closures WHERE date >= ? AND scope IN ('*', ?) ORDER BY date LIMIT 366`)
    .bind(from, agencyId ?? '*')
    .all<{ date: string }>();
  return results.map((r) => r.date);
}

export async function listClosures(db: D1Database): Promise<Closure[]> {
  const { results } = await db.prepare('SELECT date, scope, reason FROM calendar_closures ORDER BY date DESC LIMIT 500').all<Closure>();
  return results;
}

export function closureStatement(
  db: D1Database,
  c: Closure & { createdBy: string; createdAt: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO calendar_closures (date, scope, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (date, scope) DO UPDATE SET reason = excluded.reason`,
    )
    .bind(c.date, c.scope, c.reason, c.createdBy, c.createdAt);
}
