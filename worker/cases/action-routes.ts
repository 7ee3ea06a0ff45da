/**
 * What officers and citizens do to a case. Each action is a validated Temporal update: the
 * edge checks who may act and the shape of the input, the workflow checks the case's rules
 * (state, deadlines, one extension ...) and answers with the new process state.
 */
import { attachPending, requirePendingAttachments } from '../platform/attachments/service';
import type { FieldCode } from '../platform/field-codes';
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdempotencyHeaders } from '../platform/schemas';
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import { type Actor, type CaseUpdateName, caseRuleCodes, caseUpdates, caseWorkflowId } from '../../workflows/case/contract';
import { auditStatement } from '../platform/audit';
import { type CaseRecord, findCase } from './db';
import { agencyExists, isOfficerOf } from '../platform/reference/db';
import type { Role } from '../platform/auth/users';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { runWorkflowUpdate } from '../platform/workflow-update';
import { createRouter } from '../platform/validation';
import { requireRole } from '../platform/auth/middleware';
import { AssignRequestSchema, CaseDetailSchema, CaseIdParamSchema, EmptyActionSchema, ExtendRequestSchema, NotProcessedRequestSchema, ReasonRequestSchema, ReplyRequestSchema, SupplementRequestSchema, SupplementSchema, TransferRequestSchema } from './schemas';
import { caseDetail, loadVisibleCase } from './routes';

const actions = createRouter();

function fieldError(pointer: string, code: FieldCode, detail: string): never {
  fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer, in: 'body', code, detail }] });
}

function checkPeriod(period: string | undefined): void {
  if (period === undefined) return;
  try {
    parseSlaPeriod(period);
  } catch (e) {
    fieldError('/period', 'invalid_format', (e as Error).message);
  }
}

interface ActionSpec<S extends z.ZodType> {
  path: string;
  update: CaseUpdateName;
  roles: Role[];
  schema: S;
  summary: string;
  /** Edge-side checks that need D1 (the workflow cannot see accounts or agencies). */
  check?: (c: AppContext, body: z.infer<S>, record: CaseRecord) => Promise<void>;
}

function defineAction<S extends z.ZodType>(spec: ActionSpec<S>): void {
  actions.openapi(
    createRoute({
      middleware: [requireRole(...spec.roles)] as const,
      method: 'post',
      path: `/{id}/${spec.path}`,
      tags: ['Case actions'],
      summary: spec.summary,
      request: { params: CaseIdParamSchema, headers: IdempotencyHeaders, ...jsonBody(spec.schema) },
      responses: {
        200: jsonResponse(CaseDetailSchema, 'The case after the action.'),
        ...problems(400, 401, 403, 404, 409, 422, 503, 504),
      },
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
      const record = await loadVisibleCase(c, id, { act: true });
      if (!record.workflowStartedAt) {
        fail(409, 'workflow-not-started', 'This case is still being registered; try again in a moment.');
      }
      await spec.check?.(c, body, record);
      // Files stay at the edge: the workflow gets the text, the read model links the uploads.
      const { attachmentIds, ...fields } = body as { attachmentIds?: string[] };
      await requirePendingAttachments(c.env.DB, user.id, attachmentIds);
      const actor: Actor = { id: user.id, role: user.role, agencyId: user.agencyId };
      const key = req.valid('header')['idempotency-key'] ?? crypto.randomUUID();
      const input = { ...fields, actor, ...(spec.update === 'reply' ? { officerId: user.id } : {}) };
      await runWorkflowUpdate(
        c.env,
        { workflowId: caseWorkflowId(id), name: caseUpdates[spec.update], idempotencyKey: key, input: [input] },
        (e) => ruleCode(e.failureType),
      );
      const at = new Date().toISOString();
      await c.env.DB.batch([
        ...attachPending(c.env.DB, { ids: attachmentIds, uploaderId: user.id, ownerKind: 'case', ownerId: id, at }),
        auditStatement(c.env.DB, {
          actorId: user.id,
          action: `case.${spec.update}`,
          target: `case:${id}`,
          detail: spec.update === 'assign' || spec.update === 'transfer' || spec.update === 'extend' ? (body as Record<string, unknown>) : {},
          at,
        }),
      ]);
      return c.json(await caseDetail(c, (await findCase(c.env.DB, id))!), 200);
    },
  );
}

/** The workflow's stable refusal code, or the generic one for anything it did not name. */
function ruleCode(type: string | undefined): string {
  return type && (caseRuleCodes as readonly string[]).includes(type) ? type : 'case-rule';
}

const staff: Role[] = ['officer', 'supervisor'];

defineAction({ path: 'accept', update: 'accept', roles: staff, schema: EmptyActionSchema, summary: 'Acknowledge (受理) the case.' });
defineAction({
  path: 'assign',
  update: 'assign',
  roles: staff,
  schema: AssignRequestSchema,
  summary: 'Assign the case to an officer of the handling agency.',
  check: async (c, body, record) => {
    if (!(await isOfficerOf(c.env.DB, body.assigneeId, record.agencyId))) {
      fieldError('/assigneeId', 'unknown_reference', 'Not an officer of the agency handling this case.');
    }
  },
});
defineAction({
  path: 'supplement-request',
  update: 'requestSupplement',
  roles: staff,
  schema: SupplementRequestSchema,
  summary: 'Ask the citizen for missing information (補正); the clock pauses.',
  check: async (_c, body) => checkPeriod(body.period),
});
defineAction({
  path: 'supplement',
  update: 'supplementReceived',
  roles: ['citizen', ...staff],
  schema: SupplementSchema,
  summary: 'Supply the requested information; the clock resumes and the deadline shifts by the paused working days.',
});
defineAction({
  path: 'extend',
  update: 'extend',
  roles: staff,
  schema: ExtendRequestSchema,
  summary: 'Extend an application once, before expiry, by at most the original period; the citizen is notified.',
  check: async (_c, body) => checkPeriod(body.period),
});
defineAction({
  path: 'transfer',
  update: 'transfer',
  roles: staff,
  schema: TransferRequestSchema,
  summary: 'Transfer to the competent agency (Art. 172); the citizen-facing clock keeps running.',
  check: async (c, body) => {
    if (!(await agencyExists(c.env.DB, body.toAgencyId))) fieldError('/toAgencyId', 'unknown_reference', 'Unknown agency.');
  },
});
defineAction({ path: 'reply', update: 'reply', roles: staff, schema: ReplyRequestSchema, summary: 'Answer the citizen.' });
defineAction({ path: 'close', update: 'close', roles: staff, schema: EmptyActionSchema, summary: 'Close a replied case.' });
defineAction({
  path: 'reopen',
  update: 'reopen',
  roles: ['citizen', ...staff],
  schema: ReasonRequestSchema,
  summary: 'Reopen a replied case; a fresh resolution period starts.',
});
defineAction({
  path: 'not-processed',
  update: 'notProcessed',
  roles: staff,
  schema: NotProcessedRequestSchema,
  summary: 'Close without processing (Art. 173: anonymous, repeated, duplicate ...); counted but excluded from on-time rates.',
});

export default actions;
