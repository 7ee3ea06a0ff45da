/**
 * Every process's activities, registered on the one worker. A new process adds its
 * `createActivities(deps)` here and its workflow functions to `index.ts`.
 */
import { type BudgetRoundActivityDeps, createActivities as createBudgetRoundActivities } from './budget-round/activities';
import { type ActivityDeps as CaseActivityDeps, createActivities as createCaseActivities } from './case/activities';
import { createActivities as createPetitionActivities } from './petition/activities';
import { createActivities as createConsultationActivities } from './consultation/activities';

export function createAllActivities(deps: CaseActivityDeps & BudgetRoundActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createPetitionActivities(deps),
    ...createConsultationActivities(deps),
    ...createBudgetRoundActivities(deps),
  };
}
