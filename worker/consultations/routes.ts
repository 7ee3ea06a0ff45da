/**
 * Consultations (法規預告): an agency officer prepares the notice and imports the draft, then
 * publishes it; the comment period is fixed on publication and the workflow starts from the
 * outbox after the D1 commit. Anyone reads published consultations with their 條文對照表.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import { commentPeriod, parseDraft, responseDeadline, type Draft } from '../../domain/consultations';
import type { ConsultationWorkflowInput } from '../../workflows/consultation/contract';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { closuresFrom } from '../platform/closures';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { enqueueStatement } from '../platform/outbox/db';
import { publishOutbox } from '../platform/outbox/queue';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import {
  type ConsultationRecord,
  findConsultation,
  insertConsultationStatement,
  isFollowing,
  listCommentsOfAuthor,
  listConsultations,
  publishStatement,
  replaceDraft,
  setFollow,
  effectiveState,
} from './db';
import { newConsultationId } from './ids';
import {
  ConsultationDetailSchema,
  ConsultationIdParamSchema,
  ConsultationListSchema,
  CreateConsultationRequestSchema,
  MyCommentListSchema,
  ReplaceDraftRequestSchema,
} from './schemas';
import { isAgencyStaff, toCommentView, toDetail, toSummary } from './views';

const consultations = createRouter();

/** A malformed draft: every problem at once, each with its line (nothing is stored). */
export function parseDraftOrFail(source: string, kind: 'amendment' | 'new' | undefined, pointer: string): Draft {
  const parsed = parseDraft(source, kind ? { kind } : {});
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    fail(422, 'draft-invalid', `The draft could not be imported: line ${first.line}: ${first.message}`, {
      errors: parsed.errors.map((e) => ({ pointer, in: 'body' as const, detail: `line ${e.line}: ${e.message}`, code: e.code, line: e.line })),
      draftProblems: parsed.errors.map((e) => ({ code: e.code, line: e.line, ...(e.article ? { article: e.article } : {}), message: e.message })),
    });
  }
  return parsed.value;
}

interface PeriodRequest {
  commentPeriod: string | null;
  requestedOpensAt: string | null;
  requestedClosesAt: string | null;
  urgencyReason: string | null;
}

/** The comment period (domain rules: 60 days unless an urgency reason is given) as of `opensMs`. */
export function fixPeriod(p: PeriodRequest, opensMs: number) {
  const period = commentPeriod({
    opensAt: opensMs,
    ...(p.requestedClosesAt !== null ? { closesAt: Date.parse(p.requestedClosesAt) } : { period: p.commentPeriod ?? '60d' }),
    urgencyReason: p.urgencyReason,
  });
  if (!period.ok) {
    const pointerOf = (code: string) =>
      code === 'urgency_reason_required' ? '/urgencyReason' : code === 'invalid_period' ? '/commentPeriod' : '/closesAt';
    fail(422, 'validation', 'The comment period is not valid.', {
      errors: period.errors.map((e) => ({ pointer: pointerOf(e.code), in: 'body' as const, detail: e.message, code: e.code })),
    });
  }
  return period.value;
}

const toIso = (s: string) => new Date(Date.parse(s)).toISOString();

/** The consultation if the caller may see it: drafts only to the issuing agency. Else 404. */
export async function loadVisibleConsultation(c: AppContext, id: string): Promise<ConsultationRecord> {
  const found = await findConsultation(c.env.DB, id);
  if (!found || (found.storedState === 'draft' && !isAgencyStaff(c.get('user'), found))) {
    fail(404, 'consultation-not-found', `No consultation ${id}.`);
  }
  return found;
}

export async function loadOwnConsultation(c: AppContext, id: string): Promise<ConsultationRecord> {
  const found = await loadVisibleConsultation(c, id);
  if (!isAgencyStaff(c.get('user'), found)) fail(403, 'not-issuing-agency', 'Only the issuing agency may do this.');
  return found;
}

consultations.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Consultations'],
    summary: 'Published consultations, newest first (plus your agency’s drafts when you are its staff).',
    responses: { 200: jsonResponse(ConsultationListSchema, 'Consultations.') },
  }),
  async (c) => {
    const user = c.get('user');
    const now = new Date().toISOString();
    const staffAgency = user && (user.role === 'officer' || user.role === 'supervisor') ? user.agencyId : null;
    const items = await listConsultations(c.env.DB, { agencyId: staffAgency, limit: 200 });
    return c.json({ items: items.map((r) => toSummary(r, now)) }, 200);
  },
);

consultations.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/',
    tags: ['Consultations'],
    summary: 'Prepare a consultation: the notice (行政程序法 Art. 154) and the draft, imported from text or Markdown.',
    description:
      'Stored as a draft, visible to the agency only. A malformed draft is refused with `draft-invalid` and `draftProblems` naming each failing line.',
    request: jsonBody(CreateConsultationRequestSchema),
    responses: { 201: jsonResponse(ConsultationDetailSchema, 'Prepared.'), ...problems(400, 401, 403, 413, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const user = c.get('user')!;
    const draft = parseDraftOrFail(body.draft, body.kind, '/draft');
    if (body.commentPeriod !== undefined && body.closesAt !== undefined) {
      fail(422, 'validation', 'Give either commentPeriod or closesAt, not both.', {
        errors: [{ pointer: '/closesAt', in: 'body', code: 'invalid', detail: 'Give either commentPeriod or closesAt, not both.' }],
      });
    }
    const request: PeriodRequest = {
      commentPeriod: body.closesAt !== undefined ? null : (body.commentPeriod ?? '60d'),
      requestedOpensAt: body.opensAt !== undefined ? toIso(body.opensAt) : null,
      requestedClosesAt: body.closesAt !== undefined ? toIso(body.closesAt) : null,
      urgencyReason: body.urgencyReason ?? null,
    };
    const nowMs = Date.now();
    // Checked now so the officer hears at once; fixed again on publication.
    fixPeriod(request, Math.max(nowMs, request.requestedOpensAt ? Date.parse(request.requestedOpensAt) : nowMs));
    try {
      responseDeadline({ closesAt: nowMs + 1, period: body.responsePeriod });
    } catch (e) {
      fail(422, 'validation', 'The response period is not valid.', { errors: [{ pointer: '/responsePeriod', in: 'body', code: 'invalid_format', detail: (e as Error).message }] });
    }
    const at = new Date(nowMs).toISOString();
    const id = newConsultationId(taipeiDateOf(nowMs));
    await c.env.DB.batch([
      insertConsultationStatement(c.env.DB, {
        id,
        agencyId: user.agencyId!,
        createdBy: user.id,
        title: body.title,
        legalBasis: body.legalBasis,
        summary: body.summary,
        contact: body.contact,
        attachments: body.attachments,
        draftSource: body.draft,
        draft,
        identityLevel: body.identityLevel,
        ...request,
        responsePeriod: body.responsePeriod,
        at,
      }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'consultation.create', target: `consultation:${id}`, at }),
    ]);
    const record = (await findConsultation(c.env.DB, id))!;
    return c.json(toDetail(record, at, false), 201, { location: `/api/v1/consultations/${id}` });
  },
);

consultations.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'get',
    path: '/my-comments',
    tags: ['Consultations'],
    summary: "The signed-in citizen's comments with the disposition of each (once the report is published).",
    responses: { 200: jsonResponse(MyCommentListSchema, 'Comments.'), ...problems(401, 403) },
  }),
  async (c) => {
    const user = c.get('user')!;
    const now = new Date().toISOString();
    const rows = await listCommentsOfAuthor(c.env.DB, user.id);
    const drafts = new Map<string, Draft>();
    const items = [];
    for (const k of rows) {
      if (!drafts.has(k.consultationId)) drafts.set(k.consultationId, (await findConsultation(c.env.DB, k.consultationId))!.draft);
      items.push({
        ...toCommentView(k, drafts.get(k.consultationId)!, user, { staff: false, reportPublished: k.consultation.reportPublishedAt !== null }),
        consultationTitle: k.consultationTitle,
        consultationState: effectiveState(k.consultation, now),
      });
    }
    return c.json({ items }, 200);
  },
);

consultations.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Consultations'],
    summary: 'One consultation: the notice and the draft as a 條文對照表.',
    request: { params: ConsultationIdParamSchema },
    responses: { 200: jsonResponse(ConsultationDetailSchema, 'The consultation.'), ...problems(404, 422) },
  }),
  async (c) => {
    const record = await loadVisibleConsultation(c, c.req.valid('param').id);
    const user = c.get('user');
    const following = user ? await isFollowing(c.env.DB, record.id, user.id) : false;
    return c.json(toDetail(record, new Date().toISOString(), following), 200);
  },
);

consultations.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'put',
    path: '/{id}/draft',
    tags: ['Consultations'],
    summary: 'Import the draft again (only before publication).',
    request: { params: ConsultationIdParamSchema, ...jsonBody(ReplaceDraftRequestSchema) },
    responses: { 200: jsonResponse(ConsultationDetailSchema, 'Replaced.'), ...problems(400, 401, 403, 404, 409, 413, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await loadOwnConsultation(c, id);
    const draft = parseDraftOrFail(body.draft, body.kind, '/draft');
    const at = new Date().toISOString();
    if (!(await replaceDraft(c.env.DB, id, body.draft, draft, at))) fail(409, 'already-published', 'A published draft cannot change.');
    return c.json(toDetail((await findConsultation(c.env.DB, id))!, at, false), 200);
  },
);

consultations.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/publish',
    tags: ['Consultations'],
    summary: 'Publish the notice: the comment period is fixed now and the consultation workflow starts.',
    request: { params: ConsultationIdParamSchema },
    responses: { 200: jsonResponse(ConsultationDetailSchema, 'Published.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const record = await loadOwnConsultation(c, id);
    if (record.storedState !== 'draft') fail(409, 'already-published', 'This consultation is already published.');
    const nowMs = Date.now();
    const opensMs = Math.max(nowMs, record.requestedOpensAt ? Date.parse(record.requestedOpensAt) : nowMs);
    const period = fixPeriod(record, opensMs);
    const closures = await closuresFrom(c.env.DB, new Date(period.closesAt).toISOString(), record.agencyId);
    const deadline = responseDeadline({ closesAt: period.closesAt, period: record.responsePeriod });
    const at = new Date(nowMs).toISOString();
    const input: ConsultationWorkflowInput = {
      consultationId: id,
      agencyId: record.agencyId,
      opensAt: new Date(period.opensAt).toISOString(),
      closesAt: new Date(period.closesAt).toISOString(),
      responsePeriod: record.responsePeriod,
      closures,
    };
    const user = c.get('user')!;
    const [published] = await c.env.DB.batch([
      publishStatement(c.env.DB, {
        id,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        urgencyReason: period.urgencyReason,
        responseDueAt: new Date(deadline.dueMs).toISOString(),
        at,
      }),
      enqueueStatement(c.env.DB, { kind: 'start_consultation_workflow', aggregateId: id, payload: input, now: at }),
      auditStatement(c.env.DB, {
        actorId: user.id,
        action: 'consultation.publish',
        target: `consultation:${id}`,
        detail: { opensAt: input.opensAt, closesAt: input.closesAt, shortened: period.shortened },
        at,
      }),
    ]);
    if ((published?.meta.changes ?? 0) !== 1) fail(409, 'already-published', 'This consultation is already published.');
    // The queue starts the workflow within about a second; the cron sweep covers the rest.
    c.executionCtx.waitUntil(publishOutbox(c.env, [{ kind: 'start_consultation_workflow', aggregateId: id }]));
    return c.json(toDetail((await findConsultation(c.env.DB, id))!, at, false), 200);
  },
);

const FollowSchema = z.strictObject({ follow: z.boolean() }).meta({ id: 'FollowRequest' });

consultations.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'put',
    path: '/{id}/follow',
    tags: ['Consultations'],
    summary: 'Follow (or stop following) a consultation: notified when it opens, closes and when its dispositions are published.',
    request: { params: ConsultationIdParamSchema, ...jsonBody(FollowSchema) },
    responses: { 200: jsonResponse(ConsultationDetailSchema, 'The consultation.'), ...problems(400, 401, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const record = await loadVisibleConsultation(c, id);
    const user = c.get('user')!;
    const at = new Date().toISOString();
    await setFollow(c.env.DB, id, user.id, c.req.valid('json').follow, at);
    return c.json(toDetail(record, at, await isFollowing(c.env.DB, id, user.id)), 200);
  },
);

export default consultations;
