/**
 * Request and response shapes of the manager dashboard, escalations and public figures.
 */
import { z } from 'zod';
import { CaseStateSchema, SlaStateSchema } from '../cases/schemas';
import { trimmed } from '../platform/schemas';

const SlaCountsSchema = z.object({
  on_track: z.int(),
  warned_50: z.int(),
  warned_75: z.int(),
  breached: z.int(),
  paused: z.int(),
});

export const DashboardScopeQuerySchema = z.strictObject({
  agencyId: z.string().min(1).max(40).optional().meta({ description: 'An agency and its sub-agencies.' }),
  serviceTypeCode: z.string().min(1).max(40).optional(),
  priority: z.enum(['most_urgent', 'urgent', 'normal']).optional(),
  assigneeId: z.string().min(1).max(64).optional(),
  sla: SlaStateSchema.optional(),
});

export const StuckProjectionsSchema = z
  .object({
    stuck: z.int().meta({ description: 'Workflows whose write-back the edge keeps refusing (retried with backoff).' }),
    oldestAt: z.iso.datetime().nullable(),
    lastCode: z.string().nullable().meta({ description: 'Problem type of the latest refusal.' }),
  })
  .meta({ id: 'StuckProjections' });
export const SlaBoardQuerySchema = DashboardScopeQuerySchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1).meta({ description: 'Page of the open-case list, from 1.' }),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const SlaBoardSchema = z
  .object({
    asOf: z.iso.datetime(),
    counts: SlaCountsSchema,
    stuckProjections: StuckProjectionsSchema,
    total: z.int().meta({ description: 'Open cases matching the filters (all pages).' }),
    page: z.int(),
    pageSize: z.int(),
    items: z.array(
      z.object({
        id: z.string(),
        subject: z.string(),
        agencyId: z.string(),
        serviceTypeCode: z.string(),
        priorityTier: z.enum(['most_urgent', 'urgent', 'normal']),
        assigneeId: z.string().nullable(),
        state: CaseStateSchema,
        slaState: SlaStateSchema,
        resolutionDueAt: z.iso.datetime().nullable(),
        workingDaysLeft: z.int().nullable().meta({ description: 'Negative when overdue.' }),
      }),
    ),
  })
  .meta({ id: 'SlaBoard' });

export const PerformanceQuerySchema = z.strictObject({
  from: z.iso.date().meta({ description: 'First day (Taipei), inclusive.' }),
  to: z.iso.date().meta({ description: 'Last day (Taipei), inclusive.' }),
  agencyId: z.string().min(1).max(40).optional(),
  groupBy: z.enum(['agency', 'service_type']).default('agency'),
});

export const PerformanceRowSchema = z.object({
  key: z.string(),
  cases: z.int().meta({ description: 'Cases received in the period (not-processed included).' }),
  met: z.int(),
  breached: z.int().meta({ description: 'Answered having missed a legal deadline (acknowledgement or answer).' }),
  missedAck: z.int().meta({ description: 'Of the breached: missed the acknowledgement (受理) deadline.' }),
  missedAnswer: z.int().meta({ description: 'Of the breached: answered after the answer deadline.' }),
  openOverdue: z.int().meta({ description: 'Still open and past a deadline now (answer, or acknowledgement missed): counts as breached.' }),
  notProcessed: z.int().meta({ description: 'Art. 173 closures: counted, excluded from the rate.' }),
  onTimeRate: z.number().nullable().meta({ description: 'met / (met + breached + openOverdue); null without data.' }),
  p50HandlingDays: z.number().nullable().meta({ description: 'Working days from receipt to reply, median.' }),
  p90HandlingDays: z.number().nullable(),
  transfersPerCase: z.number().nullable(),
  reopenRate: z.number().nullable(),
  satisfaction: z.number().nullable().meta({ description: 'Average survey score (1–5) of answered cases.' }),
  satisfactionResponses: z.int(),
});

export const PerformanceSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    groupBy: z.enum(['agency', 'service_type']),
    total: PerformanceRowSchema,
    rows: z.array(PerformanceRowSchema),
    trend: z.array(
      z.object({
        weekStart: z.iso.date().meta({ description: 'Monday of the ISO week (Taipei), by reply date.' }),
        met: z.int(),
        breached: z.int(),
        onTimeRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'Performance' });

export const EscalationListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        subject: z.string(),
        agencyId: z.string(),
        serviceTypeCode: z.string(),
        state: CaseStateSchema,
        resolutionDueAt: z.iso.datetime().nullable(),
        workingDaysOverdue: z.int().nullable(),
        escalations: z.int(),
        ackMissed: z.boolean().meta({ description: 'The acknowledgement (受理) deadline was missed.' }),
        acknowledgedAt: z.iso.datetime().nullable().meta({ description: 'When someone in scope last acknowledged the breach.' }),
        lastComment: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'EscalationList' });

export const EscalationAckSchema = z
  .strictObject({ comment: trimmed(2, 2000) })
  .meta({ id: 'EscalationAck' });

export const PublicAgencyStatsSchema = z
  .object({
    asOf: z.iso.date().meta({ description: 'The day (Taipei) the figures were computed; updated daily.' }),
    windowDays: z.int(),
    minCount: z.int().meta({ description: 'Counts below this are suppressed (null) to protect privacy.' }),
    agencies: z.array(
      z.object({
        agencyId: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        decided: z.int().nullable().meta({ description: 'met + breached + open overdue; null when suppressed.' }),
        onTimeRate: z.number().nullable(),
        medianHandlingDays: z.number().nullable(),
        openOverdue: z.array(z.object({ serviceTypeCode: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.int().nullable() })),
      }),
    ),
  })
  .meta({ id: 'PublicAgencyStats' });

export const StaffListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), agencyId: z.string() })) })
  .meta({ id: 'StaffList' });
