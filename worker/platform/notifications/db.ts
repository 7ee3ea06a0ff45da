import type { Audience } from '../../../workflows/case/contract';
import type { Locale, Role } from '../auth/users';

export interface Recipient {
  id: string;
  email: string;
  locale: Locale;
  role: Role;
  emailEnabled: boolean;
}

interface RecipientRow {
  id: string;
  email: string;
  locale: Locale;
  role: Role;
  email_enabled: number;
}

const base = `SELECT u.id, u.email, u.locale, u.role, COALESCE(p.enabled, 1) AS email_enabled
  FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.channel = 'email'`;

export interface AudienceContext {
  citizenId: string;
  agencyId: string;
  assigneeId: string | null;
}

/** Resolves an audience of a case event to accounts; `assignee` falls back to the agency's officers. */
export async function resolveAudience(db: D1Database, audience: Audience, ctx: AudienceContext): Promise<Recipient[]> {
  return toRecipients((await audienceStatement(db, audience, ctx).all<RecipientRow>()).results);
}

/** The query behind {@link resolveAudience}, for callers that read several audiences in one D1 batch. */
export function audienceStatement(db: D1Database, audience: Audience, ctx: AudienceContext): D1PreparedStatement {
  switch (audience) {
    case 'citizen':
      return db.prepare(`${base} WHERE u.id = ?`).bind(ctx.citizenId);
    case 'assignee':
      return ctx.assigneeId
        ? db.prepare(`${base} WHERE u.id = ?`).bind(ctx.assigneeId)
        : db.prepare(`${base} WHERE u.role = 'officer' AND u.agency_id = ?`).bind(ctx.agencyId);
    case 'agency_officers':
      return db.prepare(`${base} WHERE u.role = 'officer' AND u.agency_id = ?`).bind(ctx.agencyId);
    case 'supervisors':
      return db.prepare(`${base} WHERE u.role = 'supervisor' AND u.agency_id = ?`).bind(ctx.agencyId);
    case 'oversight':
      return db
        .prepare(
          `${base} WHERE u.role IN ('officer', 'supervisor')
             AND u.agency_id = (SELECT oversight_agency_id FROM agencies WHERE id = ?)`,
        )
        .bind(ctx.agencyId);
  }
}

export function toRecipients(rows: readonly unknown[]): Recipient[] {
  return (rows as RecipientRow[]).map((r) => ({ id: r.id, email: r.email, locale: r.locale, role: r.role, emailEnabled: r.email_enabled === 1 }));
}

export function notificationStatement(
  db: D1Database,
  n: {
    userId: string;
    dedupeKey: string;
    /** A case notification names its case; other legs give the in-app `link` instead. */
    caseId?: string | null;
    link?: string | null;
    kind: string;
    params: Record<string, unknown>;
    at: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (user_id, dedupe_key, case_id, link, kind, params, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(n.userId, n.dedupeKey, n.caseId ?? null, n.link ?? null, n.kind, JSON.stringify(n.params), n.at);
}

export function emailStatement(
  db: D1Database,
  e: { userId: string; dedupeKey: string; subject: string; body: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      // People without an e-mail address (a placeholder in the reserved .invalid domain) get none.
      `INSERT INTO email_outbox (dedupe_key, user_id, subject, body, next_attempt_at, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?5 WHERE NOT EXISTS (SELECT 1 FROM users WHERE id = ?2 AND email LIKE '%@accounts.invalid')
       ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(e.dedupeKey, e.userId, e.subject, e.body, e.at);
}

export interface NotificationRecord {
  id: number;
  caseId: string | null;
  link: string | null;
  kind: string;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

interface NotificationRow {
  id: number;
  case_id: string | null;
  link: string | null;
  kind: string;
  params: string;
  created_at: string;
  read_at: string | null;
}

export async function listNotifications(
  db: D1Database,
  userId: string,
  opts: { unreadOnly: boolean; limit: number },
): Promise<{ items: NotificationRecord[]; unread: number }> {
  const [list, count] = await db.batch<NotificationRow | { n: number }>([
    db
      .prepare(
        `SELECT id, case_id, link, kind, params, created_at, read_at FROM notifications
         WHERE user_id = ? ${opts.unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY id DESC LIMIT ?`,
      )
      .bind(userId, opts.limit),
    db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL').bind(userId),
  ]);
  const rows = (list?.results ?? []) as NotificationRow[];
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      // Case notifications predate links: they lead to their case.
      link: r.link ?? (r.case_id ? `/cases/${r.case_id}` : null),
      kind: r.kind,
      params: JSON.parse(r.params) as Record<string, unknown>,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    unread: ((count?.results?.[0] as { n: number } | undefined)?.n ?? 0),
  };
}

/** Marks one (id given) or all of the user's notifications read; returns how many changed. */
export async function markRead(db: D1Database, userId: string, at: string, id?: number): Promise<number> {
  const res = id === undefined
    ? await db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').bind(at, userId).run()
    : await db
        .prepare('UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE user_id = ? AND id = ?')
        .bind(at, userId, id)
        .run();
  return res.meta.changes;
}

export async function getEmailPreference(db: D1Database, userId: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT enabled FROM notification_preferences WHERE user_id = ? AND channel = 'email'`)
    .bind(userId)
    .first<{ enabled: number }>();
  return row ? row.enabled === 1 : true;
}

export async function setEmailPreference(db: D1Database, userId: string, enabled: boolean): Promise<void> {
  await db
    .prepare(
      `INSERT INTO notification_preferences (user_id, channel, enabled) VALUES (?, 'email', ?)
       ON CONFLICT (user_id, channel) DO UPDATE SET enabled = excluded.enabled`,
    )
    .bind(userId, enabled ? 1 : 0)
    .run();
}
