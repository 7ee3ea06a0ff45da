/**
 * Every request and response shape of the public API, in one place. Plain zod (with `.meta()`
 * for OpenAPI) so that the web components can import the same schemas for client-side checks.
 */
import { z } from 'zod';
import { caseStates, notProcessedCodes, slaStates } from '../workflows/contracts';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const LocaleSchema = z.enum(['zh-TW', 'en']);
export const RoleSchema = z.enum(['citizen', 'officer', 'supervisor', 'manager', 'admin']);
export const CaseKindSchema = z.enum(['grievance', 'application']);
export const CaseStateSchema = z.enum(caseStates);
export const SlaStateSchema = z.enum(slaStates);
const NotProcessedCodeSchema = z.enum(notProcessedCodes);
const PlainDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ example: '2026-11-26' });
const CaseIdSchema = z
  .string()
  .regex(/^\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/, 'Not a case number.')
  .meta({ example: '20261123-7KQ2MX' });

// ---- accounts -------------------------------------------------------------

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.email(),
    displayName: z.string(),
    role: RoleSchema,
    agencyId: z.string().nullable(),
    locale: LocaleSchema,
    helper: z.boolean().meta({ description: 'A registered community helper (資訊代理人).' }),
    oversees: z.boolean().meta({ description: 'Staff of an oversight (研考) unit that oversees other agencies.' }),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const LoginRequestSchema = z
  .strictObject({
    email: z.email().max(254),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginRequest' });

export const RegisterRequestSchema = z
  .strictObject({
    email: z.email().max(254),
    password: z.string().min(10, 'Use at least 10 characters.').max(256),
    displayName: trimmed(1, 80),
    locale: LocaleSchema.default('zh-TW'),
  })
  .meta({ id: 'RegisterRequest' });

export const ApiTokenRequestSchema = z
  .strictObject({
    label: trimmed(1, 80),
    expiresInDays: z.int().min(1).max(365).default(90),
  })
  .meta({ id: 'ApiTokenRequest' });

export const ApiTokenSchema = z
  .object({ token: z.string(), label: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'ApiToken' });

// ---- reference data ---------------------------------------------------------

export const AgencySchema = z
  .object({
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    parentId: z.string().nullable(),
  })
  .meta({ id: 'Agency' });

export const ServiceTypeSchema = z
  .object({
    code: z.string(),
    agencyId: z.string(),
    kind: CaseKindSchema,
    nameZh: z.string(),
    nameEn: z.string(),
    ackPeriod: z.string().meta({ description: "Acknowledgement period, e.g. '3wd' (working days)." }),
    resolutionPeriod: z.string().meta({ description: "Resolution period, e.g. '30d' or '2mo'." }),
    priorityTier: z.enum(['most_urgent', 'urgent', 'normal']),
    formSchema: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'checkbox']),
        labelZh: z.string(),
        labelEn: z.string(),
        required: z.boolean(),
        options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })).optional(),
        maxLength: z.int().optional(),
      }),
    ),
  })
  .meta({ id: 'ServiceType' });

export const ServiceTypeQuerySchema = z.strictObject({ kind: CaseKindSchema.optional() });

// ---- cases ------------------------------------------------------------------

export const CreateCaseRequestSchema = z
  .strictObject({
    serviceTypeCode: trimmed(1, 40),
    subject: trimmed(3, 120),
    description: trimmed(10, 5000),
    location: trimmed(1, 200).optional(),
    formData: z
      .record(z.string().max(40), z.union([z.string().max(5000), z.number(), z.boolean()]))
      .optional()
      .meta({ description: "Values of the service type's extra form fields (see formSchema)." }),
  })
  .meta({ id: 'CreateCaseRequest' });
export type CreateCaseRequest = z.infer<typeof CreateCaseRequestSchema>;

export const CaseSummarySchema = z
  .object({
    id: CaseIdSchema,
    serviceTypeCode: z.string(),
    agencyId: z.string(),
    subject: z.string(),
    state: CaseStateSchema,
    receivedAt: z.iso.datetime(),
    ackDueDate: PlainDateSchema.nullable().meta({
      description: 'Acknowledgement deadline; null until the case workflow has computed it.',
    }),
    resolutionDueDate: PlainDateSchema.nullable(),
    repliedAt: z.iso.datetime().nullable(),
    kind: CaseKindSchema,
    slaState: SlaStateSchema,
    assigneeId: z.string().nullable(),
    ackDueAt: z.iso.datetime().nullable().meta({ description: 'End of the acknowledgement deadline (instant).' }),
    resolutionDueAt: z.iso.datetime().nullable().meta({ description: 'Current answer deadline (instant).' }),
    originalResolutionDueAt: z.iso.datetime().nullable().meta({ description: 'The deadline before any extension or pause shift.' }),
    extended: z.boolean(),
    pausedSince: z.iso.datetime().nullable(),
    supplementDueAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseEventSchema = z
  .object({
    seq: z.int(),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    actorRole: RoleSchema.nullable(),
    body: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'CaseEvent' });

const CaseLegSchema = z
  .object({
    agencyId: z.string(),
    startedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().meta({ description: "The agency leg's own internal due instant." }),
    endedAt: z.iso.datetime().nullable(),
    timely: z.boolean().nullable().meta({ description: 'For a leg that ended in a transfer: within the transfer window?' }),
  })
  .meta({ id: 'CaseLeg' });

export const CaseDetailSchema = CaseSummarySchema.extend({
  description: z.string(),
  location: z.string().nullable(),
  formData: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  legs: z.array(CaseLegSchema),
  closedAt: z.iso.datetime().nullable(),
  notProcessedCode: z.string().nullable(),
  filedOnBehalf: z.boolean().meta({ description: 'Filed by a counter officer or helper with the citizen’s consent.' }),
  satisfactionScore: z.int().nullable().meta({ description: "The citizen's survey score after the answer, once given." }),
  workflowStarted: z.boolean().meta({ description: 'False while the submission waits in the outbox.' }),
  timeline: z.array(CaseEventSchema),
}).meta({ id: 'CaseDetail' });
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const CaseListSchema = z.object({ items: z.array(CaseSummarySchema) }).meta({ id: 'CaseList' });

export const CaseIdParamSchema = z.strictObject({ id: CaseIdSchema });

export const InboxQuerySchema = z.strictObject({
  state: z.enum(['open', 'all']).default('open'),
  sla: SlaStateSchema.optional(),
  serviceTypeCode: z.string().min(1).max(40).optional(),
  assignee: z.enum(['me', 'unassigned']).optional(),
});

export const AssistedCaseRequestSchema = CreateCaseRequestSchema.extend({
  citizen: z
    .strictObject({
      email: z.email().max(254),
      displayName: trimmed(1, 80),
    })
    .meta({ description: 'The citizen filed for; an account without a password is created when none exists.' }),
  consent: z.strictObject({
    method: z.enum(['signed_form', 'verbal_recorded', 'digital']),
    statement: trimmed(5, 1000).meta({ description: 'What the citizen agreed to, as recorded.' }),
  }),
}).meta({ id: 'AssistedCaseRequest' });

export const ReplyRequestSchema = z
  .strictObject({ message: trimmed(5, 10000) })
  .meta({ id: 'ReplyRequest' });

const slaPeriod = z
  .string()
  .regex(/^[1-9][0-9]{0,4}(d|wd|mo|s)$/, "Use a period such as '30d', '10wd' or '1mo'.");

export const EmptyActionSchema = z.strictObject({}).meta({ id: 'EmptyAction' });
export const AssignRequestSchema = z.strictObject({ assigneeId: z.string().min(1).max(64) }).meta({ id: 'AssignRequest' });
export const SupplementRequestSchema = z
  .strictObject({ message: trimmed(5, 5000), period: slaPeriod.optional() })
  .meta({ id: 'SupplementRequest' });
export const SupplementSchema = z.strictObject({ message: trimmed(2, 5000) }).meta({ id: 'Supplement' });
export const ExtendRequestSchema = z
  .strictObject({ period: slaPeriod, reason: trimmed(5, 2000) })
  .meta({ id: 'ExtendRequest' });
export const TransferRequestSchema = z
  .strictObject({ toAgencyId: z.string().min(1).max(40), reason: trimmed(5, 2000) })
  .meta({ id: 'TransferRequest' });
export const ReasonRequestSchema = z.strictObject({ reason: trimmed(5, 2000) }).meta({ id: 'ReasonRequest' });
export const NotProcessedRequestSchema = z
  .strictObject({
    code: NotProcessedCodeSchema,
    reason: trimmed(5, 2000),
  })
  .meta({ id: 'NotProcessedRequest' });

// ---- health -----------------------------------------------------------------

const ProbeSchema = z.object({ ok: z.boolean(), latencyMs: z.number(), detail: z.string().optional() });
export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    d1: ProbeSchema,
    temporal: ProbeSchema,
    outbox: z.object({ pending: z.int(), oldestPendingAt: z.iso.datetime().nullable() }),
  })
  .meta({ id: 'Health' });

// ---- errors -----------------------------------------------------------------

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string(), in: z.string(), detail: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

// ---- notifications ----------------------------------------------------------

export const NotificationSchema = z
  .object({
    id: z.int(),
    caseId: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationListSchema = z
  .object({ unread: z.int(), items: z.array(NotificationSchema) })
  .meta({ id: 'NotificationList' });

export const NotificationListQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NotificationIdParamSchema = z.strictObject({ id: z.coerce.number().int().min(1) });

export const NotificationPreferencesSchema = z
  .strictObject({ email: z.boolean() })
  .meta({ id: 'NotificationPreferences' });

// ---- administration ---------------------------------------------------------

export const ClosureSchema = z
  .strictObject({
    date: z.iso.date(),
    scope: z.string().min(1).max(40).default('*').meta({ description: "'*' for all agencies, or an agency id." }),
    reason: trimmed(2, 200),
  })
  .meta({ id: 'Closure' });

// ---- manager dashboard and public accountability ----------------------------

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

export const SlaBoardSchema = z
  .object({
    asOf: z.iso.datetime(),
    counts: SlaCountsSchema,
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
  breached: z.int().meta({ description: 'Replied late.' }),
  openOverdue: z.int().meta({ description: 'Still open and past the deadline now: counts as breached.' }),
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

export const SatisfactionRequestSchema = z
  .strictObject({
    score: z.int().min(1).max(5).meta({ description: '1 = very dissatisfied … 5 = very satisfied.' }),
    comment: trimmed(1, 1000).optional(),
  })
  .meta({ id: 'SatisfactionRequest' });

export const StaffListSchema = z
  .object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), agencyId: z.string() })) })
  .meta({ id: 'StaffList' });
