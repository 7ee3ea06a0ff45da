/**
 * The contract between the edge (worker/) and the Temporal worker process (workflows/).
 * Dependency-free on purpose: the Cloudflare Worker imports it to call Temporal over HTTP,
 * and the workflow code imports it to declare its handlers, so names cannot drift apart.
 */

export const CASE_TASK_QUEUE_DEFAULT = 'cases';

export const caseWorkflowType = 'caseWorkflow';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export type CaseKind = 'grievance' | 'application';

/** Lifecycle states shared by the workflow, the D1 read model (CHECK constraint) and the UI. */
export const caseStates = [
  'received',
  'accepted',
  'awaiting_supplement',
  'in_progress',
  'transferred',
  'extended',
  'replied',
  'closed',
  'reopened',
  'not_processed',
] as const;
export type CaseState = (typeof caseStates)[number];

export interface CaseWorkflowInput {
  caseId: string;
  kind: CaseKind;
  agencyId: string;
  serviceTypeCode: string;
  /** ISO instant of receipt, fixed by the API so that replays and restarts agree. */
  receivedAt: string;
  /** Deadline-library notation, e.g. '3wd'. */
  ackPeriod: string;
  resolutionPeriod: string;
  /** Ad-hoc office closures (typhoon days) known at intake, as YYYY-MM-DD. */
  closures: string[];
}

export interface ReplyUpdateInput {
  officerId: string;
  message: string;
}

export interface ReplyUpdateResult {
  state: CaseState;
  repliedAt: string;
}

export interface CaseStatusQueryResult {
  state: CaseState;
  ackDueDate: string;
  resolutionDueDate: string;
  seq: number;
}

export const caseUpdates = { reply: 'reply' } as const;
export const caseQueries = { status: 'status' } as const;

/** Timeline event written back to the edge by the projection activity. */
export interface CaseProjectionEvent {
  caseId: string;
  /** Strictly increasing per case; the edge ignores anything it has already applied. */
  seq: number;
  type: 'workflow_started' | 'deadlines_computed' | 'ack_overdue' | 'replied' | 'closed';
  state: CaseState;
  occurredAt: string;
  actorId?: string;
  ackDueDate?: string;
  resolutionDueDate?: string;
  repliedAt?: string;
  body?: Record<string, string | number | boolean>;
}

/** Internal edge routes the Temporal worker calls; requests are HMAC-signed with INTERNAL_SECRET. */
export const internalRoutes = {
  caseEvents: '/internal/v1/case-events',
} as const;

export const internalSignatureHeader = 'x-civic-signature';
export const internalTimestampHeader = 'x-civic-timestamp';
