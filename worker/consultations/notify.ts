/**
 * Consultation notifications (in-app with a link, and e-mail) for followers, commenters and the
 * agency. Idempotent: every row is keyed by (consultation, event, person).
 */
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { ConsultationAudience, ConsultationProjectionEvent } from '../../workflows/consultation/contract';
import type { Bindings } from '../platform/env';
import { emailStatement, notificationStatement, resolveAudience, type Recipient } from '../platform/notifications/db';
import type { ConsultationRecord } from './db';
import { type ConsultationNotificationKind, type ConsultationTemplateParams, renderConsultationNotification } from './notification-templates';

interface RecipientRow {
  id: string;
  email: string;
  locale: Recipient['locale'];
  role: Recipient['role'];
  email_enabled: number;
}

const RECIPIENT = `SELECT u.id, u.email, u.locale, u.role, COALESCE(p.enabled, 1) AS email_enabled
  FROM users u LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.channel = 'email'`;

async function followersAndCommenters(db: D1Database, consultationId: string, commenters: boolean): Promise<Recipient[]> {
  const { results } = await db
    .prepare(
      `${RECIPIENT} WHERE u.id IN (SELECT user_id FROM consultation_follows WHERE consultation_id = ?1
         ${commenters ? 'UNION SELECT author_id FROM consultation_comments WHERE consultation_id = ?1' : ''})`,
    )
    .bind(consultationId)
    .all<RecipientRow>();
  return results.map((r) => ({ id: r.id, email: r.email, locale: r.locale, role: r.role, emailEnabled: r.email_enabled === 1 }));
}

async function recipientsOf(db: D1Database, audience: ConsultationAudience, c: { id: string; agencyId: string }): Promise<Recipient[]> {
  if (audience === 'followers') return followersAndCommenters(db, c.id, false);
  return resolveAudience(db, audience, { citizenId: '', agencyId: c.agencyId, assigneeId: null });
}

async function send(
  env: Bindings,
  c: Pick<ConsultationRecord, 'id' | 'title' | 'responseDueAt'>,
  kind: ConsultationNotificationKind,
  recipients: Map<string, Recipient>,
  dedupe: string,
  at: string,
  level: number | null,
): Promise<number> {
  if (recipients.size === 0) return 0;
  const params: ConsultationTemplateParams = {
    consultationId: c.id,
    title: c.title,
    responseDue: c.responseDueAt ? taipeiDateOf(Date.parse(c.responseDueAt)) : null,
    level: level === null ? null : String(level),
  };
  const link = `/consultations/${c.id}`;
  const absolute = `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;
  const statements: D1PreparedStatement[] = [];
  for (const r of recipients.values()) {
    const dedupeKey = `consultation:${c.id}:${dedupe}:${r.id}`;
    statements.push(notificationStatement(env.DB, { userId: r.id, dedupeKey, link, kind, params: { ...params }, at }));
    if (r.emailEnabled) {
      const mail = renderConsultationNotification(kind, r.locale, params);
      statements.push(emailStatement(env.DB, { userId: r.id, dedupeKey, subject: mail.subject, body: `${mail.body}\n\n${absolute}`, at }));
    }
  }
  await env.DB.batch(statements);
  return recipients.size;
}

const kindOf: Record<ConsultationProjectionEvent['type'], ConsultationNotificationKind> = {
  opened: 'consultation_opened',
  closed: 'consultation_closed',
  response_warning: 'consultation_response_warning',
  response_overdue: 'consultation_response_overdue',
};

export async function notifyConsultationEvent(env: Bindings, c: ConsultationRecord, ev: ConsultationProjectionEvent): Promise<number> {
  const recipients = new Map<string, Recipient>();
  for (const audience of ev.notify ?? []) for (const r of await recipientsOf(env.DB, audience, c)) recipients.set(r.id, r);
  return send(env, { ...c, responseDueAt: ev.responseDueAt ?? c.responseDueAt }, kindOf[ev.type], recipients, String(ev.seq), ev.occurredAt, ev.level ?? null);
}

/** Followers and everyone who commented learn that the dispositions are out. */
export async function notifyReportPublished(env: Bindings, c: ConsultationRecord): Promise<number> {
  const recipients = new Map((await followersAndCommenters(env.DB, c.id, true)).map((r) => [r.id, r]));
  return send(env, c, 'consultation_report_published', recipients, 'report', c.reportPublishedAt!, null);
}
