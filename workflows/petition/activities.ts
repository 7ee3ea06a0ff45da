import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import { type PetitionProjectionEvent, petitionInternalRoutes } from './contract';

/** The petition process's only I/O: projections to the edge and the settled endorsement count. */
export function createActivities(deps: EdgeClientDeps) {
  const postSigned = createEdgeClient(deps);
  return {
    /** Idempotent on the edge by (petitionId, seq), so Temporal's retries are safe. */
    async projectPetitionEvent(event: PetitionProjectionEvent): Promise<void> {
      await postSigned(petitionInternalRoutes.events, event);
    },
    /** Valid endorsements as counted by the edge (distinct endorsers, never a cached counter). */
    async countPetitionEndorsements(petitionId: string): Promise<number> {
      const res = (await postSigned(petitionInternalRoutes.count, { petitionId })) as { valid: number };
      return res.valid;
    },
  };
}

export type PetitionActivities = ReturnType<typeof createActivities>;
