/**
 * Request and response shapes of the petition API. Plain zod (with `.meta()` for OpenAPI) so
 * that the web components can import the same schemas for client-side checks.
 */
import { z } from 'zod';
import { identityLevels } from '../platform/identity';
import { CONFIRMATION_SECONDS_MAX, THRESHOLD_MAX, defaultConfirmationSettings, emailConfirmationModes } from '../../domain/petitions/settings';
import { petitionEventTypes, petitionStates, rejectionGrounds } from '../../workflows/petition/contract';
import { PlainDateSchema, trimmed } from '../platform/schemas';

export const PetitionStateSchema = z.enum(petitionStates);
export const RejectionGroundSchema = z.enum(rejectionGrounds);

export const PetitionIdSchema = z
  .string()
  .regex(/^P-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/, 'Not a petition number.')
  .meta({ example: 'P-20261130-7KQ2MX' });
export const PetitionIdParamSchema = z.object({ id: PetitionIdSchema });

/** Texts: plain text only (rendered as text, never as HTML). */
export const CreatePetitionRequestSchema = z
  .strictObject({
    title: trimmed(5, 100),
    summary: trimmed(10, 500),
    body: trimmed(30, 10_000),
  })
  .meta({ id: 'CreatePetitionRequest' });

export const petitionFilters = ['open', 'passed', 'awaiting_response', 'responded', 'overdue', 'not_passed', 'closed'] as const;
export const petitionSorts = ['newest', 'most_endorsed', 'ending_soon', 'response_due'] as const;

export const PetitionListQuerySchema = z.object({
  filter: z.enum(petitionFilters).optional(),
  sort: z.enum(petitionSorts).default('newest'),
  q: z.string().trim().min(1).max(100).optional().meta({ description: 'Substring search (any language; Chinese included).' }),
  agency: z.string().trim().min(1).max(40).optional().meta({ description: 'Only petitions assigned to this agency (its id).' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

/** The figures of the accountability table a manager can open as a list of petitions. */
export const oversightFigures = ['awaiting_review', 'review_overdue', 'awaiting_response', 'overdue', 'responded', 'responded_on_time', 'responded_late'] as const;
export type OversightFigure = (typeof oversightFigures)[number];
export const OversightQuerySchema = z.object({
  figure: z.enum(oversightFigures),
  agency: z.string().trim().min(1).max(40).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const SimilarQuerySchema = z.object({ q: z.string().trim().min(2).max(200) });

export const PetitionSummarySchema = z
  .object({
    id: PetitionIdSchema,
    title: z.string(),
    summary: z.string(),
    state: PetitionStateSchema,
    agencyId: z.string().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    windowEndsAt: z.iso.datetime().nullable(),
    threshold: z.int(),
    endorsements: z.int().meta({ description: 'Valid endorsements (distinct people), counted exactly at read.' }),
    responseDueAt: z.iso.datetime().nullable(),
    responseOverdue: z.boolean(),
    extended: z.boolean(),
    respondedAt: z.iso.datetime().nullable(),
    respondedOnTime: z.boolean().nullable(),
  })
  .meta({ id: 'PetitionSummary' });
export type PetitionSummary = z.infer<typeof PetitionSummarySchema>;

export const PetitionListSchema = z.object({ items: z.array(PetitionSummarySchema), total: z.int() }).meta({ id: 'PetitionList' });

export const ResponsePointSchema = z.strictObject({ heading: trimmed(1, 500), answer: trimmed(2, 10_000) });
export const PetitionResponseSchema = z.object({ summary: z.string(), points: z.array(z.object({ heading: z.string(), answer: z.string() })) });
export const MeetingSchema = z.object({ date: PlainDateSchema, attendees: z.string(), minutes: z.string() });

export const PetitionEventSchema = z.object({
  seq: z.int(),
  type: z.union([z.enum(petitionEventTypes), z.literal('submitted')]),
  occurredAt: z.iso.datetime(),
  body: z.record(z.string(), z.unknown()),
});

export const PetitionDetailSchema = PetitionSummarySchema.extend({
  body: z.string(),
  submittedAt: z.iso.datetime().nullable(),
  reviewDueAt: z.iso.datetime().nullable(),
  reviewOverdue: z.boolean(),
  passedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  finalCount: z.int().nullable(),
  originalResponseDueAt: z.iso.datetime().nullable(),
  extensionReason: z.string().nullable(),
  response: PetitionResponseSchema.nullable(),
  meeting: MeetingSchema.nullable(),
  rejectionGround: RejectionGroundSchema.nullable(),
  rejectionMessage: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  workflowStarted: z.boolean(),
  isProposer: z.boolean(),
  progressPercent: z.int().min(0).max(100),
  daily: z.array(z.object({ day: PlainDateSchema, count: z.int() })).meta({ description: 'Valid endorsements per Taipei day.' }),
  viewer: z
    .object({
      endorsement: z.enum(['pending', 'valid', 'invalidated']).nullable(),
      awaitingConfirmation: z.boolean().meta({ description: 'Pending until the e-mailed link is confirmed.' }),
      follows: z.boolean(),
      canEndorse: z.boolean(),
    })
    .nullable(),
  timeline: z.array(PetitionEventSchema),
}).meta({ id: 'PetitionDetail' });
export type PetitionDetail = z.infer<typeof PetitionDetailSchema>;

export const EndorseRequestSchema = z
  .strictObject({ follow: z.boolean().default(false).meta({ description: 'Be notified at each stage.' }) })
  .meta({ id: 'EndorseRequest' });
export const EndorsementResultSchema = z
  .object({
    state: z.enum(['pending', 'valid', 'invalidated']).nullable(),
    awaitingConfirmation: z.boolean().meta({ description: 'A confirmation link was e-mailed; the endorsement counts once confirmed.' }),
    endorsements: z.int(),
    threshold: z.int(),
  })
  .meta({ id: 'EndorsementResult' });

export const ConfirmEndorsementRequestSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).meta({ id: 'ConfirmEndorsementRequest' });
export const ConfirmEndorsementResultSchema = z
  .object({ petitionId: z.string(), title: z.string(), state: z.enum(['pending', 'valid']), endorsements: z.int(), threshold: z.int() })
  .meta({ id: 'ConfirmEndorsementResult' });

export const EmptyActionSchema = z.strictObject({});
export const RejectRequestSchema = z
  .strictObject({ ground: RejectionGroundSchema, message: trimmed(5, 2000), duplicateOf: PetitionIdSchema.optional() })
  .meta({ id: 'RejectPetitionRequest' });
export const AssignAgencyRequestSchema = z.strictObject({ agencyId: trimmed(1, 40) }).meta({ id: 'AssignAgencyRequest' });
export const TransferRequestSchema = z.strictObject({ toAgencyId: trimmed(1, 40), reason: trimmed(5, 2000) }).meta({ id: 'TransferPetitionRequest' });
export const ExtendRequestSchema = z.strictObject({ period: trimmed(2, 10), reason: trimmed(5, 2000) }).meta({ id: 'ExtendResponseRequest' });
export const RespondRequestSchema = z
  .strictObject({ summary: trimmed(5, 10_000), points: z.array(ResponsePointSchema).min(1).max(50) })
  .meta({ id: 'PetitionResponseRequest' });
export const MeetingRequestSchema = z
  .strictObject({ date: PlainDateSchema, attendees: trimmed(2, 2000), minutes: trimmed(5, 20_000) })
  .meta({ id: 'MeetingRequest' });

export const SettingsSchema = z
  .strictObject({
    threshold: z.int().min(1).max(THRESHOLD_MAX),
    reviewPeriod: trimmed(2, 10),
    endorsementWindow: trimmed(2, 10),
    responsePeriod: trimmed(2, 10),
    closeAfter: trimmed(2, 10),
    endorseLevel: z.enum(identityLevels),
    emailConfirmation: z
      .enum(emailConfirmationModes)
      .default(defaultConfirmationSettings.emailConfirmation)
      .meta({ description: "'off': only accounts at the identity level endorse, at once (Join). 'below_level': accounts below it endorse pending an e-mailed confirmation link. 'always': as 'below_level', and every other endorsement waits for its link too." }),
    confirmationSeconds: z.int().min(1).max(CONFIRMATION_SECONDS_MAX).default(defaultConfirmationSettings.confirmationSeconds),
  })
  .meta({ id: 'PetitionSettings' });

export const QuietPeriodRequestSchema = z
  .strictObject({ from: z.iso.datetime(), until: z.iso.datetime(), reason: trimmed(5, 500) })
  .refine((q) => Date.parse(q.until) > Date.parse(q.from), { message: 'until must be after from.', path: ['until'] })
  .meta({ id: 'QuietPeriodRequest' });
export const QuietPeriodSchema = z.object({ id: z.int(), from: z.iso.datetime(), until: z.iso.datetime(), reason: z.string() }).meta({ id: 'QuietPeriod' });

export const InvalidationCriteriaSchema = z
  .strictObject({
    from: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    network: z.string().regex(/^[0-9a-f]{16}$/).optional().meta({ description: 'A network id from the integrity report.' }),
    accountsCreatedAfter: z.iso.datetime().optional().meta({ description: 'Only accounts younger than this instant.' }),
    flaggedOnly: z.boolean().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: 'Name at least one criterion.' });
export const InvalidationRequestSchema = z
  .strictObject({ criteria: InvalidationCriteriaSchema, reason: trimmed(5, 1000), dryRun: z.boolean().default(true) })
  .meta({ id: 'InvalidationRequest' });
export const InvalidationResultSchema = z
  .object({ dryRun: z.boolean(), affected: z.int(), invalidationId: z.int().nullable(), endorsements: z.int() })
  .meta({ id: 'InvalidationResult' });

export const IntegrityReportSchema = z
  .object({
    counts: z.object({ pending: z.int(), valid: z.int(), invalidated: z.int(), flagged: z.int() }),
    networks: z.array(z.object({ network: z.string(), endorsements: z.int(), flagged: z.int(), firstAt: z.string(), lastAt: z.string() })),
    invalidations: z.array(
      z.object({ id: z.int(), criteria: z.record(z.string(), z.unknown()), reason: z.string(), affected: z.int(), createdAt: z.string(), undoneAt: z.string().nullable() }),
    ),
  })
  .meta({ id: 'PetitionIntegrityReport' });

export const AgencyAccountabilitySchema = z
  .object({
    agencyId: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    awaitingResponse: z.int(),
    overdue: z.int(),
    responded: z.int(),
    respondedOnTime: z.int(),
    onTimeRate: z.number().nullable().meta({ description: 'Responded on time ÷ (responded + open and overdue); null with nothing to rate.' }),
  })
  .meta({ id: 'PetitionAgencyAccountability' });
export const AccountabilitySchema = z
  .object({ awaitingReview: z.int(), reviewOverdue: z.int(), agencies: z.array(AgencyAccountabilitySchema) })
  .meta({ id: 'PetitionAccountability' });

export const OversightListSchema = z
  .object({
    items: z.array(
      PetitionSummarySchema.extend({ submittedAt: z.string().nullable(), reviewDueAt: z.string().nullable(), reviewOverdue: z.boolean() }),
    ),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
  })
  .meta({ id: 'PetitionOversightList' });
