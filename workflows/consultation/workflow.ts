import { ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { ConsultationActivities } from './activities';
import { ConsultationProcess, type ConsultationEventDraft } from './consultation-process';
import type { ConsultationState, ConsultationWorkflowInput } from './contract';
import { checkConsultationWorkflowInput } from './input';
import { projectionActivityOptions } from '../shared/projection-options';

const { projectConsultationEvent } = proxyActivities<ConsultationActivities>(projectionActivityOptions);

/**
 * One consultation's time (`consultation-<id>`): opening, close, the agency's response deadline
 * with 50 % / 75 % warnings, and the overdue flag. The rules live in ConsultationProcess; this
 * function only wires them to Temporal timers. The summary report is published at the edge (it is
 * a D1 write guarded by the completeness check); every projection answers whether it is out, and
 * the clock stops then.
 */
export async function consultationWorkflow(input: ConsultationWorkflowInput): Promise<{ state: ConsultationState }> {
  const problems = checkConsultationWorkflowInput(input);
  if (problems.length) throw ApplicationFailure.nonRetryable(`Invalid consultation input: ${problems.join('; ')}`, 'InvalidInput');

  const process = new ConsultationProcess(input);
  let seq = 0;

  async function record(draft: ConsultationEventDraft): Promise<void> {
    const now = Date.now();
    const responseState = process.responseState(now);
    const result = await projectConsultationEvent({
      consultationId: input.consultationId,
      seq: ++seq,
      type: draft.type,
      state: process.currentState,
      occurredAt: new Date(now).toISOString(),
      ...(process.currentState === 'closed' ? { responseDueAt: process.responseDueAt } : {}),
      ...(responseState ? { responseState } : {}),
      ...(draft.level !== undefined ? { level: draft.level } : {}),
      ...(draft.notify ? { notify: draft.notify } : {}),
    });
    if (result.reportPublished) process.reportPublished();
  }

  for (let timer = process.nextTimer(); timer; timer = process.nextTimer()) {
    const wait = timer.at - Date.now();
    if (wait > 0) await sleep(wait);
    const draft = process.fire(timer.kind);
    if (draft) await record(draft);
  }
  return { state: process.currentState };
}
