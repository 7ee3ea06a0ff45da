import type { CaseKind } from '../../workflows/contracts';

export interface Agency {
  id: string;
  nameZh: string;
  nameEn: string;
  parentId: string | null;
}

export interface ServiceType {
  code: string;
  agencyId: string;
  kind: CaseKind;
  nameZh: string;
  nameEn: string;
  ackPeriod: string;
  resolutionPeriod: string;
}

interface AgencyRow {
  id: string;
  name_zh: string;
  name_en: string;
  parent_id: string | null;
}

interface ServiceTypeRow {
  code: string;
  agency_id: string;
  kind: CaseKind;
  name_zh: string;
  name_en: string;
  ack_period: string;
  resolution_period: string;
}

const toAgency = (r: AgencyRow): Agency => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, parentId: r.parent_id });

const toServiceType = (r: ServiceTypeRow): ServiceType => ({
  code: r.code,
  agencyId: r.agency_id,
  kind: r.kind,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  ackPeriod: r.ack_period,
  resolutionPeriod: r.resolution_period,
});

export async function listAgencies(db: D1Database): Promise<Agency[]> {
  const { results } = await db.prepare('SELECT * FROM agencies ORDER BY id').all<AgencyRow>();
  return results.map(toAgency);
}

export async function listServiceTypes(db: D1Database, kind?: CaseKind): Promise<ServiceType[]> {
  const stmt = kind
    ? db.prepare('SELECT * FROM service_types WHERE active = 1 AND kind = ? ORDER BY code').bind(kind)
    : db.prepare('SELECT * FROM service_types WHERE active = 1 ORDER BY code');
  const { results } = await stmt.all<ServiceTypeRow>();
  return results.map(toServiceType);
}

export async function findServiceType(db: D1Database, code: string): Promise<ServiceType | null> {
  const row = await db
    .prepare('SELECT * FROM service_types WHERE code = ? AND active = 1')
    .bind(code)
    .first<ServiceTypeRow>();
  return row ? toServiceType(row) : null;
}
