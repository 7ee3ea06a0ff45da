/**
 * What officers and citizens do to a case. Each action is a validated Temporal update: the
 * edge checks who may act and the shape of the input, the workflow checks the case's rules
 * (state, deadlines, one extension ...) and answers with the new process state.
 */
import { attachPending, requirePendingAttachments } from '../platform/attachments/service';
import type { FieldCode } from '../platform/field-codes';
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import { type CaseUpdateName, caseRuleCodes, caseUpdates, caseWorkflowId } from '../../workflows/case/contract';
import { type CaseRecord, findCase } from './db';
import { agencyExists, isOfficerOf } from '../platform/reference/db';
import type { Role } from '../platform/auth/users';
import { fail } from '../platform/problem';
import { workflowActionDefiner } from '../platform/workflow-action-routes';
import { createRouter } from '../platform/validation';
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

const defineAction = workflowActionDefiner<CaseRecord, CaseUpdateName>({
  router: actions,
  noun: 'case',
  tag: 'Case actions',
  params: CaseIdParamSchema,
  response: CaseDetailSchema,
  responseDescription: 'The case after the action.',
  load: (c, id) => loadVisibleCase(c, id, { act: true }),
  workflowId: caseWorkflowId,
  updateName: (u) => caseUpdates[u],
  refusalCode: (e) => ruleCode(e.failureType),
  // Files stay at the edge: the workflow gets the text, the read model links the uploads.
  input: async (c, { update, body, user }) => {
    const { attachmentIds, ...fields } = body as { attachmentIds?: string[] };
    await requirePendingAttachments(c.env.DB, user.id, attachmentIds);
    return { ...fields, ...(update === 'reply' ? { officerId: user.id } : {}) };
  },
  extraStatements: (c, { id, body, user, at }) =>
    attachPending(c.env.DB, { ids: (body as { attachmentIds?: string[] }).attachmentIds, uploaderId: user.id, ownerKind: 'case', ownerId: id, at }),
  auditDetail: (update, body) => (update === 'assign' || update === 'transfer' || update === 'extend' ? body : {}),
  detail: async (c, id) => caseDetail(c, (await findCase(c.env.DB, id))!),
});

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
