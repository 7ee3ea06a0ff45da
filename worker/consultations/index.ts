/**
 * The consultation leg (法規預告 / 眾開講): its sub-apps, and what it registers into the platform
 * (the outbox start of its workflow and its notification texts). Mounted by worker/index.ts.
 */
import {
  type ConsultationWorkflowInput,
  consultationWorkflowId,
  consultationWorkflowType,
} from '../../workflows/consultation/contract';
import { registerNotificationRenderer } from '../platform/notifications/renderers';
import { registerOutboxKind } from '../platform/outbox/kinds';
import { renderStoredConsultationNotification } from './notification-templates';

registerOutboxKind('start_consultation_workflow', (_env, payload) => {
  const input = payload as ConsultationWorkflowInput;
  return { workflowId: consultationWorkflowId(input.consultationId), workflowType: consultationWorkflowType, input: [input] };
});
registerNotificationRenderer(renderStoredConsultationNotification);

export { default as consultationCommentRoutes } from './comment-routes';
export { default as consultationDispositionRoutes } from './disposition-routes';
export { default as consultationEventRoutes } from './internal-routes';
export { default as consultationOpenDataRoutes, consultationFigureRoutes } from './open-data-routes';
export { default as consultationRoutes } from './routes';
