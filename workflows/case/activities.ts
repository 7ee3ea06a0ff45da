import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import { type CaseProjectionEvent, internalRoutes } from './contract';

export type ActivityDeps = EdgeClientDeps;

/** Activities are the workflow's only I/O: they write projections back to the edge over signed HTTP. */
export function createActivities(deps: ActivityDeps) {
  const postSigned = createEdgeClient(deps);
  return {
    /** Idempotent on the edge by (caseId, seq), so Temporal's retries are safe. */
    async projectCaseEvent(event: CaseProjectionEvent): Promise<void> {
      await postSigned(internalRoutes.caseEvents, event);
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
