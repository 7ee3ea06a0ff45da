/**
 * The participatory budgeting leg (參與式預算): its sub-apps, and what it registers into the
 * platform (the outbox start of a round's workflow, notification texts). Mounted by worker/index.ts.
 */
import { type BudgetRoundWorkflowInput, budgetRoundWorkflowId, budgetRoundWorkflowType } from '../../workflows/budget-round/contract';
import { registerNotificationRenderer } from '../platform/notifications/renderers';
import { registerOutboxKind } from '../platform/outbox/kinds';
import { renderBudgetNotification } from './notify';

registerOutboxKind('start_budget_round_workflow', (_env, payload) => {
  const input = payload as BudgetRoundWorkflowInput;
  return { workflowId: budgetRoundWorkflowId(input.roundId), workflowType: budgetRoundWorkflowType, input: [input] };
});
registerNotificationRenderer(renderBudgetNotification);

export { default as budgetBallotRoutes } from './ballot-routes';
export { default as budgetBenchRoutes } from './bench-routes';
export { default as budgetRoundEventRoutes } from './internal-routes';
export { default as budgetProjectRoutes } from './project-routes';
export { default as budgetRoundRoutes } from './round-routes';
