import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import {
  type AcceptInput,
  type AssignInput,
  type CalendarChangedSignal,
  type CaseProjectionEvent,
  type CaseSnapshot,
  type CaseState,
  type CaseStatusQueryResult,
  type CaseWorkflowInput,
  type ExtendInput,
  type NotProcessedInput,
  type ReasonInput,
  type ReplyUpdateInput,
  type ReplyUpdateResult,
  type RequestSupplementInput,
  type SupplementInput,
  type TransferInput,
  caseQueries,
  caseSignals,
  caseUpdates,
} from './contract';
import type { CaseActivities } from './activities';
import { CaseProcess, CaseRuleError, type EventDraft } from './case-process';
import { checkCalendarSignal, checkCaseWorkflowInput } from './input';
import { caseWorkflowV1 } from './legacy-v1';
import { projectionActivityOptions } from '../shared/projection-options';

const { projectCaseEvent, projectCaseEvents } = proxyActivities<CaseActivities>(projectionActivityOptions);

/** Events of one case sent in one activity call at most; the activity splits by size again. */
const MAX_EVENTS_PER_PROJECTION = 20;

// Updates return the case's process state after the change; validators refuse without side effects.
export const replyUpdate = defineUpdate<ReplyUpdateResult, [ReplyUpdateInput]>(caseUpdates.reply);
export const acceptUpdate = defineUpdate<CaseSnapshot, [AcceptInput]>(caseUpdates.accept);
export const assignUpdate = defineUpdate<CaseSnapshot, [AssignInput]>(caseUpdates.assign);
export const requestSupplementUpdate = defineUpdate<CaseSnapshot, [RequestSupplementInput]>(caseUpdates.requestSupplement);
export const supplementReceivedUpdate = defineUpdate<CaseSnapshot, [SupplementInput]>(caseUpdates.supplementReceived);
export const extendUpdate = defineUpdate<CaseSnapshot, [ExtendInput]>(caseUpdates.extend);
export const transferUpdate = defineUpdate<CaseSnapshot, [TransferInput]>(caseUpdates.transfer);
export const closeUpdate = defineUpdate<CaseSnapshot, [AcceptInput]>(caseUpdates.close);
export const reopenUpdate = defineUpdate<CaseSnapshot, [ReasonInput]>(caseUpdates.reopen);
export const notProcessedUpdate = defineUpdate<CaseSnapshot, [NotProcessedInput]>(caseUpdates.notProcessed);
export const statusQuery = defineQuery<CaseStatusQueryResult>(caseQueries.status);
/** A new calendar edition or office closures: deadlines still ahead are counted again. */
export const calendarChangedSignal = defineSignal<[CalendarChangedSignal]>(caseSignals.calendarChanged);

/**
 * Rule violations fail the update, never the workflow. The failure's type is the rule's stable
 * code, which the edge answers with as the problem type and the UI translates.
 */
function ruled<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CaseRuleError) throw ApplicationFailure.create({ message: e.message, type: e.code, nonRetryable: true });
    throw e;
  }
}

/**
 * One case from receipt to closure: deadlines from the official calendar, acknowledgement and
 * SLA timers (50 % and 75 % warnings, breach, re-escalation), clock pauses for supplements,
 * one extension for applications, transfers between agencies, reply, reopen and closure.
 * The rules live in CaseProcess; this function only wires them to Temporal.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<{ state: CaseState }> {
  const problems = checkCaseWorkflowInput(input);
  if (problems.length) throw ApplicationFailure.nonRetryable(`Invalid case input: ${problems.join('; ')}`, 'InvalidInput');
  // Cases started by the first version keep its exact command sequence on replay.
  if (!patched('case-sla-v2')) return caseWorkflowV1(input);

  // Cases started before these changes keep their behaviour for life (and replay exactly).
  const process = new CaseProcess(input, {
    ackBreach: patched('case-ack-breach'),
    calendarFromInput: patched('case-calendar-input'),
  });
  // Issue 11: events are recorded in the workflow at once and projected by a background loop, in
  // seq order and in batches, so a slow or refusing edge never delays the next timer. Cases
  // started before keep awaiting each projection (their histories replay exactly).
  const queued = patched('case-projection-queue');
  let seq = 0;
  // Bumped by every update so the timer wait below re-plans after each change.
  let version = 0;
  /** Recorded but not yet projected (queued mode), oldest first. */
  const pending: CaseProjectionEvent[] = [];
  /** The highest seq the edge has accepted (queued mode). */
  let projectedSeq = 0;

  async function record(draft: EventDraft): Promise<void> {
    const now = Date.now();
    const snapshot = process.snapshot(now);
    const event: CaseProjectionEvent = {
      caseId: input.caseId,
      seq: ++seq,
      type: draft.type,
      state: snapshot.state,
      occurredAt: new Date(now).toISOString(),
      ...(draft.actorId ? { actorId: draft.actorId } : {}),
      ...(draft.body ? { body: draft.body } : {}),
      ...(draft.notify ? { notify: draft.notify } : {}),
      ackDueDate: taipeiDateOf(Date.parse(snapshot.ackDueAt)),
      resolutionDueDate: taipeiDateOf(Date.parse(snapshot.resolutionDueAt)),
      ...(snapshot.repliedAt ? { repliedAt: snapshot.repliedAt } : {}),
      snapshot,
    };
    if (queued) pending.push(event);
    else await projectCaseEvent(event);
  }

  /** Sends what is pending, oldest first; runs for the life of the workflow (queued mode). */
  async function projectPending(): Promise<never> {
    for (;;) {
      await condition(() => pending.length > 0);
      const events = pending.slice(0, MAX_EVENTS_PER_PROJECTION);
      // Retried with backoff for as long as the edge refuses (projectionActivityOptions).
      await projectCaseEvents({ caseId: input.caseId, events });
      pending.splice(0, events.length);
      projectedSeq = events.at(-1)!.seq;
    }
  }

  async function act(apply: (now: number) => EventDraft): Promise<CaseSnapshot> {
    const draft = ruled(() => apply(Date.now()));
    version++;
    await record(draft);
    // Updates answer after their event is in D1: the edge and the UI read the case back at once.
    const mine = seq;
    if (queued) await condition(() => projectedSeq >= mine);
    return process.snapshot(Date.now());
  }

  setHandler(statusQuery, () => {
    const snapshot = process.snapshot(Date.now());
    return {
      state: snapshot.state,
      ackDueDate: taipeiDateOf(Date.parse(snapshot.ackDueAt)),
      resolutionDueDate: taipeiDateOf(Date.parse(snapshot.resolutionDueAt)),
      seq,
      snapshot,
    };
  });

  setHandler(
    replyUpdate,
    async ({ actor, message }) => {
      const snapshot = await act((now) => process.reply(actor!, message, now));
      return { state: snapshot.state, repliedAt: snapshot.repliedAt! };
    },
    {
      validator: ({ actor, message }) => {
        ruled(() => {
          if (!actor) throw new CaseRuleError('actor-required', 'actor is required.');
          process.validateReply(actor, message);
        });
      },
    },
  );
  setHandler(acceptUpdate, ({ actor }) => act((now) => process.accept(actor, now)), {
    validator: ({ actor }) => ruled(() => process.validateAccept(actor)),
  });
  setHandler(assignUpdate, ({ actor, assigneeId }) => act((now) => process.assign(actor, assigneeId, now)), {
    validator: ({ actor, assigneeId }) => ruled(() => process.validateAssign(actor, assigneeId)),
  });
  setHandler(
    requestSupplementUpdate,
    ({ actor, message, period }) => act((now) => process.requestSupplement(actor, message, period, now)),
    { validator: ({ actor, message, period }) => ruled(() => process.validateRequestSupplement(actor, message, period)) },
  );
  setHandler(supplementReceivedUpdate, ({ actor, message }) => act((now) => process.supplementReceived(actor, message, now)), {
    validator: ({ actor, message }) => ruled(() => process.validateSupplementReceived(actor, message)),
  });
  setHandler(extendUpdate, ({ actor, period, reason }) => act((now) => process.extend(actor, period, reason, now)), {
    validator: ({ actor, period, reason }) => ruled(() => process.validateExtend(actor, period, reason, Date.now())),
  });
  setHandler(transferUpdate, ({ actor, toAgencyId, reason }) => act((now) => process.transfer(actor, toAgencyId, reason, now)), {
    validator: ({ actor, toAgencyId, reason }) => ruled(() => process.validateTransfer(actor, toAgencyId, reason)),
  });
  setHandler(closeUpdate, ({ actor }) => act((now) => process.close(actor, now)), {
    validator: ({ actor }) => ruled(() => process.validateClose(actor)),
  });
  setHandler(reopenUpdate, ({ actor, reason }) => act((now) => process.reopen(actor, reason, now)), {
    validator: ({ actor, reason }) => ruled(() => process.validateReopen(actor, reason)),
  });
  setHandler(notProcessedUpdate, ({ actor, code, reason }) => act((now) => process.notProcessed(actor, code, reason, now)), {
    validator: ({ actor, code, reason }) => ruled(() => process.validateNotProcessed(actor, code, reason)),
  });

  setHandler(calendarChangedSignal, async (change) => {
    // Signals arrive from outside like updates, but cannot be refused: a malformed one is logged and ignored.
    const problems = checkCalendarSignal(change);
    if (problems.length) {
      log.warn('calendar signal ignored', { problems });
      return;
    }
    const draft = process.changeCalendar(change, Date.now());
    version++;
    if (draft) await record(draft);
  });

  await record({ type: 'deadlines_computed', notify: ['citizen', 'agency_officers'] });
  const projector = queued ? projectPending() : null;

  while (!process.finished) {
    const timer = process.nextTimer();
    const seen = version;
    let changed: boolean;
    if (!timer) {
      await condition(() => version !== seen);
      changed = true;
    } else {
      const wait = timer.at - Date.now();
      changed = wait > 0 ? await condition(() => version !== seen, wait) : false;
    }
    if (!changed && timer) {
      const draft = process.fire(timer.kind, Date.now());
      version++;
      if (draft) await record(draft);
    }
  }
  if (projector) {
    // Complete only once every recorded event is in D1 (a failing projection fails the run, as before).
    await Promise.race([projector, condition(() => allHandlersFinished() && projectedSeq === seq)]);
  } else {
    await condition(allHandlersFinished);
  }
  return { state: process.currentState };
}
