/** Case scenarios that scripts/record-histories.ts runs to completion and records for replay tests. */
import type { WorkflowHandle } from '@temporalio/client';
import type { Actor, CaseWorkflowInput } from '../workflows/case/contract';
import { caseUpdates } from '../workflows/case/contract';
import type { caseWorkflow } from '../workflows/case/workflow';

type Handle = WorkflowHandle<typeof caseWorkflow>;
const officer: Actor = { id: 'u-officer-dot', role: 'officer', agencyId: 'TPE-DOT' };
const otherAgency: Actor = { id: 'u-officer-dep', role: 'officer', agencyId: 'TPE-DEP' };
const citizen: Actor = { id: 'u-citizen', role: 'citizen', agencyId: null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function input(id: string, overrides: Partial<CaseWorkflowInput>): CaseWorkflowInput {
  return {
    caseId: `REC-${id}`,
    kind: 'grievance',
    agencyId: 'TPE-DOT',
    serviceTypeCode: 'GRV-TRAFFIC',
    receivedAt: new Date().toISOString(),
    ackPeriod: '3wd',
    resolutionPeriod: '30d',
    closures: [],
    ...overrides,
  };
}

const update = (h: Handle, name: keyof typeof caseUpdates, arg: object) => h.executeUpdate(caseUpdates[name], { args: [arg] });

export const scenarios: { name: string; input: CaseWorkflowInput; drive(h: Handle): Promise<void> }[] = [
  {
    // The acknowledgement deadline passes, the answer deadline breaches and re-escalates, then a late reply closes by itself.
    name: 'ack-missed-breach-escalated-replied',
    input: input('ack-breach', { ackPeriod: '1s', resolutionPeriod: '4s', sla: { escalationRepeat: '2s', autoCloseAfter: '1s' } }),
    async drive(h) {
      await sleep(7_500);
      await update(h, 'accept', { actor: officer });
      await update(h, 'reply', { officerId: officer.id, actor: officer, message: '已派員處理完畢，謝謝您。' });
      await h.result();
    },
  },
  {
    name: 'application-supplement-extend-transfer-reopen',
    input: input('application', { kind: 'application', resolutionPeriod: '20s', sla: { supplementPeriod: '6s', supplementReminderBefore: '3s', autoCloseAfter: '1s' } }),
    async drive(h) {
      await sleep(500);
      await update(h, 'accept', { actor: officer });
      await update(h, 'assign', { actor: officer, assigneeId: officer.id });
      await update(h, 'requestSupplement', { actor: officer, message: '請補附現場照片兩張。' });
      await sleep(3_500);
      await update(h, 'supplementReceived', { actor: citizen, message: '已上傳照片。' });
      await update(h, 'transfer', { actor: officer, toAgencyId: 'TPE-DEP', reason: '噪音案件屬環保局權責。' });
      await update(h, 'accept', { actor: otherAgency });
      await update(h, 'extend', { actor: otherAgency, period: '10s', reason: '需會勘現場並協調管線單位。' });
      await update(h, 'reply', { officerId: otherAgency.id, actor: otherAgency, message: '已派員處理完畢，謝謝您。' });
      await update(h, 'reopen', { actor: citizen, reason: '問題仍未改善，請再處理。' });
      await update(h, 'reply', { officerId: otherAgency.id, actor: otherAgency, message: '已再次派員複查並完成改善。' });
      await h.result();
    },
  },
  {
    name: 'not-processed',
    input: input('not-processed', {}),
    async drive(h) {
      await sleep(300);
      await update(h, 'notProcessed', { actor: officer, code: 'duplicate', reason: '與案件 A 重複陳情。' });
      await h.result();
    },
  },
];
