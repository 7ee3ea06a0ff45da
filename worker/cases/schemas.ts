/**
 * Request and response shapes of the case API. Plain zod (with `.meta()` for OpenAPI) so that the
 * web components can import the same schemas for client-side checks.
 */
import { z } from 'zod';
import { caseStates, notProcessedCodes, slaStates } from '../../workflows/case/contract';
import { AttachmentIdsSchema, AttachmentSchema, CaseKindSchema, PhoneSchema, PlainDateSchema, RoleSchema, trimmed } from '../platform/schemas';


export const CaseStateSchema = z.enum(caseStates);

export const SlaStateSchema = z.enum(slaStates);

export const NotProcessedCodeSchema = z.enum(notProcessedCodes);

export const CaseIdSchema = z
  .string()
  .regex(/^\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/, 'Not a case number.')
  .meta({ example: '20261123-7KQ2MX' });

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
    attachmentIds: AttachmentIdsSchema.optional(),
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
    ackMissed: z.boolean().meta({ description: 'The acknowledgement (受理) deadline passed unacknowledged: a breach.' }),
    missedDeadline: z
      .enum(['ack', 'answer', 'ack_and_answer'])
      .nullable()
      .meta({ description: 'For an answered case, which legal deadline it missed.' }),
  })
  .meta({ id: 'CaseSummary' });

export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseEventSchema = z
  .object({
    seq: z.int(),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    actorRole: RoleSchema.nullable(),
    actorAgencyId: z.string().nullable().meta({ description: 'The agency of the staff member who acted (after a transfer, tells the two agencies apart).' }),
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
  filedBy: z
    .object({ id: z.string(), displayName: z.string(), role: RoleSchema, helper: z.boolean() })
    .nullable()
    .meta({ description: 'Who filed on the citizen’s behalf.' }),
  consent: z
    .object({ method: z.enum(['signed_form', 'verbal_recorded', 'digital']), statement: z.string(), recordedAt: z.iso.datetime() })
    .nullable()
    .meta({ description: 'The consent recorded for assisted filing.' }),
  satisfactionScore: z.int().nullable().meta({ description: "The citizen's survey score after the answer, once given." }),
  workflowStarted: z.boolean().meta({ description: 'False while the submission waits in the outbox.' }),
  attachments: z.array(AttachmentSchema).meta({ description: 'Photos and documents of the citizen and the officers.' }),
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
      email: z.email().max(254).optional(),
      phone: PhoneSchema.optional(),
      postalAddress: trimmed(5, 200).optional(),
      displayName: trimmed(1, 80),
    })
    .refine((c) => c.email !== undefined || c.phone !== undefined || c.postalAddress !== undefined, {
      path: ['email'],
      message: 'Give at least an e-mail address, a phone number or a postal address.',
      params: { code: 'contact_required' },
    })
    .meta({
      description:
        'The citizen filed for, reached by e-mail, phone or post; an account without a password is created when none exists ' +
        '(found again by e-mail or phone). Without an e-mail address, notifications are printed or read out at the counter.',
    }),
  consent: z.strictObject({
    method: z.enum(['signed_form', 'verbal_recorded', 'digital']),
    statement: trimmed(5, 1000).meta({ description: 'What the citizen agreed to, as recorded.' }),
  }),
}).meta({ id: 'AssistedCaseRequest' });

export const ReplyRequestSchema = z
  .strictObject({ message: trimmed(5, 10000), attachmentIds: AttachmentIdsSchema.optional() })
  .meta({ id: 'ReplyRequest' });

const slaPeriod = z
  .string()
  .regex(/^[1-9][0-9]{0,4}(d|wd|mo|s)$/, "Use a period such as '30d', '10wd' or '1mo'.");

export const EmptyActionSchema = z.strictObject({}).meta({ id: 'EmptyAction' });

export const AssignRequestSchema = z.strictObject({ assigneeId: z.string().min(1).max(64) }).meta({ id: 'AssignRequest' });

export const SupplementRequestSchema = z
  .strictObject({ message: trimmed(5, 5000), period: slaPeriod.optional() })
  .meta({ id: 'SupplementRequest' });

export const SupplementSchema = z
  .strictObject({ message: trimmed(2, 5000), attachmentIds: AttachmentIdsSchema.optional() })
  .meta({ id: 'Supplement' });

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

export const SatisfactionRequestSchema = z
  .strictObject({
    score: z.int().min(1).max(5).meta({ description: '1 = very dissatisfied … 5 = very satisfied.' }),
    comment: trimmed(1, 1000).optional(),
  })
  .meta({ id: 'SatisfactionRequest' });
