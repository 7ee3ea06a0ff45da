/**
 * Integrity tools for staff: a report by network (hashed, never addresses), bulk invalidation
 * by criteria with a dry-run count, a reason and an audit record, undo, and approval of the
 * endorsements held back as a burst.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { approvePending, countMatching, countValid, findPetition, integrityReport, invalidate, undoInvalidation } from './db';
import { IntegrityReportSchema, InvalidationRequestSchema, InvalidationResultSchema, PetitionIdParamSchema } from './schemas';

const integrity = createRouter();
const staff = requireRole('manager', 'admin');
const tags = ['Petition integrity'];

async function requirePetition(db: D1Database, id: string) {
  const p = await findPetition(db, id);
  if (!p) fail(404, 'petition-not-found', `No petition ${id}.`);
  return p;
}

integrity.openapi(
  createRoute({
    middleware: [staff] as const,
    method: 'get',
    path: '/{id}/integrity',
    tags,
    summary: 'Endorsement states, the busiest networks (hashed) with flagged bursts, and past invalidations.',
    request: { params: PetitionIdParamSchema },
    responses: { 200: jsonResponse(IntegrityReportSchema, 'Report.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requirePetition(c.env.DB, id);
    return c.json(await integrityReport(c.env.DB, id), 200);
  },
);

integrity.openapi(
  createRoute({
    middleware: [staff] as const,
    method: 'post',
    path: '/{id}/invalidations',
    tags,
    summary: 'Invalidate endorsements by criteria (time range, network, account age); dryRun (default) only counts.',
    request: { params: PetitionIdParamSchema, ...jsonBody(InvalidationRequestSchema) },
    responses: { 200: jsonResponse(InvalidationResultSchema, 'Counted or applied.'), ...problems(400, 401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { criteria, reason, dryRun } = c.req.valid('json');
    await requirePetition(c.env.DB, id);
    if (dryRun) {
      return c.json({ dryRun: true, affected: await countMatching(c.env.DB, id, criteria), invalidationId: null, endorsements: await countValid(c.env.DB, id) }, 200);
    }
    const user = c.get('user')!;
    const at = new Date().toISOString();
    const r = await invalidate(c.env.DB, { petitionId: id, criteria, reason, actorId: user.id, at }, (invalidationId, affected) =>
      auditStatement(c.env.DB, { actorId: user.id, action: 'petition.invalidate', target: `petition:${id}`, detail: { invalidationId, affected, criteria, reason }, at }),
    );
    return c.json({ dryRun: false, affected: r.affected, invalidationId: r.id, endorsements: await countValid(c.env.DB, id) }, 200);
  },
);

integrity.openapi(
  createRoute({
    middleware: [staff] as const,
    method: 'post',
    path: '/{id}/invalidations/{invalidationId}/undo',
    tags,
    summary: 'Undo an invalidation: its endorsements return to the state they had.',
    request: { params: PetitionIdParamSchema.extend({ invalidationId: z.coerce.number().int().min(1) }) },
    responses: { 200: jsonResponse(InvalidationResultSchema, 'Undone.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, invalidationId } = c.req.valid('param');
    await requirePetition(c.env.DB, id);
    const user = c.get('user')!;
    const at = new Date().toISOString();
    const restored = await undoInvalidation(
      c.env.DB,
      id,
      invalidationId,
      at,
      auditStatement(c.env.DB, { actorId: user.id, action: 'petition.invalidation_undo', target: `petition:${id}`, detail: { invalidationId }, at }),
    );
    if (restored === null) fail(409, 'not-undoable', 'No such invalidation on this petition, or it was undone already.');
    return c.json({ dryRun: false, affected: restored, invalidationId, endorsements: await countValid(c.env.DB, id) }, 200);
  },
);

integrity.openapi(
  createRoute({
    middleware: [staff] as const,
    method: 'post',
    path: '/{id}/pending/approve',
    tags,
    summary: 'Accept the endorsements held back as a burst (they then count).',
    request: { params: PetitionIdParamSchema },
    responses: { 200: jsonResponse(z.object({ approved: z.int(), endorsements: z.int() }), 'Approved.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await requirePetition(c.env.DB, id);
    const user = c.get('user')!;
    const approved = await approvePending(c.env.DB, id);
    await auditStatement(c.env.DB, { actorId: user.id, action: 'petition.approve_pending', target: `petition:${id}`, detail: { approved }, at: new Date().toISOString() }).run();
    return c.json({ approved, endorsements: await countValid(c.env.DB, id) }, 200);
  },
);

export default integrity;
