/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), mounted at /open311/v2, so that
 * existing 311 apps and dashboards can file and follow cases. A request filed here is a case like
 * any other: it goes through the intake every channel shares (services/intake.ts: one D1 batch with
 * the outbox row, same workflow start). A service type's extra form fields are its Open311
 * attributes (`attribute[code]=value`), checked like the native formData.
 *
 * Where we deviate from the spec, and why:
 * - Errors are RFC 9457 problem+json (status, detail and field-level `errors[]`) like everywhere
 *   on this platform, not GeoReport's `[{"code", "description"}]` arrays. Open311 clients read the
 *   HTTP status first; one error shape keeps every client and the docs simple.
 * - Only JSON: every `.xml` path answers 406.
 * - Personal data stays private. `description`, `address`, `lat` and `long` of a request are the
 *   citizen's own words and whereabouts; the public list and the single request omit them unless
 *   the caller is the case's citizen or an officer/supervisor of the agency handling it (bearer
 *   token or session). `status_notes` is always null (the agency's reply is addressed to the
 *   citizen), and `email`, `first_name`, `last_name`, `phone`, `device_id`, `account_id` sent with a
 *   new request are accepted but not stored: the case belongs to the API key's citizen account,
 *   which already holds the verified identity the case needs, and a second, unverified copy of
 *   contact data would be personal data we have no purpose for (data minimisation, PDPA Art. 5).
 * - `api_key` is one of our bearer API tokens (POST /api/v1/auth/tokens), issued to a citizen:
 *   cases are filed by citizens. It may come as the `api_key` field or `Authorization: Bearer`,
 *   never in the URL (URLs end up in logs). Cookies do not count for POST, so no CSRF exposure.
 * - A search may not span more than 90 days (as the spec says) and returns at most 1000 requests;
 *   lists given as comma-separated values are capped (50 ids, 20 codes) by D1's bound-parameter limit.
 * - Unknown fields and query parameters are ignored (clients send extras such as jurisdiction_id).
 */
import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { findUserByCredential } from '../platform/auth/credentials';
import { type Open311CaseRecord, findOpen311Case, listOpen311Cases } from './db';
import { type FormField, type ServiceType, findServiceType, listAgencies, listServiceTypes } from '../platform/reference/db';
import type { Locale, SessionUser } from '../platform/auth/users';
import type { AppContext, AppEnv } from '../platform/env';
import { sha256Hex } from '../platform/crypto';
import { checkFormData } from '../platform/reference/form-data';
import { jsonResponse, problems } from '../platform/openapi';
import {
  type Open311Status,
  coordinatesLocation,
  expectedDatetime,
  kindLabel,
  locationParts,
  open311Status,
  pickLocale,
  serviceDescription,
  serviceNotice,
  statesOf,
  subjectFrom,
  taipeiIsoOf,
} from './format';
import { fail, problem, problemResponse } from '../platform/problem';
import type { FieldCode } from '../platform/field-codes';
import { createRouter, validate } from '../platform/validation';
import { authenticate } from '../platform/auth/middleware';
import { LocaleSchema } from '../platform/schemas';
import { intakeCase } from '../cases/contract';

const TAG = 'Open311';
const MAX_RESULTS = 1000;
const MAX_IDS = 50;
const MAX_CODES = 20;
const DAY_MS = 86_400_000;
const WINDOW_MS = 90 * DAY_MS;
const CASE_ID = /^\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;
const FORM_MEDIA = ['application/x-www-form-urlencoded', 'multipart/form-data'];

// ---- schemas ------------------------------------------------------------------

const ServiceSchema = z
  .object({
    service_code: z.string().meta({ example: 'GRV-TRAFFIC' }),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean().meta({ description: 'True when the service definition lists attributes.' }),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string().meta({ description: 'Comma-separated.' }),
    group: z.string().meta({ description: 'The agency that handles the service.' }),
  })
  .meta({ id: 'Open311Service' });

const AttributeSchema = z
  .object({
    variable: z.boolean(),
    code: z.string(),
    datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
    required: z.boolean(),
    datatype_description: z.string().nullable(),
    order: z.int(),
    description: z.string(),
    values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
  })
  .meta({ id: 'Open311Attribute' });

const ServiceDefinitionSchema = z
  .object({ service_code: z.string(), attributes: z.array(AttributeSchema) })
  .meta({ id: 'Open311ServiceDefinition' });

const RequestSchema = z
  .object({
    service_request_id: z.string().meta({ example: '20261123-7KQ2MX' }),
    status: z.enum(['open', 'closed']),
    status_notes: z.null(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.string().optional().meta({ description: "Only for the case's citizen and its agency." }),
    agency_responsible: z.string(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string().meta({ example: '2026-11-23T09:15:00+08:00' }),
    updated_datetime: z.string(),
    expected_datetime: z.string().nullable().meta({ description: 'The current answer deadline; null until computed.' }),
    address: z.string().nullable().optional().meta({ description: "Only for the case's citizen and its agency." }),
    lat: z.number().nullable().optional().meta({ description: "Only for the case's citizen and its agency." }),
    long: z.number().nullable().optional().meta({ description: "Only for the case's citizen and its agency." }),
    media_url: z.null(),
  })
  .meta({ id: 'Open311Request' });
type Open311Request = z.infer<typeof RequestSchema>;

const CreatedSchema = z
  .object({ service_request_id: z.string(), service_notice: z.string(), account_id: z.null() })
  .meta({ id: 'Open311Created' });

/** Query parameters every endpoint takes; other parameters are ignored. */
const commonQuery = {
  locale: LocaleSchema.optional().meta({ description: 'Language of names and notices; else Accept-Language; else zh-TW.' }),
  jurisdiction_id: z.string().max(100).optional().meta({ description: 'Accepted and ignored: one jurisdiction per endpoint.' }),
};
const LocaleQuerySchema = z.object(commonQuery);

/** Comma-separated values (or the parameter repeated), each checked by `item`. */
const listParam = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(max)])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(max));

const RequestListQuerySchema = z.object({
  ...commonQuery,
  service_request_id: listParam(z.string().regex(CASE_ID, 'Not a case number.'), MAX_IDS)
    .optional()
    .meta({ description: `Comma-separated, up to ${MAX_IDS}; when given, every other filter is ignored (as the spec says).` }),
  service_code: listParam(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Not a service code.'), MAX_CODES)
    .optional()
    .meta({ description: `Comma-separated, up to ${MAX_CODES}.` }),
  start_date: z.iso.datetime({ offset: true }).optional().meta({ example: '2026-11-01T00:00:00+08:00' }),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: listParam(z.enum(['open', 'closed']), 2).optional().meta({ description: 'open, closed or both, comma-separated.' }),
});

/** A number sent as a JSON number or as text (forms); then range-checked. */
const coordinate = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'Not a number.')
        .transform(Number),
    ])
    .pipe(z.number().min(min).max(max));

const ignoredText = (what: string) =>
  z
    .union([z.string().max(500), z.number()])
    .optional()
    .meta({ description: `${what}: accepted for compatibility, not stored.` });

const CreateRequestFields = z
  .looseObject({
    api_key: z.string().optional().meta({ description: "A citizen's API token; or send Authorization: Bearer." }),
    service_code: z.string().trim().min(1).max(40),
    description: z.string().trim().min(10).max(5000),
    lat: coordinate(-90, 90).optional().meta({ description: 'WGS 84 latitude, -90 to 90; with long.' }),
    long: coordinate(-180, 180).optional().meta({ description: 'WGS 84 longitude, -180 to 180; with lat.' }),
    address_string: z.string().trim().min(1).max(200).optional(),
    email: ignoredText('E-mail'),
    first_name: ignoredText('First name'),
    last_name: ignoredText('Last name'),
    phone: ignoredText('Phone'),
    device_id: ignoredText('Device id'),
    account_id: ignoredText('Account id'),
    media_url: z.url({ protocol: /^https?$/ }).max(2000).optional().meta({ description: 'Accepted; not stored yet.' }),
  })
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.long === undefined)) {
      ctx.addIssue({ code: 'custom', path: [b.lat === undefined ? 'lat' : 'long'], message: 'Send lat and long together.' });
    } else if (b.lat === undefined && b.address_string === undefined) {
      ctx.addIssue({ code: 'custom', path: ['address_string'], message: 'Give a location: lat and long, or address_string.' });
    }
  });

/** Form clients send empty fields for what they leave out (`lat=&long=`): those count as absent. */
const CreateRequestSchema = z
  .preprocess(
    (v) =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).filter(([, x]) => !(typeof x === 'string' && x.trim() === '')))
        : v,
    CreateRequestFields,
  )
  .meta({ id: 'Open311CreateRequest' });

// ---- helpers ------------------------------------------------------------------

const mediaTypeOf = (c: AppContext) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

function localeOf(c: AppContext, explicit: Locale | undefined, fallback: Locale = 'zh-TW'): Locale {
  return pickLocale(explicit, c.req.header('accept-language'), fallback);
}

/** Responses vary by caller and language; anything a signed-in caller gets stays out of shared caches. */
function headersFor(c: AppContext, locale: Locale): Record<string, string> {
  return {
    'content-language': locale,
    vary: 'Accept-Language, Authorization, Cookie',
    ...(c.get('user') ? { 'cache-control': 'private, no-store' } : {}),
  };
}

/** Free text and place: the case's own citizen and the agency handling it, nobody else. */
function mayReadPersonalData(user: SessionUser | null, r: Open311CaseRecord): boolean {
  if (!user) return false;
  if (user.role === 'citizen') return r.citizenId === user.id;
  if (user.role === 'officer' || user.role === 'supervisor') return r.agencyId === user.agencyId;
  return false;
}

function toOpen311(r: Open311CaseRecord, locale: Locale, user: SessionUser | null): Open311Request {
  const en = locale === 'en';
  const agencyName = en ? r.agencyNameEn : r.agencyNameZh;
  const serviceName = en ? r.serviceNameEn : r.serviceNameZh;
  const personal = mayReadPersonalData(user, r);
  const place = personal ? locationParts(r.location) : null;
  return {
    service_request_id: r.id,
    status: open311Status(r.state),
    status_notes: null,
    service_name: serviceName,
    service_code: r.serviceTypeCode,
    ...(personal ? { description: r.description } : {}),
    agency_responsible: agencyName,
    service_notice: serviceNotice(
      { kind: r.kind, name: serviceName, agencyName, ackPeriod: r.ackPeriod, resolutionPeriod: r.resolutionPeriod },
      locale,
    ),
    requested_datetime: taipeiIsoOf(r.receivedAt),
    updated_datetime: taipeiIsoOf(r.updatedAt),
    expected_datetime: expectedDatetime(r.resolutionDueAt, r.resolutionDueDate),
    ...(place ? { address: place.address, lat: place.lat, long: place.long } : {}),
    media_url: null,
  };
}

const datatypes: Record<FormField['type'], z.infer<typeof AttributeSchema>['datatype']> = {
  text: 'string',
  textarea: 'text',
  number: 'number',
  date: 'datetime',
  select: 'singlevaluelist',
  checkbox: 'singlevaluelist',
};

function toAttribute(f: FormField, i: number, locale: Locale): z.infer<typeof AttributeSchema> {
  const en = locale === 'en';
  const values =
    f.type === 'select'
      ? (f.options ?? []).map((o) => ({ key: o.value, name: en ? o.labelEn : o.labelZh }))
      : f.type === 'checkbox'
        ? [
            { key: 'true', name: en ? 'Yes' : '是' },
            { key: 'false', name: en ? 'No' : '否' },
          ]
        : undefined;
  return {
    variable: true,
    code: f.name,
    datatype: datatypes[f.type],
    required: f.required,
    datatype_description: f.maxLength ? (en ? `At most ${f.maxLength} characters.` : `最多 ${f.maxLength} 字。`) : null,
    order: i + 1,
    description: en ? f.labelEn : f.labelZh,
    ...(values ? { values } : {}),
  };
}

/**
 * GeoReport sends a service's attributes as `attribute[code]=value` (form) — some JSON clients as
 * an `attribute` object. Codes the service type does not define are ignored like any extra field;
 * numbers and checkboxes arrive as text from forms and are typed here for checkFormData.
 */
function attributesOf(body: Record<string, unknown>, fields: FormField[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const nested = body.attribute;
  if (nested !== null && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(raw, nested);
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(key);
    if (m) raw[m[1]!] = value;
  }
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = raw[f.name];
    if (typeof v === 'string') {
      const t = v.trim();
      if (f.type === 'number' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) v = Number(t);
      else if (f.type === 'checkbox' && /^(true|false)$/i.test(t)) v = t.toLowerCase() === 'true';
    }
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/**
 * POST: the caller must be a citizen, identified by `api_key` or `Authorization: Bearer` (a
 * malformed or unknown header was already refused by authenticate()). Runs before body
 * validation, so anonymous callers learn nothing about the fields; reads the body through Hono's
 * cache, so the validators after it see it again.
 */
const requireCitizenKey = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.query('api_key') !== undefined) {
      fail(422, 'validation', 'The request query is not valid.', {
        errors: [
          { pointer: '/api_key', in: 'query', code: 'not_in_url', detail: 'Send api_key in the request body or as Authorization: Bearer, never in the URL.' },
        ],
      });
    }
    const media = mediaTypeOf(c);
    const isJson = JSON_MEDIA.test(media);
    if (!isJson && !FORM_MEDIA.includes(media)) {
      fail(415, 'unsupported-media-type', 'Send application/x-www-form-urlencoded (or multipart/form-data, or JSON).', {
        title: 'Unsupported Media Type',
      });
    }
    let apiKey: unknown;
    if (isJson) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new HTTPException(400, { message: 'Malformed JSON in request body' });
      }
      apiKey = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { api_key?: unknown }).api_key : undefined;
    } else {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new HTTPException(400, { message: 'Malformed form data in request body' });
      }
      apiKey = form.get('api_key') ?? undefined;
    }
    if (apiKey === '') apiKey = undefined;

    const header = c.req.header('authorization');
    let user: SessionUser | null;
    if (header !== undefined) {
      if (apiKey !== undefined && header !== `Bearer ${String(apiKey)}`) {
        fail(400, 'conflicting-credentials', 'api_key and the Authorization header name different tokens; send one.');
      }
      user = c.get('user');
    } else {
      if (apiKey === undefined) fail(401, 'unauthenticated', 'Send api_key (a citizen API token from /api/v1/auth/tokens).');
      if (typeof apiKey !== 'string' || !TOKEN.test(apiKey)) fail(401, 'bad-credentials', 'The api_key is not a valid token.');
      user = await findUserByCredential(c.env.DB, await sha256Hex(apiKey), 'api_token', new Date().toISOString());
      if (!user) fail(401, 'bad-credentials', 'The api_key is unknown or expired.');
    }
    if (!user) fail(401, 'unauthenticated', 'Send api_key (a citizen API token from /api/v1/auth/tokens).');
    if (user.role !== 'citizen') {
      fail(403, 'forbidden', 'Service requests are filed by citizens: use an API key issued to a citizen account.');
    }
    c.set('user', user);
    await next();
  });

// ---- routes -------------------------------------------------------------------

const open311 = createRouter();

/**
 * Documents a path whose last segment is `{x}.json`. createRoute would route that as Hono's
 * `:x.json`, one parameter named "x.json" that matches `.xml` too; so these paths are routed by
 * hand (regex parameter, `validate()`) and only registered in the OpenAPI document here.
 */
function documentSuffixPath(route: Parameters<typeof open311.openAPIRegistry.registerPath>[0]) {
  open311.openAPIRegistry.registerPath(route);
}

open311.use('*', authenticate());

open311.openapi(
  createRoute({
    method: 'get',
    path: '/services.json',
    tags: [TAG],
    summary: 'Service list: the active service types requests can be filed under.',
    request: { query: LocaleQuerySchema },
    responses: { 200: jsonResponse(z.array(ServiceSchema), 'Services.'), ...problems(401, 422) },
  }),
  async (c) => {
    const locale = localeOf(c, c.req.valid('query').locale);
    const en = locale === 'en';
    const [types, agencies] = await Promise.all([listServiceTypes(c.env.DB), listAgencies(c.env.DB)]);
    const agencyName = new Map(agencies.map((a) => [a.id, en ? a.nameEn : a.nameZh]));
    const services = types.map((t) => {
      const group = agencyName.get(t.agencyId) ?? t.agencyId;
      const name = en ? t.nameEn : t.nameZh;
      return {
        service_code: t.code,
        service_name: name,
        description: serviceDescription(
          { kind: t.kind, name, agencyName: group, ackPeriod: t.ackPeriod, resolutionPeriod: t.resolutionPeriod },
          locale,
        ),
        metadata: t.formSchema.length > 0,
        type: 'realtime' as const,
        keywords: [kindLabel(t.kind, locale), t.code].join(','),
        group,
      };
    });
    return c.json(services, 200, headersFor(c, locale));
  },
);

documentSuffixPath({
  method: 'get',
  path: '/services/{service_code}.json',
  tags: [TAG],
  summary: 'Service definition: the extra attributes a service type asks for.',
  request: { params: z.object({ service_code: z.string().meta({ example: 'GRV-TRAFFIC' }) }), query: LocaleQuerySchema },
  responses: { 200: jsonResponse(ServiceDefinitionSchema, 'Service definition.'), ...problems(401, 404, 422) },
});
open311.get(
  '/services/:service_code{[^/]+\\.json}',
  validate('param', z.object({ service_code: z.string().max(45).transform((s) => s.slice(0, -'.json'.length)) })),
  validate('query', LocaleQuerySchema),
  async (c) => {
    const code = c.req.valid('param').service_code;
    const locale = localeOf(c, c.req.valid('query').locale);
    const type: ServiceType | null = await findServiceType(c.env.DB, code);
    if (!type) fail(404, 'service-not-found', `No active service ${code}.`);
    const body: z.infer<typeof ServiceDefinitionSchema> = {
      service_code: type.code,
      attributes: type.formSchema.map((f, i) => toAttribute(f, i, locale)),
    };
    return c.json(body, 200, headersFor(c, locale));
  },
);

open311.openapi(
  createRoute({
    middleware: [requireCitizenKey()] as const,
    method: 'post',
    path: '/requests.json',
    tags: [TAG],
    summary: 'Create a service request: files a case for the API key’s citizen.',
    description:
      'Form-encoded (as Open311 clients send) or JSON. A location is required: lat and long, or address_string. ' +
      'Attributes of the service definition go in attribute[code] fields (JSON: also an attribute object). ' +
      'Contact fields (email, names, phone) are accepted but not stored: the case belongs to the key’s citizen account. ' +
      'Answers with a one-element array.',
    request: {
      query: LocaleQuerySchema,
      body: {
        required: false,
        content: {
          'application/x-www-form-urlencoded': { schema: CreateRequestSchema },
          'application/json': { schema: CreateRequestSchema },
        },
      },
    },
    responses: {
      201: jsonResponse(z.array(CreatedSchema), 'Created: the case number and what happens next.'),
      ...problems(400, 401, 403, 413, 422),
      415: { ...problems(415)[415]!, description: 'Neither form-encoded nor JSON.' },
    },
  }),
  async (c) => {
    const body = JSON_MEDIA.test(mediaTypeOf(c)) ? c.req.valid('json') : c.req.valid('form');
    const user = c.get('user')!;
    const locale = localeOf(c, c.req.valid('query').locale, user.locale);
    const serviceType = await findServiceType(c.env.DB, body.service_code);
    if (!serviceType) {
      fail(422, 'validation', 'The request body is not valid.', {
        errors: [{ pointer: '/service_code', in: 'body', code: 'unknown_reference', detail: 'Unknown or inactive service code.' }],
      });
    }
    const formData = attributesOf(body, serviceType.formSchema);
    const checked = checkFormData(serviceType.formSchema, formData);
    if (!checked.ok) {
      fail(422, 'validation', 'The request body is not valid.', {
        errors: checked.errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^\/formData\/(.*)$/, '/attribute[$1]') })),
      });
    }
    const location =
      body.address_string ?? (body.lat !== undefined && body.long !== undefined ? coordinatesLocation(body.lat, body.long) : undefined);

    // The intake every channel shares (POST /api/v1/cases too): case, intake event and outbox row in
    // one D1 batch, then the workflow start in waitUntil.
    const id = await intakeCase(
      c.env,
      c.executionCtx,
      {
        serviceTypeCode: serviceType.code,
        subject: subjectFrom(body.description),
        description: body.description,
        ...(location !== undefined ? { location } : {}),
        formData,
      },
      { citizenId: user.id },
    );

    const agencies = await listAgencies(c.env.DB);
    const agency = agencies.find((a) => a.id === serviceType.agencyId);
    const en = locale === 'en';
    const notice = serviceNotice(
      {
        kind: serviceType.kind,
        name: en ? serviceType.nameEn : serviceType.nameZh,
        agencyName: (en ? agency?.nameEn : agency?.nameZh) ?? serviceType.agencyId,
        ackPeriod: serviceType.ackPeriod,
        resolutionPeriod: serviceType.resolutionPeriod,
      },
      locale,
      id,
    );
    return c.json([{ service_request_id: id, service_notice: notice, account_id: null }], 201, {
      ...headersFor(c, locale),
      location: `/open311/v2/requests/${id}.json`,
    });
  },
);

open311.openapi(
  createRoute({
    method: 'get',
    path: '/requests.json',
    tags: [TAG],
    summary: 'Search service requests (public).',
    description:
      `Newest first, at most ${MAX_RESULTS}; by default the last 90 days, and a search may not span more than 90 days. ` +
      'description, address, lat and long appear only for the case’s citizen and the agency handling it ' +
      '(Authorization: Bearer or session); anonymous callers get no personal data.',
    request: { query: RequestListQuerySchema },
    responses: { 200: jsonResponse(z.array(RequestSchema), 'Service requests.'), ...problems(401, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const locale = localeOf(c, q.locale);
    let filter: Parameters<typeof listOpen311Cases>[1];
    if (q.service_request_id) {
      filter = { ids: q.service_request_id, limit: MAX_RESULTS };
    } else {
      const startMs = q.start_date ? Date.parse(q.start_date) : undefined;
      const endMs = q.end_date ? Date.parse(q.end_date) : startMs !== undefined ? startMs + WINDOW_MS : Date.now();
      const fromMs = startMs ?? endMs - WINDOW_MS;
      const bad = (pointer: string, code: FieldCode, detail: string, max?: number) =>
        fail(422, 'validation', 'The request query is not valid.', { errors: [{ pointer, in: 'query', code, detail, ...(max ? { max } : {}) }] });
      if (Number.isNaN(fromMs)) bad('/start_date', 'invalid_datetime', 'Not a date-time.');
      if (Number.isNaN(endMs)) bad('/end_date', 'invalid_datetime', 'Not a date-time.');
      if (fromMs > endMs) bad('/start_date', 'range_reversed', 'start_date is after end_date.');
      if (endMs - fromMs > WINDOW_MS) bad('/end_date', 'range_too_long', 'A search may not span more than 90 days.', 90);
      const statuses = [...new Set(q.status ?? [])] as Open311Status[];
      filter = {
        serviceCodes: q.service_code ? [...new Set(q.service_code)] : undefined,
        states: statuses.length === 1 ? statesOf(statuses[0]!) : undefined,
        receivedFrom: new Date(fromMs).toISOString(),
        receivedTo: new Date(endMs).toISOString(),
        limit: MAX_RESULTS,
      };
    }
    const rows = await listOpen311Cases(c.env.DB, filter);
    const user = c.get('user');
    return c.json(
      rows.map((r) => toOpen311(r, locale, user)),
      200,
      headersFor(c, locale),
    );
  },
);

documentSuffixPath({
  method: 'get',
  path: '/requests/{service_request_id}.json',
  tags: [TAG],
  summary: 'One service request (public), as a one-element array.',
  description: 'Personal data only for the case’s citizen and the agency handling it, as in the search.',
  request: {
    params: z.object({ service_request_id: z.string().meta({ example: '20261123-7KQ2MX' }) }),
    query: LocaleQuerySchema,
  },
  responses: { 200: jsonResponse(z.array(RequestSchema), 'The service request.'), ...problems(401, 404, 422) },
});
open311.get(
  '/requests/:service_request_id{[^/]+\\.json}',
  validate(
    'param',
    z.object({
      service_request_id: z
        .string()
        .transform((s) => s.slice(0, -'.json'.length))
        .pipe(z.string().regex(CASE_ID, 'Not a case number.')),
    }),
  ),
  validate('query', LocaleQuerySchema),
  async (c) => {
    const id = c.req.valid('param').service_request_id;
    const locale = localeOf(c, c.req.valid('query').locale);
    const found = await findOpen311Case(c.env.DB, id);
    if (!found) fail(404, 'case-not-found', `No service request ${id}.`);
    return c.json([toOpen311(found, locale, c.get('user'))], 200, headersFor(c, locale));
  },
);

open311.doc31('/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Open311 GeoReport v2',
    version: '2',
    description:
      'GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the case engine. JSON only (.xml paths answer 406). ' +
      'Errors are RFC 9457 application/problem+json, not GeoReport error arrays. Personal data (description, ' +
      'address, coordinates) is shown only to the case’s citizen and the agency handling it; contact fields sent ' +
      'with a new request are not stored.',
  },
  servers: [{ url: '/open311/v2' }],
});

// GeoReport defines .xml twins of every path; we serve JSON only.
open311.all('*', (c) => {
  const path = new URL(c.req.url).pathname;
  if (path.endsWith('.xml')) {
    return problemResponse(
      problem(406, 'not-acceptable', `Only JSON is supported: use ${path.slice(0, -'.xml'.length)}.json.`, {
        title: 'Not Acceptable',
      }),
    );
  }
  return problemResponse(problem(404, 'not-found', `Nothing at ${path}.`));
});

export default open311;
