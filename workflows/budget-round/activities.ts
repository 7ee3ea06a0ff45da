import { Context } from '@temporalio/activity';
import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import { type BudgetRoundEvent, type CountSummary, budgetInternalRoutes } from './contract';
import { countRound } from './count-round';

export interface BudgetRoundActivityDeps extends EdgeClientDeps {
  /** Rows per page when reading a round's projects and ballots (default 1,000). */
  countPageSize?: number;
}

/** The round's only I/O: projections, and the count, which reads and writes the edge over signed internal routes. */
export function createActivities(deps: BudgetRoundActivityDeps) {
  const postSigned = createEdgeClient(deps);
  async function count(roundId: string): Promise<CountSummary> {
    const context = Context.current();
    return countRound(postSigned, roundId, {
      ...(deps.countPageSize ? { pageSize: deps.countPageSize } : {}),
      // Counts only: the heartbeat details are kept by Temporal and must carry no ballot.
      heartbeat: (progress) => context.heartbeat(progress),
    });
  }
  return {
    /** Idempotent on the edge by (roundId, seq). */
    async projectBudgetRoundEvent(event: BudgetRoundEvent): Promise<void> {
      await postSigned(budgetInternalRoutes.events, event);
    },
    /** Counts the round here, off the Worker; the edge stores the results once (see count-round.ts). */
    async countBudgetRound(input: { roundId: string }): Promise<CountSummary> {
      return count(input.roundId);
    },
    /**
     * The activity of workflows that reached their tally before the `budget-count-in-activity`
     * patch (their histories name it). It used to ask the edge to count; it now counts here too.
     */
    async tallyBudgetRound(input: { roundId: string }): Promise<void> {
      await count(input.roundId);
    },
  };
}

export type BudgetRoundActivities = ReturnType<typeof createActivities>;
