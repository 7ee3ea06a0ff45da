/**
 * Request and response shapes shared by every leg: accounts, reference data, health, problems,
 * notifications, administration. Plain zod (with `.meta()` for OpenAPI) so that the web
 * components can import the same schemas for client-side checks.
 */
import { z } from 'zod';
import { fieldCodes, stripInvisible } from './field-codes';
import { identityLevels } from './identity';

/**
 * A person's text: invisible characters (NUL, zero-width spaces) removed and the ends trimmed
 * before the length is checked, so that a text of nothing visible never passes a minimum.
 */
export const trimmed = (min: number, max: number) =>
  z
    .string()
    .overwrite((s) => stripInvisible(s).trim())
    .min(min)
    .max(max);

export const LocaleSchema = z.enum(['zh-TW', 'en']);

export const CaseKindSchema = z.enum(['grievance', 'application']);
export const RoleSchema = z.enum(['citizen', 'officer', 'supervisor', 'manager', 'admin']);

export const PlainDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ example: '2026-11-26' });

export const IdentityLevelSchema = z
  .enum(identityLevels)
  .meta({ description: 'What the account has proved: nothing, its e-mail address, or the identity of a person.' });

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
    identityLevel: IdentityLevelSchema,
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

/** The same answer for every address (new, with an account, filed for at a counter): the mailbox decides. */
export const CheckMailboxSchema = z
  .object({ checkMailbox: z.literal(true) })
  .meta({ id: 'CheckMailbox', description: 'A link or a message was e-mailed to the address (whatever it is).' });

/** The secret of an e-mailed link (registration, password reset): 43 base64url characters today. */
export const LinkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

export const RegisterConfirmSchema = z
  .strictObject({ token: LinkTokenSchema })
  .meta({ id: 'RegisterConfirm', description: 'The token from the e-mailed link: confirms the address, activates the account and signs in.' });

export const PasswordResetRequestSchema = z
  .strictObject({ email: z.email().max(254) })
  .meta({ id: 'PasswordResetRequest' });

export const PasswordResetCompleteSchema = z
  .strictObject({ token: LinkTokenSchema, password: z.string().min(10).max(256) })
  .meta({ id: 'PasswordResetComplete', description: 'The token from the e-mailed link and the new password.' });

export const LinkStateRequestSchema = z
  .strictObject({ token: LinkTokenSchema, purpose: z.enum(['register', 'reset']) })
  .meta({ id: 'LinkStateRequest' });

export const LinkStateSchema = z
  .object({ state: z.enum(['valid', 'expired', 'used', 'invalid']) })
  .meta({ id: 'LinkState', description: 'Whether an e-mailed link can still be used; asking uses nothing up.' });

/** A Taiwanese or international phone number as people write it; stored as digits (and a leading +). */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{6,22}$/)
  .overwrite((s) => s.replace(/[^0-9+]/g, ''))
  .meta({ example: '0912-345-678' });

export const ClaimRequestSchema = z
  .strictObject({ email: z.email().max(254) })
  .meta({ id: 'ClaimRequest', description: 'Asks for a link to set the password of an account filed for at a counter.' });

export const ClaimCompleteSchema = z
  .union([
    z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/), password: z.string().min(10).max(256) }),
    z.strictObject({ phone: PhoneSchema, code: z.string().regex(/^[0-9]{8}$/), password: z.string().min(10).max(256) }),
  ])
  .meta({ id: 'ClaimComplete', description: 'The link from the e-mail, or the phone number and the code from the counter, and a new password.' });

export const ClaimCodeSchema = z
  .object({ code: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'ClaimCode', description: 'Read out or printed for the citizen; shown once.' });

export const AccountUpdateSchema = z
  .strictObject({ locale: LocaleSchema })
  .meta({ id: 'AccountUpdate', description: 'The language the account reads the product and its e-mails in.' });

export const ApiTokenRequestSchema = z
  .strictObject({
    label: trimmed(1, 80),
    expiresInDays: z.int().min(1).max(365).default(90),
  })
  .meta({ id: 'ApiTokenRequest' });

export const ApiTokenSchema = z
  .object({ token: z.string(), id: z.string(), label: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'ApiToken' });

export const ApiTokenListSchema = z
  .object({
    items: z.array(z.object({ id: z.string(), label: z.string(), createdAt: z.iso.datetime(), expiresAt: z.iso.datetime() })),
  })
  .meta({ id: 'ApiTokenList' });

export const ApiTokenIdParamSchema = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/) });

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
        min: z.number().optional(),
        max: z.number().optional(),
      }),
    ),
  })
  .meta({ id: 'ServiceType' });

export const ServiceTypeQuerySchema = z.strictObject({ kind: CaseKindSchema.optional() });

const ProbeSchema = z.object({ ok: z.boolean(), latencyMs: z.number(), detail: z.string().optional() });

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    d1: ProbeSchema,
    temporal: ProbeSchema,
    outbox: z.object({
      pending: z.int(),
      failing: z.int().meta({ description: 'Pending entries whose last attempt failed (retried with back-off).' }),
      oldestPendingAt: z.iso.datetime().nullable(),
    }),
    projections: z
      .object({ stuck: z.int(), oldestAt: z.iso.datetime().nullable(), lastCode: z.string().nullable() })
      .meta({ description: 'Write-backs from workflows that the edge keeps refusing; the workflows retry with backoff.' }),
  })
  .meta({ id: 'Health' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'JSON Pointer into the request part named by `in`.' }),
          in: z.enum(['body', 'query', 'path', 'header', 'cookie']),
          code: z.string().meta({
            description: `Stable code of what is wrong; clients translate it. Platform codes: ${fieldCodes.join(', ')}; a leg may add its own (documented with its routes).`,
          }),
          line: z.int().optional().meta({ description: 'Line of an uploaded text (draft imports).' }),
          min: z.number().optional().meta({ description: 'Smallest allowed length (characters) or value.' }),
          max: z.number().optional().meta({ description: 'Largest allowed length (characters) or value.' }),
          detail: z.string().meta({ description: 'English explanation.' }),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

export const NotificationSchema = z
  .object({
    id: z.int(),
    caseId: z.string().nullable(),
    link: z.string().nullable().meta({ description: 'In-app path of what the notification is about.' }),
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

export const ClosureSchema = z
  .strictObject({
    date: z.iso.date(),
    scope: z
      .string()
      .regex(/^(\*|[A-Z][A-Z0-9-]{1,39})$/)
      .default('*')
      .meta({ description: "'*' for all agencies, or an existing agency id." }),
    reason: trimmed(2, 200),
  })
  .meta({ id: 'Closure' });

export const AttachmentIdSchema = z.uuid().meta({ description: 'An uploaded file.' });

/** What a form names to attach: the caller's own uploads, at most ten. */
export const AttachmentIdsSchema = z.array(AttachmentIdSchema).max(10).meta({ description: 'Uploads (POST /attachments) to attach.' });

export const AttachmentUploadQuerySchema = z.strictObject({
  name: trimmed(1, 120).meta({ description: "The file's name as the person knows it (the extension follows the content)." }),
});

export const UploadedAttachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
    size: z.int(),
    locationRemoved: z.boolean().meta({ description: 'The photo carried a location, removed before storing.' }),
    location: z
      .object({ lat: z.number(), long: z.number() })
      .nullable()
      .meta({ description: 'The removed location, shown once to the uploader, who may use it as the case location.' }),
  })
  .meta({ id: 'UploadedAttachment' });

export const AttachmentSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
    size: z.int(),
    uploaderRole: z.string(),
    createdAt: z.iso.datetime(),
    url: z.string(),
  })
  .meta({ id: 'Attachment' });

/** Header of every workflow-backed action: a retry with the same key is applied once. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional()
    .meta({ description: 'Retries with the same key apply the action once.' }),
});
