import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { endOfTaipeiDay, taipeiDateOf } from '../../domain/calendar/taipei-time';
import { computeDeadline } from '../../domain/deadlines/deadline';
import { parsePeriod } from '../../domain/deadlines/period';
import {
  type CaseProjectionEvent,
  type CaseState,
  type CaseStatusQueryResult,
  type CaseWorkflowInput,
  type ReplyUpdateInput,
  type ReplyUpdateResult,
  caseQueries,
  caseUpdates,
} from './contract';
import type { CaseActivities } from './activities';
import { projectionActivityOptions } from '../shared/projection-options';

const { projectCaseEvent } = proxyActivities<CaseActivities>(projectionActivityOptions);

const replyUpdate = defineUpdate<ReplyUpdateResult, [ReplyUpdateInput]>(caseUpdates.reply);
const statusQuery = defineQuery<CaseStatusQueryResult>(caseQueries.status);

const openStates: readonly CaseState[] = ['received', 'accepted', 'in_progress', 'reopened'];

/**
 * The first version of the case workflow (foundation slice: deadlines, acknowledgement timer,
 * reply). Frozen: cases started before the SLA-aware version exist and must replay exactly;
 * caseWorkflow() routes them here through patched('case-sla-v2').
 */
export async function caseWorkflowV1(input: CaseWorkflowInput): Promise<{ state: CaseState }> {
  let state: CaseState = 'received';
  let seq = 0;
  const calendar = twOfficialCalendar(input.closures.map(parsePlainDate));
  const receivedDate = taipeiDateOf(Date.parse(input.receivedAt));
  const ackDueDate = computeDeadline(calendar, receivedDate, parsePeriod(input.ackPeriod));
  const resolutionDueDate = computeDeadline(calendar, receivedDate, parsePeriod(input.resolutionPeriod));
  let replied = false;

  const project = (e: Omit<CaseProjectionEvent, 'caseId' | 'seq' | 'occurredAt' | 'state'>) =>
    projectCaseEvent({ caseId: input.caseId, seq: ++seq, occurredAt: new Date().toISOString(), state, ...e });

  setHandler(statusQuery, () => ({ state, ackDueDate, resolutionDueDate, seq }));

  setHandler(
    replyUpdate,
    async ({ officerId, message }) => {
      replied = true;
      state = 'replied';
      const repliedAt = new Date().toISOString();
      await project({ type: 'replied', actorId: officerId, repliedAt, body: { message } });
      return { state, repliedAt };
    },
    {
      validator: ({ officerId, message }) => {
        if (!openStates.includes(state) || replied) throw new Error(`A case in state "${state}" cannot be replied to.`);
        if (typeof officerId !== 'string' || officerId.length === 0) throw new Error('officerId is required.');
        if (typeof message !== 'string' || message.trim().length < 5) throw new Error('The reply is too short.');
      },
    },
  );

  await project({ type: 'deadlines_computed', ackDueDate, resolutionDueDate });

  const ackTimeoutMs = Math.max(0, endOfTaipeiDay(ackDueDate) - Date.now());
  if (!(await condition(() => replied, ackTimeoutMs))) {
    await project({ type: 'ack_overdue', body: { ackDueDate } });
    await condition(() => replied);
  }
  await condition(allHandlersFinished);
  return { state };
}
