import { ApplicationFailure, allHandlersFinished, condition, defineQuery, defineUpdate, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BudgetRoundActivities } from './activities';
import {
  type BudgetRoundEventType,
  type BudgetRoundWorkflowInput,
  type ExtendPhaseInput,
  type RoundPhase,
  type RoundStatus,
  budgetRoundQueries,
  budgetRoundUpdates,
} from './contract';
import { RoundProcess, RoundRuleError, checkSchedule } from './round-process';
import { projectionRetry } from '../shared/projection-options';

const { projectBudgetRoundEvent, tallyBudgetRound } = proxyActivities<BudgetRoundActivities>({
  // The tally runs inside this call: a long round needs more than a projection's 30 seconds.
  startToCloseTimeout: '2 minutes',
  retry: projectionRetry,
});

/**
 * The count pages the whole ballot box and runs the rule in the worker process: a large round
 * takes minutes, so a long limit, with heartbeats after every page (a dead worker is noticed
 * within the heartbeat timeout, not at the end of the limit).
 */
const { countBudgetRound } = proxyActivities<BudgetRoundActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: projectionRetry,
});

/** Rounds that reach their tally from this version on count in the activity (issue 10). */
export const countInActivityPatch = 'budget-count-in-activity';

export const extendPhaseUpdate = defineUpdate<RoundStatus, [ExtendPhaseInput]>(budgetRoundUpdates.extendPhase);
export const roundStatusQuery = defineQuery<RoundStatus>(budgetRoundQueries.status);

/** Rule violations fail the update (the caller gets the message), never the workflow. */
function ruled(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoundRuleError) throw ApplicationFailure.nonRetryable(e.message, 'RoundRuleError');
    throw e;
  }
}

/**
 * One participatory budgeting round: proposals → feasibility review → voting → tallying →
 * results → implementation. Phase ends are data (seconds in tests); staff may extend the
 * current phase with a public reason before it ends; the tally runs when voting closes.
 */
export async function budgetRoundWorkflow(input: BudgetRoundWorkflowInput): Promise<{ phase: RoundPhase }> {
  const problems = typeof input?.roundId === 'string' && input.schedule ? checkSchedule(input.schedule) : ['roundId and schedule are required'];
  if (problems.length) throw ApplicationFailure.nonRetryable(`Invalid round input: ${problems.join('; ')}`, 'InvalidInput');

  const process = new RoundProcess(input.schedule, Date.now());
  let seq = 0;
  let version = 0;

  async function record(type: BudgetRoundEventType, reason?: string): Promise<void> {
    await projectBudgetRoundEvent({
      roundId: input.roundId,
      seq: ++seq,
      type,
      phase: process.phase,
      occurredAt: new Date(Date.now()).toISOString(),
      schedule: process.schedule,
      ...(reason ? { reason } : {}),
    });
  }

  setHandler(roundStatusQuery, () => ({ phase: process.phase, schedule: process.schedule, seq }));
  setHandler(
    extendPhaseUpdate,
    async (req) => {
      ruled(() => process.extend(req, Date.now()));
      version++;
      await record('phase_extended', req.reason.trim());
      return { phase: process.phase, schedule: process.schedule, seq };
    },
    {
      validator: (req) => ruled(() => process.validateExtend(req, Date.now())),
    },
  );

  await record('phase_started');
  while (!process.finished) {
    if (process.phase === 'tallying') {
      if (patched(countInActivityPatch)) await countBudgetRound({ roundId: input.roundId });
      else await tallyBudgetRound({ roundId: input.roundId });
      await record('tallied');
      process.advance();
      await record('phase_started');
      continue;
    }
    const seen = version;
    const endsAt = process.endsAt() ?? Date.now();
    const wait = endsAt - Date.now();
    // An extension bumps `version` and the loop re-plans with the new end.
    const changed = wait > 0 ? await condition(() => version !== seen, wait) : false;
    if (changed) continue;
    process.advance();
    await record('phase_started');
  }
  await condition(allHandlersFinished);
  return { phase: process.phase };
}
