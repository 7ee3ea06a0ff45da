/**
 * Turns a projected case event into in-app notifications and e-mails for the people it
 * concerns. Idempotent: every row is keyed by (case, event seq, user).
 */
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import { emailStatement, notificationStatement, resolveAudience, type Recipient } from '../platform/notifications/db';
import type { Bindings } from '../platform/env';
import { type TemplateParams, renderNotification } from './notification-templates';

interface CaseRow {
  citizen_id: string;
  agency_id: string;
  assignee_id: string | null;
  subject: string;
}

const taipeiDate = (iso: string | null | undefined) => (iso ? taipeiDateOf(Date.parse(iso)) : null);

export async function notifyCaseEvent(env: Bindings, ev: CaseProjectionEvent): Promise<number> {
  const db = env.DB;
  const row = await db
    .prepare('SELECT citizen_id, agency_id, assignee_id, subject FROM cases WHERE id = ?')
    .bind(ev.caseId)
    .first<CaseRow>();
  if (!row || !ev.notify?.length) return 0;
  const ctx = {
    citizenId: row.citizen_id,
    agencyId: ev.snapshot?.agencyId ?? row.agency_id,
    assigneeId: ev.snapshot?.assigneeId ?? row.assignee_id,
  };
  const recipients = new Map<string, Recipient>();
  for (const audience of ev.notify) {
    for (const r of await resolveAudience(db, audience, ctx)) {
      // Nobody is notified of their own action.
      if (r.id !== ev.actorId) recipients.set(r.id, r);
    }
  }
  if (recipients.size === 0) return 0;

  const body = ev.body ?? {};
  const params: TemplateParams = {
    caseId: ev.caseId,
    caseSubject: row.subject,
    resolutionDue: taipeiDate(ev.snapshot?.resolutionDueAt) ?? ev.resolutionDueDate ?? null,
    ackDue: taipeiDate(ev.snapshot?.ackDueAt) ?? ev.ackDueDate ?? null,
    supplementDue: taipeiDate(ev.snapshot?.supplementDueAt),
    message: typeof body.message === 'string' ? body.message : typeof body.reason === 'string' ? body.reason : null,
    level: body.level !== undefined ? String(body.level) : body.escalation !== undefined ? String(body.escalation) : null,
    link: `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}/cases/${ev.caseId}`,
  };
  const statements: D1PreparedStatement[] = [];
  for (const r of recipients.values()) {
    const dedupeKey = `${ev.caseId}:${ev.seq}:${r.id}`;
    statements.push(
      notificationStatement(db, {
        userId: r.id,
        dedupeKey,
        caseId: ev.caseId,
        kind: ev.type,
        params: { ...params, link: undefined },
        at: ev.occurredAt,
      }),
    );
    const mail = r.emailEnabled ? renderNotification(ev.type, r.locale, params) : null;
    if (mail) statements.push(emailStatement(db, { userId: r.id, dedupeKey, subject: mail.subject, body: mail.body, at: ev.occurredAt }));
  }
  await db.batch(statements);
  return recipients.size;
}
