/**
 * Read queries behind the Open311 GeoReport v2 endpoints. They select only what the Open311
 * shape needs; the route decides per case whether the free text and location may be shown.
 */
import type { CaseKind, CaseState } from '../../workflows/case/contract';

export interface Open311CaseRecord {
  id: string;
  serviceTypeCode: string;
  agencyId: string;
  citizenId: string;
  kind: CaseKind;
  /** Personal data (free text and place): shown only to the case's citizen and its agency. */
  description: string;
  location: string | null;
  state: CaseState;
  receivedAt: string;
  updatedAt: string;
  resolutionDueDate: string | null;
  resolutionDueAt: string | null;
  serviceNameZh: string;
  serviceNameEn: string;
  ackPeriod: string;
  resolutionPeriod: string;
  agencyNameZh: string;
  agencyNameEn: string;
}

interface Row {
  id: string;
  service_type_code: string;
  agency_id: string;
  citizen_id: string;
  kind: CaseKind;
  description: string;
  location: string | null;
  state: CaseState;
  received_at: string;
  updated_at: string;
  resolution_due_date: string | null;
  resolution_due_at: string | null;
  service_name_zh: string;
  service_name_en: string;
  ack_period: string;
  resolution_period: string;
  agency_name_zh: string;
  agency_name_en: string;
}

const toRecord = (r: Row): Open311CaseRecord => ({
  id: r.id,
  serviceTypeCode: r.service_type_code,
  agencyId: r.agency_id,
  citizenId: r.citizen_id,
  kind: r.kind,
  description: r.description,
  location: r.location,
  state: r.state,
  receivedAt: r.received_at,
  updatedAt: r.updated_at,
  resolutionDueDate: r.resolution_due_date,
  resolutionDueAt: r.resolution_due_at,
  serviceNameZh: r.service_name_zh,
  serviceNameEn: r.service_name_en,
  ackPeriod: r.ack_period,
  resolutionPeriod: r.resolution_period,
  agencyNameZh: r.agency_name_zh,
  agencyNameEn: r.agency_name_en,
});

// The agency is the case's current one (it changes on transfer), not the service type's.
const SELECT = `
  SELECT c.id, c.service_type_code, c.agency_id, c.citizen_id, c.kind, c.description, c.location, c.state,
         c.received_at, c.updated_at, c.resolution_due_date, c.resolution_due_at,
         s.name_zh AS service_name_zh, s.name_en AS service_name_en, s.ack_period, s.resolution_period,
         a.name_zh AS agency_name_zh, a.name_en AS agency_name_en
  FROM cases c
  JOIN service_types s ON s.code = c.service_type_code
  JOIN agencies a ON a.id = c.agency_id`;

/** D1 allows 100 bound parameters per statement; the route caps its lists well below that. */
export interface Open311CaseFilter {
  ids?: readonly string[];
  serviceCodes?: readonly string[];
  states?: readonly CaseState[];
  /** Inclusive bounds on received_at, as UTC ISO instants (the stored format). */
  receivedFrom?: string;
  receivedTo?: string;
  limit: number;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Newest first. */
export async function listOpen311Cases(db: D1Database, f: Open311CaseFilter): Promise<Open311CaseRecord[]> {
  const where: string[] = [];
  const binds: (string | number)[] = [];
  if (f.ids?.length) {
    where.push(`c.id IN (${placeholders(f.ids.length)})`);
    binds.push(...f.ids);
  }
  if (f.serviceCodes?.length) {
    where.push(`c.service_type_code IN (${placeholders(f.serviceCodes.length)})`);
    binds.push(...f.serviceCodes);
  }
  if (f.states?.length) {
    where.push(`c.state IN (${placeholders(f.states.length)})`);
    binds.push(...f.states);
  }
  if (f.receivedFrom) {
    where.push('c.received_at >= ?');
    binds.push(f.receivedFrom);
  }
  if (f.receivedTo) {
    where.push('c.received_at <= ?');
    binds.push(f.receivedTo);
  }
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_at DESC, c.id LIMIT ?`;
  const { results } = await db
    .prepare(sql)
    .bind(...binds, f.limit)
    .all<Row>();
  return results.map(toRecord);
}

export async function findOpen311Case(db: D1Database, id: string): Promise<Open311CaseRecord | null> {
  const row = await db.prepare(`${SELECT} WHERE c.id = ?`).bind(id).first<Row>();
  return row ? toRecord(row) : null;
}
