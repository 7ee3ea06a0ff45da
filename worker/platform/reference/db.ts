import type { CaseKind, CaseSlaRules } from '../../../workflows/case/contract';

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
  priorityTier: 'most_urgent' | 'urgent' | 'normal';
  formSchema: FormField[];
  sla: CaseSlaRules;
}

/** An extra field a service type asks for; the filing form is rendered from these. */
export interface FormField {
  name: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox';
  labelZh: string;
  labelEn: string;
  required: boolean;
  options?: { value: string; labelZh: string; labelEn: string }[];
  maxLength?: number;
  /** Bounds of a number field (default 0 … 1,000,000,000). */
  min?: number;
  max?: number;
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
  priority_tier: ServiceType['priorityTier'];
  form_schema: string;
  escalation_repeat: string;
  transfer_window: string;
  supplement_period: string;
  supplement_reminder_before: string;
  auto_close_after: string;
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
  priorityTier: r.priority_tier,
  formSchema: JSON.parse(r.form_schema) as FormField[],
  sla: {
    escalationRepeat: r.escalation_repeat,
    transferWindow: r.transfer_window,
    supplementPeriod: r.supplement_period,
    supplementReminderBefore: r.supplement_reminder_before,
    autoCloseAfter: r.auto_close_after,
  },
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

export async function agencyExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS x FROM agencies WHERE id = ?').bind(id).first()) !== null;
}

export async function isOfficerOf(db: D1Database, userId: string, agencyId: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS x FROM users WHERE id = ? AND agency_id = ? AND role IN ('officer', 'supervisor')`)
    .bind(userId, agencyId)
    .first();
  return row !== null;
}
