/**
 * Aggregations over the case read model for managers, supervisors and the public page.
 * Plain SQL over indexed columns; per-case outcomes and handling times were computed when each
 * case was answered (services/case-metrics.ts), so nothing here needs the calendar per row.
 */
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { endOfTaipeiDay, startOfTaipeiDay } from '../../domain/calendar/taipei-time';
import { type CaseState, type SlaStateName, openCaseStates } from '../../workflows/case/contract';

/** Open states as SQL literals: constants from the contract, never input. */
const openList = openCaseStates.map((s) => `'${s}'`).join(', ');

/**
 * A list of agencies as ONE bound parameter (a JSON array): D1 allows 100 bound parameters per
 * statement, and a city has more agencies than that.
 */
const inList = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;
const listArg = (ids: readonly string[]) => JSON.stringify(ids);

/** The agency and every agency below it. */
export async function agencyTree(db: D1Database, roots: string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const { results } = await db
    .prepare(
      `WITH RECURSIVE tree(id) AS (
         SELECT id FROM agencies WHERE ${inList('id')}
         UNION SELECT a.id FROM agencies a JOIN tree t ON a.parent_id = t.id)
       SELECT id FROM tree ORDER BY id`,
    )
    .bind(listArg(roots))
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function allAgencyIds(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare('SELECT id FROM agencies ORDER BY id').all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Agencies whose oversight (研考) unit is the given agency. */
export async function overseenAgencies(db: D1Database, oversightAgencyId: string): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT id FROM agencies WHERE oversight_agency_id = ? ORDER BY id')
    .bind(oversightAgencyId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

export interface CaseFilter {
  agencyIds: string[];
  serviceTypeCode?: string;
  priority?: string;
  assigneeId?: string;
  sla?: SlaStateName;
}

function where(f: CaseFilter, extra: string[] = []): { sql: string; args: string[] } {
  const parts = [inList('agency_id'), ...extra];
  const args = [listArg(f.agencyIds)];
  if (f.serviceTypeCode) {
    parts.push('service_type_code = ?');
    args.push(f.serviceTypeCode);
  }
  if (f.priority) {
    parts.push('priority_tier = ?');
    args.push(f.priority);
  }
  if (f.assigneeId) {
    parts.push('assignee_id = ?');
    args.push(f.assigneeId);
  }
  return { sql: parts.join(' AND '), args };
}

export interface SlaBoardRow {
  id: string;
  subject: string;
  agencyId: string;
  serviceTypeCode: string;
  priorityTier: 'most_urgent' | 'urgent' | 'normal';
  assigneeId: string | null;
  state: CaseState;
  slaState: SlaStateName;
  resolutionDueAt: string | null;
}

/** The scope as a WHERE over cases (for queries in other modules, e.g. stuck projections). */
export function scopeWhere(f: CaseFilter): { sql: string; args: string[] } {
  return where(f);
}

export async function slaBoard(
  db: D1Database,
  f: CaseFilter,
  page: { limit: number; offset: number } = { limit: 50, offset: 0 },
): Promise<{ counts: Record<SlaStateName, number>; total: number; items: SlaBoardRow[] }> {
  const base = where(f, [`state IN (${openList})`]);
  const listWhere = f.sla ? { sql: `${base.sql} AND sla_state = ?`, args: [...base.args, f.sla] } : base;
  const [counts, items] = await db.batch([
    // INDEXED BY: left alone, SQLite walks the agency's whole history in sla_state order.
    db.prepare(`SELECT sla_state AS s, COUNT(*) AS n FROM cases INDEXED BY cases_open_sla WHERE ${base.sql} GROUP BY sla_state`).bind(...base.args),
    db
      .prepare(
        `SELECT id, subject, agency_id, service_type_code, priority_tier, assignee_id, state, sla_state, resolution_due_at
         FROM cases INDEXED BY cases_open_sla WHERE ${listWhere.sql} ORDER BY resolution_due_at IS NULL, resolution_due_at, id LIMIT ? OFFSET ?`,
      )
      .bind(...listWhere.args, page.limit, page.offset),
  ]);
  const c: Record<SlaStateName, number> = { on_track: 0, warned_50: 0, warned_75: 0, breached: 0, paused: 0 };
  for (const r of (counts?.results ?? []) as { s: SlaStateName; n: number }[]) c[r.s] = r.n;
  type Row = {
    id: string;
    subject: string;
    agency_id: string;
    service_type_code: string;
    priority_tier: SlaBoardRow['priorityTier'];
    assignee_id: string | null;
    state: CaseState;
    sla_state: SlaStateName;
    resolution_due_at: string | null;
  };
  // The list's total comes from the per-state counts, which already cover the same filter.
  const total = f.sla ? c[f.sla] : Object.values(c).reduce((a, b) => a + b, 0);
  return {
    counts: c,
    total,
    items: ((items?.results ?? []) as Row[]).map((r) => ({
      id: r.id,
      subject: r.subject,
      agencyId: r.agency_id,
      serviceTypeCode: r.service_type_code,
      priorityTier: r.priority_tier,
      assigneeId: r.assignee_id,
      state: r.state,
      slaState: r.sla_state,
      resolutionDueAt: r.resolution_due_at,
    })),
  };
}

export interface PerformanceAggregate {
  key: string;
  cases: number;
  met: number;
  breached: number;
  /** Of the breached answers: how many missed the acknowledgement deadline, how many the answer deadline (both counts a case in each). */
  missedAck: number;
  missedAnswer: number;
  openOverdue: number;
  notProcessed: number;
  p50HandlingDays: number | null;
  p90HandlingDays: number | null;
  transfersPerCase: number | null;
  reopenRate: number | null;
  satisfaction: number | null;
  satisfactionResponses: number;
}

/** Nearest-rank percentile over a value → count histogram sorted by value. */
function percentile(histogram: [number, number][], total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [value, count] of histogram) {
    seen += count;
    if (seen >= rank) return value;
  }
  return histogram.at(-1)?.[0] ?? null;
}

export interface Period {
  /** First and last day (Taipei), inclusive. */
  fromDay: string;
  toDay: string;
}

const instantsOf = (p: Period) => ({
  fromIso: new Date(startOfTaipeiDay(parsePlainDate(p.fromDay))).toISOString(),
  toIso: new Date(endOfTaipeiDay(parsePlainDate(p.toDay)) + 1).toISOString(),
});

/**
 * Cases received in the period, grouped by agency or service type, and the total ('*').
 * Reads the daily rollups kept by triggers (migration 0004), so a year costs a few thousand
 * rows; only open cases past their deadline at `nowIso`, which count as breached (the
 * product's on-time rule), are counted live. Percentiles (to a tenth of a working day) come
 * from the rollup histogram.
 */
export async function performance(
  db: D1Database,
  agencyIds: string[],
  period: Period,
  nowIso: string,
  groupBy: 'agency' | 'service_type',
): Promise<{ rows: PerformanceAggregate[]; total: PerformanceAggregate }> {
  const key = groupBy === 'agency' ? 'agency_id' : 'service_type_code';
  const inAgencies = inList('agency_id');
  const agencies = listArg(agencyIds);
  const { fromIso, toIso } = instantsOf(period);
  const [sums, hist, overdue, missed] = await db.batch([
    db
      .prepare(
        `SELECT ${key} AS k, SUM(cases) AS cases, SUM(met) AS met, SUM(breached) AS breached,
           SUM(not_processed) AS not_processed, SUM(transfers) AS transfers, SUM(reopened) AS reopened,
           SUM(satisfaction_sum) AS satisfaction_sum, SUM(satisfaction_n) AS satisfaction_n
         FROM case_daily WHERE ${inAgencies} AND day BETWEEN ? AND ? GROUP BY k HAVING SUM(cases) > 0 ORDER BY k`,
      )
      .bind(agencies, period.fromDay, period.toDay),
    db
      .prepare(
        `SELECT ${key} AS k, d, SUM(n) AS n FROM case_daily_handling
         WHERE ${inAgencies} AND day BETWEEN ? AND ? GROUP BY k, d HAVING SUM(n) > 0 ORDER BY d`,
      )
      .bind(agencies, period.fromDay, period.toDay),
    db
      .prepare(
        `SELECT ${key} AS k, COUNT(*) AS n FROM cases INDEXED BY cases_open_sla
         WHERE ${inAgencies} AND state IN (${openList}) AND (resolution_due_at < ? OR ack_missed = 1) AND received_at >= ? AND received_at < ?
         GROUP BY k`,
      )
      .bind(agencies, nowIso, fromIso, toIso),
    // Which deadline the late answers missed (partial index: only breached cases are in it).
    db
      .prepare(
        `SELECT ${key} AS k, SUM(missed_deadline IN ('ack', 'ack_and_answer')) AS ack, SUM(missed_deadline IN ('answer', 'ack_and_answer')) AS answer
         FROM cases INDEXED BY cases_missed_deadline
         WHERE ${inAgencies} AND missed_deadline IS NOT NULL AND received_at >= ? AND received_at < ? GROUP BY k`,
      )
      .bind(agencies, fromIso, toIso),
  ]);
  const missedByKey = new Map(((missed?.results ?? []) as { k: string; ack: number; answer: number }[]).map((r) => [r.k, r]));
  type Sum = {
    k: string;
    cases: number;
    met: number;
    breached: number;
    not_processed: number;
    transfers: number;
    reopened: number;
    satisfaction_sum: number;
    satisfaction_n: number;
    open_overdue: number;
    missed_ack: number;
    missed_answer: number;
  };
  const overdueByKey = new Map(((overdue?.results ?? []) as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  const histByKey = new Map<string, [number, number][]>();
  const allHist = new Map<number, number>();
  for (const h of (hist?.results ?? []) as { k: string; d: number; n: number }[]) {
    const list = histByKey.get(h.k) ?? [];
    list.push([h.d, h.n]);
    histByKey.set(h.k, list);
    allHist.set(h.d, (allHist.get(h.d) ?? 0) + h.n);
  }
  const aggregate = (k: string, s: Omit<Sum, 'k'>, histogram: [number, number][]): PerformanceAggregate => {
    const answered = histogram.reduce((n, [, c]) => n + c, 0);
    return {
      key: k,
      cases: s.cases,
      met: s.met,
      breached: s.breached,
      missedAck: s.missed_ack,
      missedAnswer: s.missed_answer,
      openOverdue: s.open_overdue,
      notProcessed: s.not_processed,
      p50HandlingDays: percentile(histogram, answered, 0.5),
      p90HandlingDays: percentile(histogram, answered, 0.9),
      transfersPerCase: s.cases ? s.transfers / s.cases : null,
      reopenRate: s.cases ? s.reopened / s.cases : null,
      satisfaction: s.satisfaction_n ? s.satisfaction_sum / s.satisfaction_n : null,
      satisfactionResponses: s.satisfaction_n,
    };
  };
  const rowsRaw = ((sums?.results ?? []) as Omit<Sum, 'open_overdue' | 'missed_ack' | 'missed_answer'>[]).map((r) => ({
    ...r,
    open_overdue: overdueByKey.get(r.k) ?? 0,
    missed_ack: missedByKey.get(r.k)?.ack ?? 0,
    missed_answer: missedByKey.get(r.k)?.answer ?? 0,
  }));
  const zero: Omit<Sum, 'k'> = {
    cases: 0,
    met: 0,
    breached: 0,
    not_processed: 0,
    transfers: 0,
    reopened: 0,
    satisfaction_sum: 0,
    satisfaction_n: 0,
    open_overdue: 0,
    missed_ack: 0,
    missed_answer: 0,
  };
  const totalSum = rowsRaw.reduce(
    (t, r) => ({
      cases: t.cases + r.cases,
      met: t.met + r.met,
      breached: t.breached + r.breached,
      not_processed: t.not_processed + r.not_processed,
      transfers: t.transfers + r.transfers,
      reopened: t.reopened + r.reopened,
      satisfaction_sum: t.satisfaction_sum + r.satisfaction_sum,
      satisfaction_n: t.satisfaction_n + r.satisfaction_n,
      open_overdue: t.open_overdue + r.open_overdue,
      missed_ack: t.missed_ack + r.missed_ack,
      missed_answer: t.missed_answer + r.missed_answer,
    }),
    zero,
  );
  return {
    rows: rowsRaw.map((r) => aggregate(r.k, r, histByKey.get(r.k) ?? [])),
    total: aggregate('*', totalSum, [...allHist.entries()].sort((a, b) => a[0] - b[0])),
  };
}

/** Met and late answers per ISO week (Monday, Taipei) of the reply date, from the rollup. */
export async function weeklyTrend(
  db: D1Database,
  agencyIds: string[],
  period: Period,
): Promise<{ weekStart: string; met: number; breached: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT date(day, 'weekday 0', '-6 days') AS week, SUM(met) AS met, SUM(breached) AS breached
       FROM case_replied_daily WHERE ${inList('agency_id')} AND day BETWEEN ? AND ?
       GROUP BY week HAVING SUM(met) + SUM(breached) > 0 ORDER BY week`,
    )
    .bind(listArg(agencyIds), period.fromDay, period.toDay)
    .all<{ week: string; met: number; breached: number }>();
  return results.map((r) => ({ weekStart: r.week, met: r.met, breached: r.breached }));
}

export interface EscalationRow {
  id: string;
  subject: string;
  agencyId: string;
  serviceTypeCode: string;
  state: CaseState;
  resolutionDueAt: string | null;
  escalations: number;
  /** The acknowledgement deadline was missed (a breach even before the answer is due). */
  ackMissed: boolean;
  acknowledgedAt: string | null;
  lastComment: string | null;
}

/** Open cases past their deadline in scope, longest overdue first, with the latest acknowledgement. */
export async function breachedCases(db: D1Database, agencyIds: string[], nowIso: string, limit = 500): Promise<EscalationRow[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id, c.subject, c.agency_id, c.service_type_code, c.state, c.resolution_due_at, c.escalations, c.ack_missed,
         a.at AS ack_at, a.comment AS ack_comment
       FROM cases c
       LEFT JOIN escalation_acks a ON a.id = (SELECT MAX(id) FROM escalation_acks WHERE case_id = c.id)
       WHERE ${inList('c.agency_id')} AND c.state IN (${openList})
         AND (c.sla_state = 'breached' OR c.ack_missed = 1 OR c.resolution_due_at < ?)
       ORDER BY c.resolution_due_at LIMIT ?`,
    )
    .bind(listArg(agencyIds), nowIso, limit)
    .all<{
      id: string;
      subject: string;
      agency_id: string;
      service_type_code: string;
      state: CaseState;
      resolution_due_at: string | null;
      escalations: number;
      ack_missed: number;
      ack_at: string | null;
      ack_comment: string | null;
    }>();
  return results.map((r) => ({
    id: r.id,
    subject: r.subject,
    agencyId: r.agency_id,
    serviceTypeCode: r.service_type_code,
    state: r.state,
    resolutionDueAt: r.resolution_due_at,
    escalations: r.escalations,
    ackMissed: r.ack_missed === 1,
    acknowledgedAt: r.ack_at,
    lastComment: r.ack_comment,
  }));
}

/** Open overdue cases per agency and service type (for the public page). */
export async function openOverdueByServiceType(
  db: D1Database,
  nowIso: string,
): Promise<{ agencyId: string; serviceTypeCode: string; n: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT agency_id, service_type_code, COUNT(*) AS n FROM cases
       WHERE state IN (${openList}) AND (resolution_due_at < ? OR ack_missed = 1) GROUP BY agency_id, service_type_code`,
    )
    .bind(nowIso)
    .all<{ agency_id: string; service_type_code: string; n: number }>();
  return results.map((r) => ({ agencyId: r.agency_id, serviceTypeCode: r.service_type_code, n: r.n }));
}

/** Officers and supervisors of the given agencies (for the dashboard's officer filter). */
export async function staffOf(db: D1Database, agencyIds: string[]): Promise<{ id: string; displayName: string; agencyId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, display_name, agency_id FROM users
       WHERE role IN ('officer', 'supervisor') AND ${inList('agency_id')} ORDER BY agency_id, display_name`,
    )
    .bind(listArg(agencyIds))
    .all<{ id: string; display_name: string; agency_id: string }>();
  return results.map((r) => ({ id: r.id, displayName: r.display_name, agencyId: r.agency_id }));
}
