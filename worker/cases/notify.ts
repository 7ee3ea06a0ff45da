/**
 * Turns projected case events into in-app notifications and e-mails for the people they
 * concern. Idempotent: every row is keyed by (case, event seq, user). Built as statements so the
 * internal route commits a whole batch of events and their notices in one D1 batch.
 */
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { Audience, CaseProjectionEvent } from '../../workflows/case/contract';
import {
  type AudienceContext,
  audienceStatement,
  emailStatement,
  notificationStatement,
  type Recipient,
  toRecipients,
} from '../platform/notifications/db';
import type { Bindings } from '../platform/env';
import { type TemplateParams, renderNotification } from './notification-templates';

/** What notices need from the case row (read once per request, also proving the case exists). */
export interface CaseNoticeRow {
  id: string;
  citizen_id: string;
  agency_id: string;
  assignee_id: string | null;
  subject: string;
}

/** The rows of the cases a request names, in one query; a case missing from the map does not exist. */
export async function readCasesForNotices(db: D1Database, caseIds: readonly string[]): Promise<Map<string, CaseNoticeRow>> {
  const { results } = await db
    .prepare('SELECT id, citizen_id, agency_id, assignee_id, subject FROM cases WHERE id IN (SELECT value FROM json_each(?))')
    .bind(JSON.stringify(caseIds))
    .all<CaseNoticeRow>();
  return new Map(results.map((r) => [r.id, r]));
}

const taipeiDate = (iso: string | null | undefined) => (iso ? taipeiDateOf(Date.parse(iso)) : null);

const contextOf = (row: CaseNoticeRow, ev: CaseProjectionEvent): AudienceContext => ({
  citizenId: row.citizen_id,
  agencyId: ev.snapshot?.agencyId ?? row.agency_id,
  assigneeId: ev.snapshot?.assigneeId ?? row.assignee_id,
});
const audienceKey = (a: Audience, ctx: AudienceContext) => `${a}|${ctx.citizenId}|${ctx.agencyId}|${ctx.assigneeId ?? ''}`;

/**
 * The notification and e-mail statements for each case's `events`. Every audience the events
 * name is read in one D1 batch; `notified` counts (event, person) pairs.
 */
export async function caseNoticeStatements(
  env: Bindings,
  groups: readonly { row: CaseNoticeRow; events: readonly CaseProjectionEvent[] }[],
): Promise<{ statements: D1PreparedStatement[]; notified: number }> {
  const db = env.DB;
  const wanted = new Map<string, D1PreparedStatement>();
  for (const { row, events } of groups) {
    for (const ev of events) {
      const ctx = contextOf(row, ev);
      for (const a of ev.notify ?? []) {
        const key = audienceKey(a, ctx);
        if (!wanted.has(key)) wanted.set(key, audienceStatement(db, a, ctx));
      }
    }
  }
  if (wanted.size === 0) return { statements: [], notified: 0 };
  const keys = [...wanted.keys()];
  const results = await db.batch([...wanted.values()]);
  const audiences = new Map(keys.map((k, i) => [k, toRecipients(results[i]?.results ?? [])]));

  const statements: D1PreparedStatement[] = [];
  let notified = 0;
  for (const { row, events } of groups) {
    for (const ev of events) {
      const recipients = new Map<string, Recipient>();
      for (const a of ev.notify ?? []) {
        for (const r of audiences.get(audienceKey(a, contextOf(row, ev))) ?? []) {
          // Nobody is notified of their own action.
          if (r.id !== ev.actorId) recipients.set(r.id, r);
        }
      }
      if (recipients.size === 0) continue;
      notified += recipients.size;
      statements.push(...noticeStatements(env, row, ev, [...recipients.values()]));
    }
  }
  return { statements, notified };
}

function noticeStatements(env: Bindings, row: CaseNoticeRow, ev: CaseProjectionEvent, recipients: Recipient[]): D1PreparedStatement[] {
  const db = env.DB;
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
  for (const r of recipients) {
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
  return statements;
}
