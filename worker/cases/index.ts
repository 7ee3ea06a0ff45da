/**
 * The case leg (applications 申辦 and grievances 陳情): its sub-apps, and what it registers into
 * the platform (outbox starts and notification texts). Mounted by worker/index.ts.
 */
import { caseWorkflowId, caseWorkflowType, type CaseWorkflowInput } from '../../workflows/case/contract';
import { registerCalendarChangeHook } from '../platform/calendar-changes';
import { registerNotificationRenderer } from '../platform/notifications/renderers';
import { registerOutboxKind } from '../platform/outbox/kinds';
import { renderStoredCaseNotification } from './notification-templates';
import { caseCalendarSignals } from './calendar-signals';
import { registerAttachmentOwner } from '../platform/attachments/owners';
import { findCase } from './db';
import { canSee } from './routes';

registerOutboxKind('start_case_workflow', (_env, payload) => {
  const input = payload as CaseWorkflowInput;
  return { workflowId: caseWorkflowId(input.caseId), workflowType: caseWorkflowType, input: [input] };
});
registerNotificationRenderer(renderStoredCaseNotification);
registerCalendarChangeHook(caseCalendarSignals);
// A case's files are seen by whoever may see the case.
registerAttachmentOwner('case', async (c, caseId) => {
  const found = await findCase(c.env.DB, caseId);
  return found !== null && canSee(c.get('user')!, found);
});

export { default as caseActionRoutes } from './action-routes';
export { default as assistedCaseRoutes } from './assisted-routes';
export { default as caseEventRoutes } from './internal-routes';
export { default as caseRoutes } from './routes';
