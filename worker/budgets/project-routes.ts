/**
 * Projects of a round: proposals (residents and staff), feasibility review (officers cost each
 * project and accept it, or reject it with a reason), implementation updates (status and photo
 * metadata, public).
 */
import { createRoute } from '@hono/zod-openapi';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { findProjectForNotice, findProjectState, insertProjectStatement, listDistricts, projectUpdateStatement, reviewProjectStatement, reviewQueuePage } from './db';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { projectProgressStatements, projectReviewedStatements } from './notify';
import { newProjectId } from './ids';
import { loadRound, requirePhase, roundDetail } from './rounds';
import {
  ProjectParamSchema,
  ProjectUpdateRequestSchema,
  ProposeProjectRequestSchema,
  ReviewProjectRequestSchema,
  ReviewQueueQuerySchema,
  ReviewQueueSchema,
  RoundDetailSchema,
  RoundParamSchema,
} from './schemas';

const projects = createRouter();
const reviewers = requireRole('officer', 'supervisor', 'manager', 'admin');
/** Notice rows (in-app + e-mail) that go into one D1 batch with the write they are about. */
const NOTICES_IN_BATCH = 100;

async function requireProject(db: D1Database, roundId: string, projectId: string) {
  const state = await findProjectState(db, roundId, projectId);
  if (!state) fail(404, 'project-not-found', `No project ${projectId} in round ${roundId}.`);
  return state;
}

projects.openapi(
  createRoute({
    middleware: [requireRole('citizen', 'officer', 'supervisor', 'manager', 'admin')] as const,
    method: 'post',
    path: '/{id}/projects',
    tags: ['Budgets'],
    summary: 'Propose a project for a district (proposals phase).',
    request: { params: RoundParamSchema, ...jsonBody(ProposeProjectRequestSchema) },
    responses: { 201: jsonResponse(RoundDetailSchema, 'The round with the new project.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const round = await loadRound(c.env.DB, id);
    requirePhase(round, ['proposals'], 'Proposing a project');
    if (!(await listDistricts(c.env.DB, id)).some((d) => d.code === body.districtCode)) {
      fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer: '/districtCode', in: 'body', code: 'unknown_reference', detail: 'No such district in this round.' }] });
    }
    const now = new Date().toISOString();
    await c.env.DB.batch([
      insertProjectStatement(c.env.DB, {
        id: newProjectId(),
        roundId: id,
        districtCode: body.districtCode,
        title: body.title,
        description: body.description,
        estimatedCost: body.estimatedCost ?? null,
        cost: null,
        latitude: body.latitude ?? null,
        longitude: body.longitude ?? null,
        state: 'proposed',
        proposedBy: c.get('user')!.id,
        at: now,
      }),
    ]);
    return c.json(await roundDetail(c.env.DB, round), 201);
  },
);

projects.openapi(
  createRoute({
    middleware: [reviewers] as const,
    method: 'get',
    path: '/{id}/review-queue',
    tags: ['Budgets'],
    summary: 'The feasibility-review queue of a round: its projects in one review state, a page at a time (staff).',
    request: { params: RoundParamSchema, query: ReviewQueueQuerySchema },
    responses: { 200: jsonResponse(ReviewQueueSchema, 'One page, the counts per state, and the cursor of the next page.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    await loadRound(c.env.DB, id);
    const after = q.after ? { district: q.after.slice(0, q.after.indexOf('~')), id: q.after.slice(q.after.indexOf('~') + 1) } : undefined;
    const page = await reviewQueuePage(c.env.DB, id, { state: q.state, district: q.district, after, limit: q.limit });
    const last = page.items.at(-1);
    return c.json({ items: page.items, counts: page.counts, next: page.more && last ? `${last.districtCode}~${last.id}` : null }, 200);
  },
);

projects.openapi(
  createRoute({
    middleware: [reviewers] as const,
    method: 'post',
    path: '/{id}/projects/{projectId}/review',
    tags: ['Budgets'],
    summary: 'Feasibility review: accept with its cost, or reject with a reason (proposals or review phase).',
    request: { params: ProjectParamSchema, ...jsonBody(ReviewProjectRequestSchema) },
    responses: { 200: jsonResponse(RoundDetailSchema, 'The round after the review.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, projectId } = c.req.valid('param');
    const body = c.req.valid('json');
    const round = await loadRound(c.env.DB, id);
    requirePhase(round, ['proposals', 'review'], 'Reviewing a project');
    await requireProject(c.env.DB, id, projectId);
    const user = c.get('user')!;
    const now = new Date().toISOString();
    const notice = (await findProjectForNotice(c.env.DB, id, projectId))!;
    // The proposer's notice (in-app and e-mail) commits with the review, or neither does.
    const notices = await projectReviewedStatements(c.env, {
      roundId: id,
      roundTitle: round.title,
      projectId,
      project: notice.title,
      proposedBy: notice.proposedBy,
      reviewerId: user.id,
      decision: body.decision,
      cost: body.decision === 'accept' ? body.cost : null,
      reason: body.reason,
      at: now,
    });
    await c.env.DB.batch([
      reviewProjectStatement(c.env.DB, {
        roundId: id,
        projectId,
        state: body.decision === 'accept' ? 'accepted' : 'rejected',
        cost: body.decision === 'accept' ? body.cost : null,
        reason: body.reason,
        reviewerId: user.id,
        at: now,
      }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'budget.review_project', target: `budget-project:${id}/${projectId}`, detail: body, at: now }),
      ...notices,
    ]);
    if (notices.length) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
    return c.json(await roundDetail(c.env.DB, round), 200);
  },
);

projects.openapi(
  createRoute({
    middleware: [reviewers] as const,
    method: 'post',
    path: '/{id}/projects/{projectId}/updates',
    tags: ['Budgets'],
    summary: 'Implementation tracking: a status update with photo metadata (results or implementation phase).',
    request: { params: ProjectParamSchema, ...jsonBody(ProjectUpdateRequestSchema) },
    responses: { 201: jsonResponse(RoundDetailSchema, 'The round with the update.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, projectId } = c.req.valid('param');
    const body = c.req.valid('json');
    const round = await loadRound(c.env.DB, id);
    requirePhase(round, ['results', 'implementation'], 'Tracking implementation');
    if ((await requireProject(c.env.DB, id, projectId)) !== 'accepted') fail(409, 'project-not-accepted', 'Only accepted projects are implemented.');
    const user = c.get('user')!;
    const now = new Date().toISOString();
    const notice = (await findProjectForNotice(c.env.DB, id, projectId))!;
    const notices = await projectProgressStatements(c.env, {
      roundId: id,
      roundTitle: round.title,
      projectId,
      project: notice.title,
      status: body.status,
      note: body.note,
      actorId: user.id,
      at: now,
    });
    // A round's followers can be many: the notices commit with the update while the batch stays
    // small, else right after it in chunks (keyed, so a retry of those adds nothing twice).
    const together = notices.length <= NOTICES_IN_BATCH;
    await c.env.DB.batch([
      projectUpdateStatement(c.env.DB, { roundId: id, projectId, status: body.status, note: body.note, photos: body.photos, by: user.id, at: now }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'budget.project_update', target: `budget-project:${id}/${projectId}`, at: now }),
      ...(together ? notices : []),
    ]);
    if (notices.length) {
      c.executionCtx.waitUntil(
        (async () => {
          for (let i = 0; !together && i < notices.length; i += NOTICES_IN_BATCH) await c.env.DB.batch(notices.slice(i, i + NOTICES_IN_BATCH));
          await deliverEmailsSoon(c.env);
        })(),
      );
    }
    return c.json(await roundDetail(c.env.DB, round), 201);
  },
);

export default projects;
