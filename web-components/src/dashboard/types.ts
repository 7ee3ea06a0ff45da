/** Response shapes of the dashboard, escalation and public-figure APIs (see worker/dashboard/schemas.ts). */
import type { z } from 'zod';
import type { EscalationListSchema, PerformanceSchema, PublicAgencyStatsSchema, SlaBoardSchema } from '../../../worker/dashboard/schemas';

export type SlaBoard = z.infer<typeof SlaBoardSchema>;
export type SlaState = SlaBoard['items'][number]['slaState'];
export type PriorityTier = SlaBoard['items'][number]['priorityTier'];
export type Performance = z.infer<typeof PerformanceSchema>;
export type PerformanceRow = Performance['total'];
export type EscalationList = z.infer<typeof EscalationListSchema>;
export type Escalation = EscalationList['items'][number];
export type PublicAgencyStats = z.infer<typeof PublicAgencyStatsSchema>;
