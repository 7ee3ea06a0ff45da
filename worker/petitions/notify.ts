/**
 * Turns a projected petition event into in-app notifications (with a link to the petition)
 * and e-mails for the people it concerns. Idempotent: every row is keyed by (petition, seq, user).
 */
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { PetitionAudience, PetitionProjectionEvent } from '../../workflows/petition/contract';
import type { Bindings } from '../platform/env';
import type { Locale } from '../platform/auth/users';
import { emailStatement, notificationStatement } from '../platform/notifications/db';
import { PETITION_KIND_PREFIX, type PetitionTemplateParams, renderPetitionNotification } from './notification-templates';

interface RecipientRow {
  id: string;
  locale: Locale;
  email_enabled: number;
}

const base = `SELECT u.id, u.locale, COALESCE(np.enabled, 1) AS email_enabled
  FROM users u LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.channel = 'email'`;

function audienceStatement(db: D1Database, a: PetitionAudience, petitionId: string, agencyId: string | null): D1PreparedStatement | null {
  switch (a) {
    case 'proposer':
      return db.prepare(`${base} WHERE u.id = (SELECT proposer_id FROM petitions WHERE id = ?)`).bind(petitionId);
    case 'followers':
      return db
        .prepare(`${base} JOIN petition_endorsements e ON e.user_id = u.id WHERE e.petition_id = ? AND e.follow = 1 AND e.state = 'valid'`)
        .bind(petitionId);
    case 'agency_officers':
      return agencyId ? db.prepare(`${base} WHERE u.role = 'officer' AND u.agency_id = ?`).bind(agencyId) : null;
    case 'agency_supervisors':
      return agencyId ? db.prepare(`${base} WHERE u.role = 'supervisor' AND u.agency_id = ?`).bind(agencyId) : null;
    case 'reviewers':
      return db.prepare(`${base} WHERE u.role IN ('manager', 'admin')`);
  }
}

const CHUNK = 50;

export async function notifyPetitionEvent(env: Bindings, ev: PetitionProjectionEvent): Promise<number> {
  const db = env.DB;
  if (!ev.notify?.length) return 0;
  const petition = await db.prepare('SELECT title FROM petitions WHERE id = ?').bind(ev.petitionId).first<{ title: string }>();
  if (!petition) return 0;
  const recipients = new Map<string, RecipientRow>();
  const stmts = ev.notify.map((a) => audienceStatement(db, a, ev.petitionId, ev.snapshot.agencyId)).filter((s) => s !== null);
  for (const res of stmts.length ? await db.batch<RecipientRow>(stmts) : []) {
    for (const r of res.results) if (r.id !== ev.actorId) recipients.set(r.id, r);
  }
  if (recipients.size === 0) return 0;

  const b = ev.body ?? {};
  const s = ev.snapshot;
  const dueIso =
    ev.type.startsWith('review') ? s.reviewDueAt : ev.type === 'published' || ev.type === 'window_rescheduled' ? s.windowEndsAt : s.responseDueAt;
  const params: PetitionTemplateParams = {
    petitionId: ev.petitionId,
    title: petition.title,
    due: dueIso ? taipeiDateOf(Date.parse(dueIso)) : null,
    level: b.level !== undefined ? String(b.level) : null,
    message: typeof b.message === 'string' ? b.message : typeof b.reason === 'string' ? b.reason : null,
    count: b.validCount !== undefined ? String(b.validCount) : null,
  };
  const link = `/petitions/${ev.petitionId}`;
  const absolute = `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;
  const statements: D1PreparedStatement[] = [];
  for (const r of recipients.values()) {
    const dedupeKey = `petition:${ev.petitionId}:${ev.seq}:${r.id}`;
    statements.push(
      notificationStatement(db, { userId: r.id, dedupeKey, link, kind: `${PETITION_KIND_PREFIX}${ev.type}`, params: { ...params }, at: ev.occurredAt }),
    );
    if (r.email_enabled === 1) {
      const mail = renderPetitionNotification(ev.type, r.locale, params);
      statements.push(emailStatement(db, { userId: r.id, dedupeKey, subject: mail.subject, body: `${mail.body}\n\n${absolute}`, at: ev.occurredAt }));
    }
  }
  for (let i = 0; i < statements.length; i += CHUNK) await db.batch(statements.slice(i, i + CHUNK));
  return recipients.size;
}
