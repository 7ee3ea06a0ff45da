/**
 * The shape every leg's workflow-backed action route shares: `POST /{id}/<action>` for some roles,
 * a validated body, the record loaded as the caller may see it, a 409 while its workflow is still
 * being started, the Temporal update (with the Idempotency-Key), an audit record, and the record's
 * detail after the action. A leg says only what differs: its record, update names, refusal codes,
 * input and extra statements.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { auditStatement } from './audit';
import { requireRole } from './auth/middleware';
import type { Role, SessionUser } from './auth/users';
import type { AppContext, AppEnv } from './env';
import { jsonBody, jsonResponse, problems } from './openapi';
import { fail } from './problem';
import { IdempotencyHeaders } from './schemas';
import type { TemporalRejectedError } from './temporal';
import { runWorkflowUpdate } from './workflow-update';

export interface WorkflowActionSpec<S extends z.ZodType, R, U extends string> {
  path: string;
  update: U;
  roles: Role[];
  schema: S;
  summary: string;
  /** Edge-side checks that need D1 (the workflow cannot see accounts or agencies). */
  check?: (c: AppContext, body: z.infer<S>, record: R) => Promise<void>;
}

export interface WorkflowActionLeg<R extends { workflowStartedAt: string | null }, U extends string> {
  router: OpenAPIHono<AppEnv>;
  /** The audit prefix and target kind, and the word in the not-started problem ('case', 'petition'). */
  noun: string;
  tag: string;
  params: z.ZodObject<{ id: z.ZodType<string> }>;
  response: z.ZodType;
  responseDescription: string;
  /** The record as this caller may act on it (404 otherwise). */
  load: (c: AppContext, id: string) => Promise<R>;
  workflowId: (id: string) => string;
  updateName: (update: U) => string;
  /** The leg's stable code for a refusal of its workflow. */
  refusalCode: (e: TemporalRejectedError) => string;
  /** The update's input besides the actor; by default the body as validated. */
  input?: (c: AppContext, action: { update: U; body: Record<string, unknown>; user: SessionUser }) => Promise<Record<string, unknown>>;
  /** What the audit record keeps of the body (free texts stay out of it). */
  auditDetail: (update: U, body: Record<string, unknown>) => Record<string, unknown>;
  /** Statements committed with the audit record once the workflow accepted the update. */
  extraStatements?: (c: AppContext, action: { id: string; body: Record<string, unknown>; user: SessionUser; at: string }) => D1PreparedStatement[];
  /** The record's detail after the action. */
  detail: (c: AppContext, id: string) => Promise<unknown>;
}

/** A `defineAction` for one leg's router. */
export function workflowActionDefiner<R extends { workflowStartedAt: string | null }, U extends string>(leg: WorkflowActionLeg<R, U>) {
  return function defineAction<S extends z.ZodType>(spec: WorkflowActionSpec<S, R, U>): void {
    leg.router.openapi(
      createRoute({
        middleware: [requireRole(...spec.roles)] as const,
        method: 'post',
        path: `/{id}/${spec.path}`,
        tags: [leg.tag],
        summary: spec.summary,
        request: { params: leg.params, headers: IdempotencyHeaders, ...jsonBody(spec.schema) },
        responses: { 200: jsonResponse(leg.response, leg.responseDescription), ...problems(400, 401, 403, 404, 409, 422, 503, 504) },
      }),
      async (c) => {
        // The route is generic over the body schema, which defeats Hono's input inference;
        // the validators have run, so the values have these shapes.
        const req = c.req as unknown as {
          valid(target: 'param'): { id: string };
          valid(target: 'json'): z.infer<S>;
          valid(target: 'header'): { 'idempotency-key'?: string };
        };
        const { id } = req.valid('param');
        const body = req.valid('json');
        const user = c.get('user')!;
        const record = await leg.load(c, id);
        if (!record.workflowStartedAt) fail(409, 'workflow-not-started', `This ${leg.noun} is still being registered; try again in a moment.`);
        await spec.check?.(c, body, record);
        const fields = body as Record<string, unknown>;
        const input = leg.input ? await leg.input(c, { update: spec.update, body: fields, user }) : fields;
        const actor = { id: user.id, role: user.role, agencyId: user.agencyId };
        const key = req.valid('header')['idempotency-key'] ?? crypto.randomUUID();
        await runWorkflowUpdate(
          c.env,
          { workflowId: leg.workflowId(id), name: leg.updateName(spec.update), idempotencyKey: key, input: [{ ...input, actor }] },
          leg.refusalCode,
        );
        const at = new Date().toISOString();
        await c.env.DB.batch([
          ...(leg.extraStatements?.(c, { id, body: fields, user, at }) ?? []),
          auditStatement(c.env.DB, { actorId: user.id, action: `${leg.noun}.${spec.update}`, target: `${leg.noun}:${id}`, detail: leg.auditDetail(spec.update, fields), at }),
        ]);
        return c.json(await leg.detail(c, id), 200);
      },
    );
  };
}
