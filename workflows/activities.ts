/**
 * Every process's activities, registered on the one worker. A new process adds its
 * `createActivities(deps)` here and its workflow functions to `index.ts`.
 */
import { createActivities as createCaseActivities } from './case/activities';
import { createActivities as createPetitionActivities } from './petition/activities';
import type { EdgeClientDeps } from './shared/edge-client';

export function createAllActivities(deps: EdgeClientDeps) {
  return {
    ...createCaseActivities(deps),
    ...createPetitionActivities(deps),
  };
}
