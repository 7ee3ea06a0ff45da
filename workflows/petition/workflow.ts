import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { PetitionActivities } from './activities';
import {
  type ActorOnly,
  type AssignAgencyInput,
  type ExtendResponseInput,
  type MeetingInput,
  type PetitionSnapshot,
  type PetitionState,
  type PetitionWorkflowInput,
  type QuietPeriodsSignal,
  type RejectInput,
  type RespondInput,
  type ThresholdSignal,
  type TransferPetitionInput,
  petitionQueries,
  petitionSignals,
  petitionUpdates,
} from './contract';
import { PetitionProcess, PetitionRuleError, type PetitionEventDraft, checkPetitionInput } from './petition-process';
import { projectionActivityOptions } from '../shared/projection-options';

const { projectPetitionEvent, countPetitionEndorsements } = proxyActivities<PetitionActivities>(projectionActivityOptions);

export const publishUpdate = defineUpdate<PetitionSnapshot, [ActorOnly]>(petitionUpdates.publish);
export const rejectUpdate = defineUpdate<PetitionSnapshot, [RejectInput]>(petitionUpdates.reject);
export const assignAgencyUpdate = defineUpdate<PetitionSnapshot, [AssignAgencyInput]>(petitionUpdates.assignAgency);
export const transferPetitionUpdate = defineUpdate<PetitionSnapshot, [TransferPetitionInput]>(petitionUpdates.transfer);
export const extendResponseUpdate = defineUpdate<PetitionSnapshot, [ExtendResponseInput]>(petitionUpdates.extend);
export const respondUpdate = defineUpdate<PetitionSnapshot, [RespondInput]>(petitionUpdates.respond);
export const recordMeetingUpdate = defineUpdate<PetitionSnapshot, [MeetingInput]>(petitionUpdates.recordMeeting);
export const closePetitionUpdate = defineUpdate<PetitionSnapshot, [ActorOnly]>(petitionUpdates.close);
export const thresholdReachedSignal = defineSignal<[ThresholdSignal]>(petitionSignals.thresholdReached);
export const quietPeriodsSignal = defineSignal<[QuietPeriodsSignal]>(petitionSignals.quietPeriods);
export const petitionStatusQuery = defineQuery<{ seq: number; snapshot: PetitionSnapshot }>(petitionQueries.status);

function ruled<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PetitionRuleError) throw ApplicationFailure.nonRetryable(e.message, 'PetitionRuleError');
    throw e;
  }
}

/**
 * One petition from submission to closure: staff review clock, endorsement window (suspended by
 * quiet periods), passing the moment the threshold is reached, the agency's response clock with
 * warnings, overdue flag and one extension, response, meeting and closure. The rules live in
 * PetitionProcess; this function only wires them to Temporal.
 */
export async function petitionWorkflow(input: PetitionWorkflowInput): Promise<{ state: PetitionState }> {
  const problems = checkPetitionInput(input);
  if (problems.length) throw ApplicationFailure.nonRetryable(`Invalid petition input: ${problems.join('; ')}`, 'InvalidInput');
  const process = new PetitionProcess(input);
  let seq = 0;
  let version = 0;
  // Signals only queue work: projections happen in the main loop, one at a time, in order.
  const pending: PetitionEventDraft[] = [];

  async function record(draft: PetitionEventDraft): Promise<void> {
    await projectPetitionEvent({
      petitionId: input.petitionId,
      seq: ++seq,
      type: draft.type,
      occurredAt: new Date().toISOString(),
      ...(draft.actorId ? { actorId: draft.actorId } : {}),
      ...(draft.body ? { body: draft.body } : {}),
      ...(draft.notify ? { notify: draft.notify } : {}),
      snapshot: process.snapshot(),
    });
  }

  // Updates change state synchronously and project before answering, so the caller's next read
  // sees the change.
  async function act(apply: (now: number) => PetitionEventDraft): Promise<PetitionSnapshot> {
    const draft = ruled(() => apply(Date.now()));
    version++;
    await record(draft);
    return process.snapshot();
  }

  setHandler(petitionStatusQuery, () => ({ seq, snapshot: process.snapshot() }));
  setHandler(publishUpdate, ({ actor }) => act((now) => process.publish(actor, now)), {
    validator: ({ actor }) => process.validatePublish(actor),
  });
  setHandler(rejectUpdate, ({ actor, ground, message, duplicateOf }) => act((now) => process.reject(actor, ground, message, duplicateOf, now)), {
    validator: ({ actor, ground, message, duplicateOf }) => process.validateReject(actor, ground, message, duplicateOf),
  });
  setHandler(assignAgencyUpdate, ({ actor, agencyId }) => act((now) => process.assignAgency(actor, agencyId, now)), {
    validator: ({ actor, agencyId }) => process.validateAssignAgency(actor, agencyId),
  });
  setHandler(transferPetitionUpdate, ({ actor, toAgencyId, reason }) => act(() => process.transfer(actor, toAgencyId, reason)), {
    validator: ({ actor, toAgencyId, reason }) => process.validateTransfer(actor, toAgencyId, reason),
  });
  setHandler(extendResponseUpdate, ({ actor, period, reason }) => act((now) => process.extend(actor, period, reason, now)), {
    validator: ({ actor, period, reason }) => process.validateExtend(actor, period, reason, Date.now()),
  });
  setHandler(respondUpdate, ({ actor, summary, points }) => act((now) => process.respond(actor, summary, points, now)), {
    validator: ({ actor, summary, points }) => process.validateRespond(actor, summary, points),
  });
  setHandler(recordMeetingUpdate, ({ actor, ...m }) => act(() => process.recordMeeting(actor, m)), {
    validator: ({ actor, ...m }) => process.validateMeeting(actor, m),
  });
  setHandler(closePetitionUpdate, ({ actor }) => act((now) => process.close(actor, now)), {
    validator: ({ actor }) => process.validateClose(actor),
  });
  setHandler(thresholdReachedSignal, ({ validCount }) => {
    const draft = process.thresholdSignal(validCount, Date.now());
    if (draft) {
      pending.push(draft);
      version++;
    }
  });
  setHandler(quietPeriodsSignal, ({ periods }) => {
    const draft = process.setQuietPeriods(periods);
    if (draft) pending.push(draft);
    version++;
  });

  await record(process.started());

  while (!process.finished) {
    while (pending.length) await record(pending.shift()!);
    if (process.finished) break;
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
    if (changed || !timer) continue;
    if (timer.kind === 'window_end') {
      const count = await countPetitionEndorsements(input.petitionId);
      // The threshold signal may have passed the petition while the count was on its way.
      const draft = process.windowClosed(count, Date.now());
      version++;
      if (draft) await record(draft);
    } else {
      const draft = process.fire(timer.kind, Date.now());
      version++;
      if (draft) await record(draft);
    }
  }
  while (pending.length) await record(pending.shift()!);
  await condition(allHandlersFinished);
  return { state: process.currentState };
}
