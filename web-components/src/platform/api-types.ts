/** Response shapes of the Worker API (see worker/schemas.ts; generated OpenAPI at /api/v1/openapi.json). */
import type { z } from 'zod';
import type { CaseDetailSchema, CaseSummarySchema } from '../../../worker/cases/schemas';
import type { EscalationListSchema, PerformanceSchema, PublicAgencyStatsSchema, SlaBoardSchema } from '../../../worker/dashboard/schemas';
import type { AgencySchema, NotificationListSchema, ServiceTypeSchema, UserSchema } from '../../../worker/platform/schemas';

export type User = z.infer<typeof UserSchema>;
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type CaseEvent = CaseDetail['timeline'][number];
export type NotificationList = z.infer<typeof NotificationListSchema>;
export type SlaBoard = z.infer<typeof SlaBoardSchema>;
export type SlaState = SlaBoard['items'][number]['slaState'];
export type PriorityTier = SlaBoard['items'][number]['priorityTier'];
export type Performance = z.infer<typeof PerformanceSchema>;
export type PerformanceRow = Performance['total'];
export type EscalationList = z.infer<typeof EscalationListSchema>;
export type Escalation = EscalationList['items'][number];
export type PublicAgencyStats = z.infer<typeof PublicAgencyStatsSchema>;

export type Agency = z.infer<typeof AgencySchema>;
export type ServiceType = z.infer<typeof ServiceTypeSchema>;
export type FormField = ServiceType['formSchema'][number];
