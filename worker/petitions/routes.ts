/**
 * Petitions: public lists, search and pages; proposing (draft, then submit); the proposer's own
 * list; the staff review queue and the response queues. Static paths are registered before
 * `/{id}` so that they are never read as petition numbers.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import { inQuietPeriod } from '../../domain/petitions/quiet-periods';
import type { PetitionWorkflowInput } from '../../workflows/petition/contract';
import { requireRole } from '../platform/auth/middleware';
import { closuresFrom } from '../platform/closures';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { enqueueStatement } from '../platform/outbox/db';
import { publishOutbox } from '../platform/outbox/queue';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import {
  findPetition,
  getSettings,
  insertDraft,
  listOfProposer,
  listOversight,
  listPetitions,
  listQuietPeriods,
  listResponseQueue,
  listReviewQueue,
  newPetitionId,
  similarPetitions,
  submitStatements,
} from './db';
import {
  CreatePetitionRequestSchema,
  PetitionDetailSchema,
  PetitionIdParamSchema,
  PetitionListQuerySchema,
  OversightListSchema,
  OversightQuerySchema,
  PetitionListSchema,
  PetitionSummarySchema,
  SimilarQuerySchema,
} from './schemas';
import { loadVisiblePetition, petitionDetail, toSummary } from './views';

export const petitionLists = createRouter();
export const petitionPages = createRouter();
const tags = ['Petitions'];

petitionLists.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'Published petitions with filters, sort and substring search (Chinese included).',
    request: { query: PetitionListQuerySchema },
    responses: { 200: jsonResponse(PetitionListSchema, 'Petitions.'), ...problems(422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { items, total } = await listPetitions(c.env.DB, { ...q, now: new Date().toISOString() });
    return c.json({ items: items.map(toSummary), total }, 200);
  },
);

petitionLists.openapi(
  createRoute({
    method: 'get',
    path: '/similar',
    tags,
    summary: 'Published petitions worded like the given text (suggested while writing, to avoid duplicates).',
    request: { query: SimilarQuerySchema },
    responses: { 200: jsonResponse(z.object({ items: z.array(PetitionSummarySchema) }), 'Up to five petitions.'), ...problems(422) },
  }),
  async (c) => c.json({ items: (await similarPetitions(c.env.DB, c.req.valid('query').q)).map(toSummary) }, 200),
);

petitionLists.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'get',
    path: '/mine',
    tags,
    summary: "The signed-in citizen's petitions (drafts and submitted ones included).",
    responses: { 200: jsonResponse(PetitionListSchema, 'Petitions.'), ...problems(401, 403) },
  }),
  async (c) => {
    const items = await listOfProposer(c.env.DB, c.get('user')!.id);
    return c.json({ items: items.map(toSummary), total: items.length }, 200);
  },
);

petitionLists.openapi(
  createRoute({
    middleware: [requireRole('manager', 'admin')] as const,
    method: 'get',
    path: '/review-queue',
    tags,
    summary: 'Submitted petitions awaiting staff review, the most urgent first (5-working-day clock).',
    responses: {
      200: jsonResponse(z.object({ items: z.array(PetitionSummarySchema.extend({ reviewDueAt: z.string().nullable(), reviewOverdue: z.boolean(), submittedAt: z.string().nullable() })) }), 'Queue.'),
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const items = await listReviewQueue(c.env.DB);
    return c.json({ items: items.map((p) => ({ ...toSummary(p), reviewDueAt: p.reviewDueAt, reviewOverdue: p.reviewOverdue, submittedAt: p.submittedAt })) }, 200);
  },
);

petitionLists.openapi(
  createRoute({
    middleware: [requireRole('manager', 'admin')] as const,
    method: 'get',
    path: '/oversight',
    tags,
    summary: 'Managers: the petitions behind one accountability figure (awaiting review, overdue responses per agency, …), a page at a time with the total.',
    request: { query: OversightQuerySchema },
    responses: { 200: jsonResponse(OversightListSchema, 'Petitions.'), ...problems(401, 403, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { items, total } = await listOversight(c.env.DB, {
      figure: q.figure,
      agency: q.agency,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
      now: new Date().toISOString(),
    });
    return c.json(
      {
        items: items.map((p) => ({ ...toSummary(p), submittedAt: p.submittedAt, reviewDueAt: p.reviewDueAt, reviewOverdue: p.reviewOverdue })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      },
      200,
    );
  },
);

petitionLists.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor', 'manager', 'admin')] as const,
    method: 'get',
    path: '/response-queue',
    tags,
    summary: "Officers: their agency's petitions to answer. Staff: passed petitions waiting for an agency or a response.",
    responses: { 200: jsonResponse(z.object({ items: z.array(PetitionSummarySchema) }), 'Queue.'), ...problems(401, 403) },
  }),
  async (c) => {
    const user = c.get('user')!;
    const agency = user.role === 'officer' || user.role === 'supervisor' ? user.agencyId : null;
    return c.json({ items: (await listResponseQueue(c.env.DB, agency)).map(toSummary) }, 200);
  },
);

petitionLists.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/',
    tags,
    summary: 'Write a petition (saved as a draft; submit it to send it to review).',
    request: jsonBody(CreatePetitionRequestSchema),
    responses: { 201: jsonResponse(PetitionDetailSchema, 'Draft saved.'), ...problems(400, 401, 403, 413, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const at = new Date().toISOString();
    const settings = await getSettings(c.env.DB);
    const id = newPetitionId(taipeiDateOf(Date.parse(at)));
    await insertDraft(c.env.DB, { id, proposerId: c.get('user')!.id, ...body, threshold: settings.threshold, endorseLevel: settings.endorseLevel, at });
    return c.json(await petitionDetail(c, (await findPetition(c.env.DB, id))!), 201, { location: `/api/v1/petitions/${id}` });
  },
);

petitionPages.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One petition: text, progress, per-day chart, timeline and the response. Endorsers are never listed.',
    request: { params: PetitionIdParamSchema },
    responses: { 200: jsonResponse(PetitionDetailSchema, 'The petition.'), ...problems(404, 422) },
  }),
  async (c) => {
    const p = await loadVisiblePetition(c, c.req.valid('param').id);
    return c.json(await petitionDetail(c, p), 200);
  },
);

petitionPages.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/submit',
    tags,
    summary: 'Submit a draft for staff review; its workflow starts as soon as Temporal is reachable.',
    request: { params: PetitionIdParamSchema },
    responses: { 202: jsonResponse(PetitionDetailSchema, 'Submitted.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user')!;
    const p = await findPetition(c.env.DB, id);
    if (!p || p.proposerId !== user.id) fail(404, 'petition-not-found', `No petition ${id} of yours.`);
    if (p.state !== 'draft') fail(409, 'already-submitted', 'This petition has been submitted already.');
    const at = new Date().toISOString();
    const quiet = await listQuietPeriods(c.env.DB);
    const q = inQuietPeriod(Date.parse(at), quiet.map((x) => ({ fromMs: Date.parse(x.from), untilMs: Date.parse(x.until) })));
    if (q) fail(409, 'quiet-period', `New petitions are suspended until ${quiet.find((x) => Date.parse(x.from) === q.fromMs)?.until ?? ''}.`);
    const settings = await getSettings(c.env.DB);
    const input: PetitionWorkflowInput = {
      petitionId: id,
      submittedAt: at,
      rules: {
        threshold: settings.threshold,
        reviewPeriod: settings.reviewPeriod,
        endorsementWindow: settings.endorsementWindow,
        responsePeriod: settings.responsePeriod,
        closeAfter: settings.closeAfter,
      },
      closures: await closuresFrom(c.env.DB, at),
      quietPeriods: quiet.map((x) => ({ from: x.from, until: x.until })),
    };
    // One batch: a losing double submit changes nothing (the event and outbox rows are keyed).
    const [moved] = await c.env.DB.batch([
      ...submitStatements(c.env.DB, { id, proposerId: user.id, at, threshold: settings.threshold, endorseLevel: settings.endorseLevel }),
      enqueueStatement(c.env.DB, { kind: 'start_petition_workflow', aggregateId: id, payload: input, now: at }),
    ]);
    if (!moved?.meta.changes) fail(409, 'already-submitted', 'This petition has been submitted already.');
    c.executionCtx.waitUntil(publishOutbox(c.env, [{ kind: 'start_petition_workflow', aggregateId: id }]));
    return c.json(await petitionDetail(c, (await findPetition(c.env.DB, id))!), 202);
  },
);
