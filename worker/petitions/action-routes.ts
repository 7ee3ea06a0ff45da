/**
 * What staff and agencies do to a petition. Each action is a validated Temporal update: the edge
 * checks who may act and the input's shape, the workflow checks the petition's rules (state,
 * deadlines, one extension) and answers with the new process state.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdempotencyHeaders } from '../platform/schemas';
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import { type PetitionActor, type PetitionUpdateName, petitionUpdates, petitionWorkflowId } from '../../workflows/petition/contract';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import type { Role } from '../platform/auth/users';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { agencyExists } from '../platform/reference/db';
import { runWorkflowUpdate } from '../platform/workflow-update';
import { createRouter } from '../platform/validation';
import { findPetition, type PetitionRecord } from './db';
import {
  AssignAgencyRequestSchema,
  EmptyActionSchema,
  ExtendRequestSchema,
  MeetingRequestSchema,
  PetitionDetailSchema,
  PetitionIdParamSchema,
  RejectRequestSchema,
  RespondRequestSchema,
  TransferRequestSchema,
} from './schemas';
import { loadVisiblePetition, petitionDetail } from './views';

const actions = createRouter();

function fieldError(pointer: string, detail: string): never {
  // Petition rules a schema cannot state (the detail says which): one generic code for the UI.
  fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer, in: 'body', code: 'invalid', detail }] });
}

interface ActionSpec<S extends z.ZodType> {
  path: string;
  update: PetitionUpdateName;
  roles: Role[];
  schema: S;
  summary: string;
  check?: (c: AppContext, body: z.infer<S>, p: PetitionRecord) => Promise<void>;
}

function defineAction<S extends z.ZodType>(spec: ActionSpec<S>): void {
  actions.openapi(
    createRoute({
      middleware: [requireRole(...spec.roles)] as const,
      method: 'post',
      path: `/{id}/${spec.path}`,
      tags: ['Petition actions'],
      summary: spec.summary,
      request: { params: PetitionIdParamSchema, headers: IdempotencyHeaders, ...jsonBody(spec.schema) },
      responses: { 200: jsonResponse(PetitionDetailSchema, 'The petition after the action.'), ...problems(400, 401, 403, 404, 409, 422, 503, 504) },
    }),
    async (c) => {
      const req = c.req as unknown as {
        valid(target: 'param'): { id: string };
        valid(target: 'json'): z.infer<S>;
        valid(target: 'header'): { 'idempotency-key'?: string };
      };
      const { id } = req.valid('param');
      const body = req.valid('json');
      const user = c.get('user')!;
      const p = await loadVisiblePetition(c, id);
      if (!p.workflowStartedAt) fail(409, 'workflow-not-started', 'This petition is still being registered; try again in a moment.');
      await spec.check?.(c, body, p);
      const actor: PetitionActor = { id: user.id, role: user.role, agencyId: user.agencyId };
      const key = req.valid('header')['idempotency-key'] ?? crypto.randomUUID();
      await runWorkflowUpdate(
        c.env,
        { workflowId: petitionWorkflowId(id), name: petitionUpdates[spec.update], idempotencyKey: key, input: [{ ...(body as object), actor }] },
        () => 'petition-rule',
      );
      await auditStatement(c.env.DB, {
        actorId: user.id,
        action: `petition.${spec.update}`,
        target: `petition:${id}`,
        detail: spec.update === 'respond' || spec.update === 'recordMeeting' ? {} : (body as Record<string, unknown>),
        at: new Date().toISOString(),
      }).run();
      return c.json(await petitionDetail(c, (await findPetition(c.env.DB, id))!), 200);
    },
  );
}

const reviewers: Role[] = ['manager', 'admin'];
const agencyStaff: Role[] = ['officer', 'supervisor'];

async function requireAgency(c: AppContext, agencyId: string, pointer: string): Promise<void> {
  if (!(await agencyExists(c.env.DB, agencyId))) fieldError(pointer, 'Unknown agency.');
}

defineAction({ path: 'publish', update: 'publish', roles: reviewers, schema: EmptyActionSchema, summary: 'Publish a reviewed petition for endorsement.' });
defineAction({
  path: 'reject',
  update: 'reject',
  roles: reviewers,
  schema: RejectRequestSchema,
  summary: 'Reject at review with a stated ground and a message to the proposer; a duplicate links the existing petition.',
  check: async (c, body) => {
    if (body.ground === 'duplicate' && !body.duplicateOf) fieldError('/duplicateOf', 'A duplicate must name the existing petition.');
    if (body.duplicateOf && !(await findPetition(c.env.DB, body.duplicateOf))) fieldError('/duplicateOf', 'Unknown petition.');
  },
});
defineAction({
  path: 'assign-agency',
  update: 'assignAgency',
  roles: reviewers,
  schema: AssignAgencyRequestSchema,
  summary: 'Name the competent agency of a passed petition; its response clock starts.',
  check: (c, body) => requireAgency(c, body.agencyId, '/agencyId'),
});
defineAction({
  path: 'transfer',
  update: 'transfer',
  roles: [...reviewers, ...agencyStaff],
  schema: TransferRequestSchema,
  summary: 'Transfer to another agency; the response clock keeps running.',
  check: (c, body) => requireAgency(c, body.toAgencyId, '/toAgencyId'),
});
defineAction({
  path: 'extend',
  update: 'extend',
  roles: agencyStaff,
  schema: ExtendRequestSchema,
  summary: 'The one public extension of the response deadline, with its reason, before expiry.',
  check: async (_c, body) => {
    try {
      parseSlaPeriod(body.period);
    } catch (e) {
      fieldError('/period', (e as Error).message);
    }
  },
});
defineAction({ path: 'respond', update: 'respond', roles: agencyStaff, schema: RespondRequestSchema, summary: "Publish the agency's point-by-point response." });
defineAction({ path: 'meeting', update: 'recordMeeting', roles: agencyStaff, schema: MeetingRequestSchema, summary: 'Record a meeting with the proposer: date, attendees, minutes.' });
defineAction({ path: 'close', update: 'close', roles: reviewers, schema: EmptyActionSchema, summary: 'Close a responded petition.' });

export default actions;
