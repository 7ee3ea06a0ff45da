/** Builds (does not run) an audit insert so callers can batch it with the change it records. */
export function auditStatement(
  db: D1Database,
  entry: { actorId: string | null; action: string; target: string; detail?: Record<string, unknown>; at: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit_log (actor_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?)')
    .bind(entry.actorId, entry.action, entry.target, JSON.stringify(entry.detail ?? {}), entry.at);
}
