/** Response shapes of the Worker API (see worker/schemas.ts; generated OpenAPI at /api/v1/openapi.json). */
import type { z } from 'zod';
import type {
  CaseDetailSchema,
  CaseSummarySchema,
  DashboardScopeQuerySchema,
  EscalationListSchema,
  NotificationListSchema,
  PerformanceQuerySchema,
  PerformanceSchema,
  PublicAgencyStatsSchema,
  SlaBoardSchema,
  UserSchema,
} from '../../../worker/schemas';

export type User = z.infer<typeof UserSchema>;
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type CaseEvent = CaseDetail['timeline'][number];
export type NotificationList = z.infer<typeof NotificationListSchema>;
export type DashboardScopeQuery = z.input<typeof DashboardScopeQuerySchema>;
export type SlaBoard = z.infer<typeof SlaBoardSchema>;
export type SlaState = SlaBoard['items'][number]['slaState'];
export type PriorityTier = SlaBoard['items'][number]['priorityTier'];
export type PerformanceQuery = z.input<typeof PerformanceQuerySchema>;
export type Performance = z.infer<typeof PerformanceSchema>;
export type PerformanceRow = Performance['total'];
export type EscalationList = z.infer<typeof EscalationListSchema>;
export type Escalation = EscalationList['items'][number];
export type PublicAgencyStats = z.infer<typeof PublicAgencyStatsSchema>;

export interface Agency {
  id: string;
  nameZh: string;
  nameEn: string;
  parentId: string | null;
}

export interface ServiceType {
  code: string;
  agencyId: string;
  kind: 'grievance' | 'application';
  nameZh: string;
  nameEn: string;
  ackPeriod: string;
  resolutionPeriod: string;
  formSchema: FormField[];
}

export interface FormField {
  name: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox';
  labelZh: string;
  labelEn: string;
  required: boolean;
  options?: { value: string; labelZh: string; labelEn: string }[];
}
