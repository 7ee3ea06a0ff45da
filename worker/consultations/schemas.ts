/**
 * Request and response shapes of the consultation API. Plain zod (with `.meta()` for OpenAPI) so
 * that the web components can import the same schemas for client-side checks.
 */
import { z } from 'zod';
import { consultationStates, responseStates } from '../../workflows/consultation/contract';
import { dispositionOutcomes } from '../../domain/consultations';
import { trimmed } from '../platform/schemas';

export const ConsultationStateSchema = z.enum(consultationStates);
export const ResponseStateSchema = z.enum(responseStates);
export const DispositionOutcomeSchema = z.enum(dispositionOutcomes);
export const IdentityLevelSchema = z.enum(['account', 'email_verified']).meta({
  description:
    "Who may comment, on the platform identity levels: account = any signed-in citizen (none), email_verified = an account at level email_verified or above (default).",
});

/** Longest comment body in characters (the whole request is also capped at 64 KB). */
export const COMMENT_MAX_CHARS = 5000;
/** Longest draft source accepted for import, in characters (within the 64 KB body cap). */
export const DRAFT_MAX_CHARS = 20_000;

export const ConsultationIdSchema = z
  .string()
  .regex(/^C\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/, 'Not a consultation number.')
  .meta({ example: 'C20261130-7KQ2MX' });
export const CommentIdSchema = z
  .string()
  .regex(/^K[0-9A-HJKMNP-TV-Z]{12}$/, 'Not a comment id.')
  .meta({ example: 'K7KQ2MX7KQ2MX' });
export const DispositionIdSchema = z
  .string()
  .regex(/^D[0-9A-HJKMNP-TV-Z]{12}$/, 'Not a disposition id.')
  .meta({ example: 'D7KQ2MX7KQ2MX' });

export const ConsultationIdParamSchema = z.object({ id: ConsultationIdSchema.meta({ param: { name: 'id', in: 'path' } }) });
export const CommentParamSchema = z.object({
  id: ConsultationIdSchema.meta({ param: { name: 'id', in: 'path' } }),
  commentId: CommentIdSchema.meta({ param: { name: 'commentId', in: 'path' } }),
});
export const DispositionParamSchema = z.object({
  id: ConsultationIdSchema.meta({ param: { name: 'id', in: 'path' } }),
  dispositionId: DispositionIdSchema.meta({ param: { name: 'dispositionId', in: 'path' } }),
});

const instant = z.iso.datetime();

export const AttachmentSchema = z
  .strictObject({
    name: trimmed(1, 200),
    url: z.url().max(1000),
    mediaType: trimmed(1, 100).optional(),
    bytes: z.int().min(0).max(1_000_000_000).optional(),
  })
  .meta({ id: 'ConsultationAttachment' });

const periodNotation = z
  .string()
  .regex(/^[1-9][0-9]{0,4}(d|wd|mo|s)$/, "A period like '60d', '20wd', '2mo' (or seconds, '30s', for tests).");

export const CreateConsultationRequestSchema = z
  .strictObject({
    title: trimmed(3, 200),
    legalBasis: trimmed(2, 500).meta({ description: 'The legal basis of the regulation (行政程序法 Art. 154).' }),
    summary: trimmed(10, 5000),
    contact: trimmed(3, 500).meta({ description: 'Where and to whom comments may also be sent.' }),
    attachments: z.array(AttachmentSchema).max(20).default([]),
    draft: z.string().min(1).max(DRAFT_MAX_CHARS).meta({
      description: 'The draft as plain text or Markdown with 第N條 headings (see DRAFT-FORMAT.md); an amendment as 修正條文 / 現行條文 / 說明 blocks.',
    }),
    kind: z.enum(['amendment', 'new']).optional(),
    identityLevel: IdentityLevelSchema.default('email_verified'),
    opensAt: instant.optional().meta({ description: 'Opening; default: the moment it is published.' }),
    commentPeriod: z
      .string()
      .regex(/^[1-9][0-9]{0,3}(d|wd|mo)$/, "A period like '60d', '40wd' or '2mo'.")
      .optional().meta({ description: "Default '60d' (shorter only with an urgency reason)." }),
    closesAt: instant.optional().meta({ description: 'An explicit close instead of a period.' }),
    urgencyReason: trimmed(5, 1000).optional().meta({ description: 'Required for a period shorter than 60 days; shown publicly.' }),
    responsePeriod: periodNotation.default('30d').meta({ description: 'Time after the close to publish the dispositions.' }),
  })
  .meta({ id: 'CreateConsultationRequest' });
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequestSchema>;

export const ReplaceDraftRequestSchema = z
  .strictObject({ draft: z.string().min(1).max(DRAFT_MAX_CHARS), kind: z.enum(['amendment', 'new']).optional() })
  .meta({ id: 'ReplaceDraftRequest' });

export const DiffSegmentSchema = z
  .object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })
  .meta({ id: 'DiffSegment' });

export const ComparisonRowSchema = z
  .object({
    number: z.string(),
    label: z.string(),
    anchor: z.string(),
    title: z.string().optional(),
    status: z.enum(['new', 'amended', 'unchanged', 'deleted']),
    amended: z.string(),
    current: z.string().nullable(),
    currentNumber: z.string().optional(),
    explanation: z.string().optional(),
    changes: z.array(DiffSegmentSchema),
    chapter: z.object({ label: z.string(), title: z.string() }).loose().optional(),
    paragraphs: z.array(z.object({ anchor: z.string(), start: z.int(), end: z.int() }).loose()),
  })
  .meta({ id: 'ComparisonRow' });

export const ConsultationSummarySchema = z
  .object({
    id: ConsultationIdSchema,
    agencyId: z.string(),
    agencyNameZh: z.string(),
    agencyNameEn: z.string(),
    title: z.string(),
    state: ConsultationStateSchema,
    draftKind: z.enum(['amendment', 'new']),
    opensAt: instant.nullable(),
    closesAt: instant.nullable(),
    urgencyReason: z.string().nullable(),
    responseDueAt: instant.nullable(),
    responseState: ResponseStateSchema.nullable(),
    overdue: z.boolean().meta({ description: 'The response deadline passed without a published report.' }),
    reportPublishedAt: instant.nullable(),
    comments: z.int(),
  })
  .meta({ id: 'ConsultationSummary' });
export type ConsultationSummary = z.infer<typeof ConsultationSummarySchema>;

export const ConsultationListSchema = z.object({ items: z.array(ConsultationSummarySchema) }).meta({ id: 'ConsultationList' });

export const ConsultationDetailSchema = ConsultationSummarySchema.extend({
  legalBasis: z.string(),
  summary: z.string(),
  contact: z.string(),
  attachments: z.array(AttachmentSchema),
  identityLevel: IdentityLevelSchema,
  commentPeriod: z.string().nullable(),
  responsePeriod: z.string(),
  draftTitle: z.string().nullable(),
  generalExplanation: z.string().nullable(),
  table: z.array(ComparisonRowSchema).meta({ description: 'The 條文對照表, one row per article.' }),
  following: z.boolean(),
  workflowStarted: z.boolean(),
}).meta({ id: 'ConsultationDetail' });
export type ConsultationDetail = z.infer<typeof ConsultationDetailSchema>;

export const DraftImportProblemSchema = z
  .object({ code: z.string(), line: z.int(), article: z.string().optional(), message: z.string() })
  .meta({ id: 'DraftImportProblem' });

export const PassageSelectionSchema = z.union([
  z.strictObject({ start: z.int().min(0).max(DRAFT_MAX_CHARS), end: z.int().min(1).max(DRAFT_MAX_CHARS) }),
  z.strictObject({ quote: z.string().min(1).max(2000), occurrence: z.int().min(1).max(1000).optional() }),
]);

export const CreateCommentRequestSchema = z
  .strictObject({
    body: trimmed(1, COMMENT_MAX_CHARS).meta({ description: 'Plain text; stored as written and always rendered as text.' }),
    article: z
      .string()
      .regex(/^[1-9][0-9]{0,3}(-[1-9][0-9]{0,2})?$/, "An article number like '12' or '12-1'.")
      .optional()
      .meta({ description: 'Omit to comment on the draft as a whole.' }),
    passage: PassageSelectionSchema.optional().meta({ description: 'A selected passage of the article: a [start, end) range of its text or a quote.' }),
    proposedText: z.string().max(COMMENT_MAX_CHARS).optional().meta({
      description: 'Alternative wording: the whole article text as proposed (shown as a diff against the draft).',
    }),
  })
  .meta({ id: 'CreateCommentRequest' });

export const ReplyRequestSchema = z.strictObject({ body: trimmed(1, COMMENT_MAX_CHARS) }).meta({ id: 'ReplyRequest' });
export const ReportCommentRequestSchema = z.strictObject({ reason: trimmed(1, 500).optional() }).meta({ id: 'ReportCommentRequest' });
export const ModerationRequestSchema = z
  .strictObject({ action: z.enum(['restore', 'remove']), reason: trimmed(3, 1000) })
  .meta({ id: 'ModerationRequest' });

export const DispositionAnswerSchema = z
  .object({
    id: DispositionIdSchema,
    outcome: DispositionOutcomeSchema,
    reason: z.string(),
    groupSize: z.int(),
    decidedAt: instant,
  })
  .meta({ id: 'DispositionAnswer' });

export const CommentSchema = z
  .object({
    id: CommentIdSchema,
    consultationId: ConsultationIdSchema,
    parentId: CommentIdSchema.nullable(),
    article: z.string().nullable(),
    articleLabel: z.string().nullable(),
    anchor: z.string().nullable(),
    passage: z.object({ start: z.int(), end: z.int(), text: z.string() }).nullable(),
    proposedText: z.string().nullable(),
    proposedChanges: z.array(DiffSegmentSchema).nullable().meta({ description: 'Draft article → proposed wording.' }),
    body: z.string().meta({ description: 'Empty when hidden or removed by moderation.' }),
    authorName: z.string().nullable().meta({ description: 'Shown to signed-in readers only; never in open data.' }),
    mine: z.boolean(),
    submittedAt: instant,
    moderation: z.enum(['visible', 'hidden', 'removed']),
    moderationReason: z.string().nullable(),
    supports: z.int(),
    supportedByMe: z.boolean(),
    disposition: DispositionAnswerSchema.nullable(),
  })
  .meta({ id: 'ConsultationComment' });
export type CommentView = z.infer<typeof CommentSchema>;

export const CommentListSchema = z.object({ items: z.array(CommentSchema) }).meta({ id: 'ConsultationCommentList' });

export const MyCommentSchema = CommentSchema.extend({ consultationTitle: z.string(), consultationState: ConsultationStateSchema }).meta({
  id: 'MyConsultationComment',
});
export const MyCommentListSchema = z.object({ items: z.array(MyCommentSchema) }).meta({ id: 'MyConsultationCommentList' });

export const CreateDispositionRequestSchema = z
  .strictObject({
    outcome: DispositionOutcomeSchema,
    reason: trimmed(1, 5000),
    commentIds: z.array(CommentIdSchema).min(1).max(500).meta({ description: 'One comment, or a group of similar comments answered together.' }),
  })
  .meta({ id: 'CreateDispositionRequest' });

export const ProgressSchema = z
  .object({
    total: z.int(),
    answered: z.int(),
    unanswered: z.int(),
    hidden: z.int(),
    removed: z.int(),
    byOutcome: z.record(DispositionOutcomeSchema, z.int()),
    perArticle: z.array(z.object({ article: z.string().nullable(), label: z.string().nullable(), total: z.int(), answered: z.int() })),
    suggestedGroups: z.array(z.array(CommentIdSchema)).meta({ description: 'Comments with identical text on the same article.' }),
    canPublish: z.boolean(),
    missingDisposition: z.array(CommentIdSchema),
    pendingModeration: z.array(CommentIdSchema),
  })
  .meta({ id: 'DispositionProgress' });

export const PublishReportRequestSchema = z
  .strictObject({
    finalText: z.string().min(1).max(DRAFT_MAX_CHARS).optional().meta({
      description: 'The version adopted after the consultation, in the draft format; default: the draft unchanged.',
    }),
  })
  .meta({ id: 'PublishReportRequest' });

export const ReportSchema = z
  .object({
    consultationId: ConsultationIdSchema,
    title: z.string(),
    agencyId: z.string(),
    publishedAt: instant,
    onTime: z.boolean(),
    report: z.record(z.string(), z.unknown()).meta({ description: 'Per article: comments, dispositions with reasons, final text against the draft.' }),
  })
  .meta({ id: 'ConsultationReport' });

export const OpenDataQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});

export const AgencyConsultationFiguresSchema = z
  .object({
    items: z.array(
      z.object({
        agencyId: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        open: z.int(),
        awaitingDisposition: z.int().meta({ description: 'Closed consultations whose report is not yet published.' }),
        overdueReports: z.int(),
        reported: z.int(),
        reportedOnTime: z.int(),
      }),
    ),
  })
  .meta({ id: 'AgencyConsultationFigures' });
