/**
 * The petition leg (提點子 / 附議): its sub-apps, and what it registers into the platform
 * (the workflow start from the outbox and notification texts). Mounted by worker/index.ts.
 */
import { type PetitionWorkflowInput, petitionWorkflowId, petitionWorkflowType } from '../../workflows/petition/contract';
import { registerNotificationRenderer } from '../platform/notifications/renderers';
import { registerOutboxKind } from '../platform/outbox/kinds';
import { renderStoredPetitionNotification } from './notification-templates';

registerOutboxKind('start_petition_workflow', (_env, payload) => {
  const input = payload as PetitionWorkflowInput;
  return { workflowId: petitionWorkflowId(input.petitionId), workflowType: petitionWorkflowType, input: [input] };
});
registerNotificationRenderer(renderStoredPetitionNotification);

export { default as petitionActionRoutes } from './action-routes';
export { default as petitionEndorsementRoutes, endorsementDefersAuth } from './endorsements';
export { default as petitionConfirmationRoutes } from './endorsement-confirmation';
export { default as petitionEventRoutes } from './internal-routes';
export { default as petitionIntegrityRoutes } from './integrity-routes';
export { default as petitionOpenDataRoutes } from './open-data-routes';
export { default as petitionSettingsRoutes } from './settings-routes';
export { petitionLists as petitionListRoutes, petitionPages as petitionPageRoutes } from './routes';
export { default as petitionBenchRoutes } from './bench-routes';
