import {
  type CaseKind,
  type CaseLeg,
  type CaseProjectionEvent,
  type CaseState,
  type NotProcessedCode,
  type SlaStateName,
  closedCaseStates,
  openCaseStates,
} from '../../workflows/case/contract';
import type { Role } from '../platform/auth/users';

export type { CaseState };

export interface CaseRecord {
  id: string;
  serviceTypeCode: string;
  agencyId: string;
  citizenId: string;
  subject: string;
  description: string;
  location: string | null;
  state: CaseState;
  receivedAt: string;
  ackDueDate: string | null;
  resolutionDueDate: string | null;
  repliedAt: string | null;
  workflowStartedAt: string | null;
  kind: CaseKind;
  formData: Record<string, string | number | boolean>;
  assigneeId: string | null;
  slaState: SlaStateName;
  acknowledgedAt: string | null;
  ackDueAt: string | null;
  resolutionDueAt: string | null;
  originalResolutionDueAt: string | null;
  extended: boolean;
  pausedSince: string | null;
  supplementDueAt: string | null;
  closedAt: string | null;
  notProcessedCode: NotProcessedCode | null;
  escalations: number;
  transfers: number;
  legs: CaseLeg[];
  filedById: string | null;
  satisfactionScore: number | null;
  ackMissed: boolean;
  missedDeadline: 'ack' | 'answer' | 'ack_and_answer' | null;
}

export interface CaseEventRecord {
  seq: number;
  type: string;
  occurredAt: string;
  actorRole: Role | null;
  /** The agency the acting staff member works for (null for citizens and the system). */
  actorAgencyId: string | null;
  body: Record<string, string | number | boolean>;
}

interface CaseRow {
  id: string;
  service_type_code: string;
  agency_id: string;
  citizen_id: string;
  subject: string;
  description: string;
  location: string | null;
  state: CaseState;
  received_at: string;
  ack_due_date: string | null;
  resolution_due_date: string | null;
  replied_at: string | null;
  workflow_started_at: string | null;
  kind: CaseKind;
  form_data: string;
  assignee_id: string | null;
  sla_state: SlaStateName;
  acknowledged_at: string | null;
  ack_due_at: string | null;
  resolution_due_at: string | null;
  original_resolution_due_at: string | null;
  extended: number;
  paused_since: string | null;
  supplement_due_at: string | null;
  closed_at: string | null;
  not_processed_code: NotProcessedCode | null;
  escalations: number;
  transfers: number;
  legs: string;
  filed_by_id: string | null;
  satisfaction_score: number | null;
  ack_missed: number;
  missed_deadline: CaseRecord['missedDeadline'];
}

interface EventRow {
  seq: number;
  type: string;
  occurred_at: string;
  actor_role: Role | null;
  actor_agency_id: string | null;
  body: string;
}

const toCase = (r: CaseRow): CaseRecord => ({
  id: r.id,
  serviceTypeCode: r.service_type_code,
  agencyId: r.agency_id,
  citizenId: r.citizen_id,
  subject: r.subject,
  description: r.description,
  location: r.location,
  state: r.state,
  receivedAt: r.received_at,
  ackDueDate: r.ack_due_date,
  resolutionDueDate: r.resolution_due_date,
  repliedAt: r.replied_at,
  workflowStartedAt: r.workflow_started_at,
  kind: r.kind,
  formData: JSON.parse(r.form_data) as CaseRecord['formData'],
  assigneeId: r.assignee_id,
  slaState: r.sla_state,
  acknowledgedAt: r.acknowledged_at,
  ackDueAt: r.ack_due_at,
  resolutionDueAt: r.resolution_due_at,
  originalResolutionDueAt: r.original_resolution_due_at,
  extended: r.extended === 1,
  pausedSince: r.paused_since,
  supplementDueAt: r.supplement_due_at,
  closedAt: r.closed_at,
  notProcessedCode: r.not_processed_code,
  escalations: r.escalations,
  transfers: r.transfers,
  legs: JSON.parse(r.legs) as CaseLeg[],
  filedById: r.filed_by_id,
  satisfactionScore: r.satisfaction_score,
  ackMissed: r.ack_missed === 1,
  missedDeadline: r.missed_deadline,
});

const toEvent = (r: EventRow): CaseEventRecord => ({
  seq: r.seq,
  type: r.type,
  occurredAt: r.occurred_at,
  actorRole: r.actor_role,
  actorAgencyId: r.actor_agency_id,
  body: JSON.parse(r.body) as CaseEventRecord['body'],
});

export interface NewCase {
  id: string;
  serviceTypeCode: string;
  agencyId: string;
  citizenId: string;
  subject: string;
  description: string;
  location: string | null;
  receivedAt: string;
  kind?: CaseKind;
  formData?: Record<string, string | number | boolean>;
  /** Set when an officer or helper files on the citizen's behalf. */
  filedById?: string | null;
  priorityTier?: 'most_urgent' | 'urgent' | 'normal';
}

/** The case, its intake event (seq 0) and the statements the caller adds (outbox, audit) commit together. */
export async function insertCase(db: D1Database, c: NewCase, alsoInTransaction: D1PreparedStatement[]): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, location,
                            state, received_at, updated_at, kind, form_data, filed_by_id, priority_tier)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        c.id,
        c.serviceTypeCode,
        c.agencyId,
        c.citizenId,
        c.subject,
        c.description,
        c.location,
        c.receivedAt,
        c.receivedAt,
        c.kind ?? 'grievance',
        JSON.stringify(c.formData ?? {}),
        c.filedById ?? null,
        c.priorityTier ?? 'normal',
      ),
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, type, actor_id, body, occurred_at) VALUES (?, 0, 'filed', ?, ?, ?)`,
      )
      .bind(c.id, c.filedById ?? c.citizenId, JSON.stringify(c.filedById ? { onBehalfOf: 'citizen' } : {}), c.receivedAt),
    ...alsoInTransaction,
  ]);
}

export async function findCase(db: D1Database, id: string): Promise<CaseRecord | null> {
  const row = await db.prepare('SELECT * FROM cases WHERE id = ?').bind(id).first<CaseRow>();
  return row ? toCase(row) : null;
}

export async function listCaseEvents(db: D1Database, caseId: string): Promise<CaseEventRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT e.seq, e.type, e.occurred_at, e.body, u.role AS actor_role, u.agency_id AS actor_agency_id
       FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.case_id = ? ORDER BY e.seq`,
    )
    .bind(caseId)
    .all<EventRow>();
  return results.map(toEvent);
}

export async function listCasesOfCitizen(db: D1Database, citizenId: string, limit = 200): Promise<CaseRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM cases WHERE citizen_id = ? ORDER BY received_at DESC LIMIT ?')
    .bind(citizenId, limit)
    .all<CaseRow>();
  return results.map(toCase);
}

/** Open states as SQL literals: constants from the contract, never input. */
const openStateList = openCaseStates.map((s) => `'${s}'`).join(', ');

export interface InboxFilter {
  openOnly: boolean;
  sla?: SlaStateName;
  serviceTypeCode?: string;
  /** 'me' with the caller's id, or 'unassigned'. */
  assignee?: { kind: 'me'; userId: string } | { kind: 'unassigned' };
}

/** Officer inbox: most urgent first (earliest answer deadline, then acknowledgement, then oldest). */
export async function listCasesOfAgency(db: D1Database, agencyId: string, f: InboxFilter, limit = 200): Promise<CaseRecord[]> {
  const where = ['agency_id = ?'];
  const args: (string | number)[] = [agencyId];
  if (f.openOnly) {
    where.push(`state NOT IN (${closedCaseStates.map(() => '?').join(', ')})`);
    args.push(...closedCaseStates);
  }
  if (f.sla) {
    where.push('sla_state = ?');
    args.push(f.sla);
  }
  if (f.serviceTypeCode) {
    where.push('service_type_code = ?');
    args.push(f.serviceTypeCode);
  }
  if (f.assignee?.kind === 'me') {
    where.push('assignee_id = ?');
    args.push(f.assignee.userId);
  } else if (f.assignee?.kind === 'unassigned') {
    where.push('assignee_id IS NULL');
  }
  const { results } = await db
    .prepare(
      `SELECT * FROM cases WHERE ${where.join(' AND ')}
       ORDER BY resolution_due_at IS NULL, resolution_due_at, ack_due_date IS NULL, ack_due_date, received_at LIMIT ?`,
    )
    .bind(...args, limit)
    .all<CaseRow>();
  return results.map(toCase);
}

/** Cases a counter officer or helper filed on citizens' behalf, newest first. */
export async function listCasesFiledBy(db: D1Database, proxyId: string, limit = 200): Promise<CaseRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM cases WHERE filed_by_id = ? ORDER BY received_at DESC LIMIT ?')
    .bind(proxyId, limit)
    .all<CaseRow>();
  return results.map(toCase);
}

export interface CaseEventMetrics {
  outcome: string | null;
  handlingWorkingDays: number | null;
  missedDeadline?: string | null;
}

/**
 * Applies one workflow event to the read model. Idempotent: the timeline insert ignores a
 * sequence number it already has, and the case row only moves forward (last_seq < seq).
 * Returns false when the event had been applied before.
 */
export async function applyCaseEvent(
  db: D1Database,
  ev: CaseProjectionEvent,
  metrics: CaseEventMetrics = { outcome: null, handlingWorkingDays: null },
): Promise<boolean> {
  const [inserted] = await db.batch(caseEventStatements(db, ev, metrics));
  return (inserted?.meta.changes ?? 0) === 1;
}

/**
 * The two statements that apply one event (timeline insert first, then the case row), for a
 * caller that commits several events and their notifications in one D1 batch. The insert's
 * `meta.changes` says whether the event was new.
 */
export function caseEventStatements(
  db: D1Database,
  ev: CaseProjectionEvent,
  metrics: CaseEventMetrics = { outcome: null, handlingWorkingDays: null },
): [D1PreparedStatement, D1PreparedStatement] {
  const body = JSON.stringify(ev.body ?? {});
  const snap = ev.snapshot;
  // Workflows started before a missed acknowledgement counted as a breach only say 'ack_overdue'.
  const ackMissed = snap?.ackMissed === true || ev.type === 'ack_overdue' ? 1 : 0;
  const update = snap
    ? db
        .prepare(
          // Numbered parameters: the acknowledgement flag and the outcome are used in several places.
          `UPDATE cases SET
             state = ?1, agency_id = ?2, assignee_id = ?3,
             ack_missed = MAX(ack_missed, ?4),
             sla_state = CASE WHEN (ack_missed = 1 OR ?4 = 1) AND ?1 IN (${openStateList}) THEN 'breached' ELSE ?5 END,
             outcome = CASE WHEN ?6 IN ('met', 'breached') AND (ack_missed = 1 OR ?4 = 1) THEN 'breached' ELSE ?6 END,
             missed_deadline = CASE WHEN ?6 IN ('met', 'breached') AND (ack_missed = 1 OR ?4 = 1)
               THEN CASE WHEN ?7 IN ('answer', 'ack_and_answer') THEN 'ack_and_answer' ELSE 'ack' END ELSE ?7 END,
             handling_working_days = ?8, acknowledged_at = ?9, ack_due_at = ?10, resolution_due_at = ?11,
             original_resolution_due_at = ?12, extended = ?13, paused_since = ?14, supplement_due_at = ?15,
             replied_at = ?16, closed_at = ?17, not_processed_code = ?18, escalations = ?19, transfers = ?20, legs = ?21,
             reopen_count = (SELECT COUNT(*) FROM case_events WHERE case_id = cases.id AND type = 'reopened'),
             ack_due_date = COALESCE(?22, ack_due_date), resolution_due_date = COALESCE(?23, resolution_due_date),
             workflow_started_at = COALESCE(workflow_started_at, ?24), last_seq = ?25, updated_at = ?24
           WHERE id = ?26 AND last_seq < ?25`,
        )
        .bind(
          snap.state,
          snap.agencyId,
          snap.assigneeId,
          ackMissed,
          snap.sla,
          metrics.outcome,
          metrics.missedDeadline ?? null,
          metrics.handlingWorkingDays,
          snap.acknowledgedAt,
          snap.ackDueAt,
          snap.resolutionDueAt,
          snap.originalResolutionDueAt,
          snap.extended ? 1 : 0,
          snap.pausedSince,
          snap.supplementDueAt,
          snap.repliedAt,
          snap.closedAt,
          snap.notProcessedCode,
          snap.escalations,
          Math.max(0, snap.legs.filter((l) => l.timely !== null).length),
          JSON.stringify(snap.legs),
          ev.ackDueDate ?? null,
          ev.resolutionDueDate ?? null,
          ev.occurredAt,
          ev.seq,
          ev.caseId,
        )
    : // Events from the first workflow version carry no snapshot, only the changed fields.
      db
        .prepare(
          `UPDATE cases SET
             state = ?,
             ack_missed = MAX(ack_missed, ?),
               sla_state = CASE WHEN (ack_missed = 1 OR ? = 1) AND ? IN (${openStateList}) THEN 'breached' ELSE sla_state END,
             ack_due_date = COALESCE(?, ack_due_date),
             resolution_due_date = COALESCE(?, resolution_due_date),
             replied_at = COALESCE(?, replied_at),
             workflow_started_at = COALESCE(workflow_started_at, ?),
             last_seq = ?,
             updated_at = ?
           WHERE id = ? AND last_seq < ?`,
        )
        .bind(
          ev.state,
          ackMissed,
          ackMissed,
          ev.state,
          ev.ackDueDate ?? null,
          ev.resolutionDueDate ?? null,
          ev.repliedAt ?? null,
          ev.occurredAt,
          ev.seq,
          ev.occurredAt,
          ev.caseId,
          ev.seq,
        );
  return [
    db
      .prepare(
        `INSERT INTO case_events (case_id, seq, type, actor_id, body, occurred_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, seq) DO NOTHING`,
      )
      .bind(ev.caseId, ev.seq, ev.type, ev.actorId ?? null, body, ev.occurredAt),
    update,
  ];
}

export async function caseExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM cases WHERE id = ?').bind(id).first()) !== null;
}

/** Records the citizen's survey once, only for answered cases; false when not allowed or done. */
export async function recordSatisfaction(
  db: D1Database,
  s: { caseId: string; citizenId: string; score: number; comment: string | null; at: string },
): Promise<boolean> {
  // RETURNING rather than meta.changes: the rollup triggers' writes count as changes too.
  const row = await db
    .prepare(
      `UPDATE cases SET satisfaction_score = ?, satisfaction_comment = ?, satisfaction_at = ?
       WHERE id = ? AND citizen_id = ? AND state IN ('replied', 'closed') AND satisfaction_score IS NULL
       RETURNING id`,
    )
    .bind(s.score, s.comment, s.at, s.caseId, s.citizenId)
    .first<{ id: string }>();
  return row !== null;
}

/** Who filed an assisted case and the consent they recorded (null for a citizen's own filing). */
export async function findAssistance(
  db: D1Database,
  caseId: string,
): Promise<{
  filedBy: { id: string; displayName: string; role: Role; helper: boolean };
  consent: { method: 'signed_form' | 'verbal_recorded' | 'digital'; statement: string; recordedAt: string } | null;
} | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.display_name, u.role, u.helper, k.method, k.statement, k.recorded_at
       FROM cases c JOIN users u ON u.id = c.filed_by_id LEFT JOIN case_consents k ON k.case_id = c.id
       WHERE c.id = ?`,
    )
    .bind(caseId)
    .first<{ id: string; display_name: string; role: Role; helper: number; method: 'signed_form' | 'verbal_recorded' | 'digital' | null; statement: string | null; recorded_at: string | null }>();
  if (!row) return null;
  return {
    filedBy: { id: row.id, displayName: row.display_name, role: row.role, helper: row.helper === 1 },
    consent: row.method && row.statement && row.recorded_at ? { method: row.method, statement: row.statement, recordedAt: row.recorded_at } : null,
  };
}
