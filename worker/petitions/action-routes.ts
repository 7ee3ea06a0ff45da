/**
 * What staff and agencies do to a petition. Each action is a validated Temporal update: the edge
 * checks who may act and the input's shape, the workflow checks the petition's rules (state,
 * deadlines, one extension) and answers with the new process state.
 */
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import { type PetitionUpdateName, petitionUpdates, petitionWorkflowId } from '../../workflows/petition/contract';
import type { Role } from '../platform/auth/users';
import type { AppContext } from '../platform/env';
import { fail } from '../platform/problem';
import { agencyExists } from '../platform/reference/db';
import { workflowActionDefiner } from '../platform/workflow-action-routes';
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

const defineAction = workflowActionDefiner<PetitionRecord, PetitionUpdateName>({
  router: actions,
  noun: 'petition',
  tag: 'Petition actions',
  params: PetitionIdParamSchema,
  response: PetitionDetailSchema,
  responseDescription: 'The petition after the action.',
  load: loadVisiblePetition,
  workflowId: petitionWorkflowId,
  updateName: (u) => petitionUpdates[u],
  refusalCode: () => 'petition-rule',
  auditDetail: (update, body) => (update === 'respond' || update === 'recordMeeting' ? {} : body),
  detail: async (c, id) => petitionDetail(c, (await findPetition(c.env.DB, id))!),
});

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
