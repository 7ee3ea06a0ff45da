import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import { type BudgetRoundEvent, budgetInternalRoutes } from './contract';

/** The round's only I/O: projections and the tally, both on signed internal routes of the edge. */
export function createActivities(deps: EdgeClientDeps) {
  const postSigned = createEdgeClient(deps);
  return {
    /** Idempotent on the edge by (roundId, seq). */
    async projectBudgetRoundEvent(event: BudgetRoundEvent): Promise<void> {
      await postSigned(budgetInternalRoutes.events, event);
    },
    /** The edge counts the ballots it holds; results are deterministic, so a retry rewrites the same rows. */
    async tallyBudgetRound(input: { roundId: string }): Promise<void> {
      await postSigned(budgetInternalRoutes.tally, input);
    },
  };
}

export type BudgetRoundActivities = ReturnType<typeof createActivities>;
