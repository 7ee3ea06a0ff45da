/**
 * The case process's contract between the edge (worker/) and the Temporal worker (workflows/).
 * Dependency-free on purpose: the Cloudflare Worker imports it to call Temporal over HTTP,
 * and the workflow code imports it to declare its handlers, so names cannot drift apart.
 */

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

/** States in which the agency still owes the citizen an answer. */
export const openCaseStates: readonly CaseState[] = [
  'received',
  'accepted',
  'awaiting_supplement',
  'in_progress',
  'transferred',
  'extended',
  'reopened',
];

/** States in which the case is answered or ended: everything that is not open. */
export const closedCaseStates: readonly CaseState[] = caseStates.filter((s) => !openCaseStates.includes(s));

export const slaStates = ['on_track', 'warned_50', 'warned_75', 'breached', 'paused'] as const;
export type SlaStateName = (typeof slaStates)[number];

/** 行政程序法 Art. 173 grounds for not processing a petition; excluded from on-time rates. */
export const notProcessedCodes = ['anonymous', 'repeated', 'duplicate', 'no_specific_content'] as const;
export type NotProcessedCode = (typeof notProcessedCodes)[number];

/**
 * SLA rules of one service type. Periods use the deadline notation ('3wd', '30d', '2mo') or,
 * for tests and demos, seconds ('20s'): durations are data, so tests need no time skipping.
 */
export interface CaseSlaRules {
  /** Re-escalation interval after a breach (product default '5wd'). */
  escalationRepeat: string;
  /** Window for a timely transfer to the competent agency (Art. 172; default '1wd'). */
  transferWindow: string;
  /** Default period the citizen gets to supply missing items (default '7d'). */
  supplementPeriod: string;
  /** Remind the citizen when this much of the supplement period is left (default '3wd'). */
  supplementReminderBefore: string;
  /** A replied case closes by itself after this long unless reopened (default '14d'). */
  autoCloseAfter: string;
}

export const defaultSlaRules: CaseSlaRules = {
  escalationRepeat: '5wd',
  transferWindow: '1wd',
  supplementPeriod: '7d',
  supplementReminderBefore: '3wd',
  autoCloseAfter: '14d',
};

/**
 * The official office calendar a case counts working days with, sent in the start input and in
 * the calendar signal so that a data change (a revision, next year's calendar) reaches running
 * workflows as an event in their history instead of changing the code they replay with.
 * Exceptions to the Monday–Friday rule, as YYYY-MM-DD dates.
 */
export interface CaseCalendar {
  /** Identifies the data (a hash of it), shown in the timeline when it changes. */
  edition: string;
  firstDate: string;
  lastDate: string;
  holidays: string[];
  workdays: string[];
}

/** 最速件 / 速件 / 普通件: the answer is due within 1 / 3 / 6 working days. */
export const priorityTiers = ['most_urgent', 'urgent', 'normal'] as const;
export type PriorityTier = (typeof priorityTiers)[number];

export interface CaseWorkflowInput {
  caseId: string;
  kind: CaseKind;
  agencyId: string;
  serviceTypeCode: string;
  /** ISO instant of receipt, fixed by the API so that replays and restarts agree. */
  receivedAt: string;
  /** Deadline notation, e.g. '3wd'. */
  ackPeriod: string;
  resolutionPeriod: string;
  /** Ad-hoc office closures (typhoon days) known at intake, as YYYY-MM-DD. */
  closures: string[];
  /** Absent in inputs written before SLA rules existed: defaults apply. */
  sla?: Partial<CaseSlaRules>;
  /** The officer or helper who filed on the citizen's behalf, if any. */
  filedById?: string | null;
  /**
   * The official calendar at intake. Absent in inputs written before it was sent: those cases
   * count with the calendar edition that was compiled in when they started (frozen), so that
   * regenerating the calendar never changes their replay.
   */
  calendar?: CaseCalendar;
  /** Absent or 'normal': the service type's own period; otherwise the tier's period. */
  priority?: PriorityTier;
}

/** Payload of the calendar signal: a new edition of the official calendar and/or closures. */
export interface CalendarChangedSignal {
  calendar?: CaseCalendar;
  /** Ad-hoc closures (typhoon days) that apply to the case's agency, YYYY-MM-DD. */
  closures?: string[];
  reason: 'calendar_revision' | 'office_closure';
}

/** Who performs an update; the edge fills it from the session, the workflow checks it. */
export interface Actor {
  id: string;
  role: 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin';
  agencyId: string | null;
}

export interface ActorInput {
  actor: Actor;
}
export type AcceptInput = ActorInput;
export interface AssignInput extends ActorInput {
  assigneeId: string;
}
export interface RequestSupplementInput extends ActorInput {
  message: string;
  /** Period for the citizen, defaults to the service type's supplement period. */
  period?: string;
}
export interface SupplementInput extends ActorInput {
  message: string;
}
export interface ExtendInput extends ActorInput {
  period: string;
  reason: string;
}
export interface TransferInput extends ActorInput {
  toAgencyId: string;
  reason: string;
}
export interface ReplyUpdateInput {
  /** v1 callers sent only the officer id; v2 callers send the actor. */
  officerId: string;
  message: string;
  actor?: Actor;
}
export interface NotProcessedInput extends ActorInput {
  code: NotProcessedCode;
  reason: string;
}
export interface ReasonInput extends ActorInput {
  reason: string;
}

export interface CaseLeg {
  agencyId: string;
  startedAt: string;
  /** The leg's own internal due instant (OLA); the citizen's deadline is the case's. */
  dueAt: string;
  endedAt: string | null;
  timely: boolean | null;
}

/** Everything the read model keeps about a case's process, sent with every projection. */
export interface CaseSnapshot {
  state: CaseState;
  agencyId: string;
  assigneeId: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  ackDueAt: string;
  resolutionDueAt: string;
  /** The deadline before any extension or pause shift, kept beside the current one. */
  originalResolutionDueAt: string;
  extended: boolean;
  pausedSince: string | null;
  supplementDueAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  notProcessedCode: NotProcessedCode | null;
  sla: SlaStateName;
  escalations: number;
  legs: CaseLeg[];
  /** The acknowledgement (受理) deadline passed unacknowledged: a breach (absent before it was tracked). */
  ackMissed?: boolean;
  /** The answer deadline passed unanswered: a breach (absent before it was tracked). */
  answerMissed?: boolean;
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
  snapshot?: CaseSnapshot;
}

export const caseUpdates = {
  reply: 'reply',
  accept: 'accept',
  assign: 'assign',
  requestSupplement: 'requestSupplement',
  supplementReceived: 'supplementReceived',
  extend: 'extend',
  transfer: 'transfer',
  close: 'close',
  reopen: 'reopen',
  notProcessed: 'notProcessed',
} as const;
export type CaseUpdateName = keyof typeof caseUpdates;
export const caseQueries = { status: 'status' } as const;
export const caseSignals = { calendarChanged: 'calendarChanged' } as const;

/**
 * Stable codes of the workflow's refusals (the problem `type` slug the edge answers with and
 * the UI translates); the English message beside them is for logs and API readers.
 */
export const caseRuleCodes = [
  'case-rule',
  'actor-required',
  'not-staff',
  'other-agency',
  'wrong-state',
  'text-length',
  'assignee-required',
  'period-invalid',
  'period-clock-mismatch',
  'extension-grievance',
  'extension-already-used',
  'extension-after-expiry',
  'extension-too-long',
  'transfer-target-required',
  'transfer-same-agency',
  'not-processed-code',
] as const;
export type CaseRuleCode = (typeof caseRuleCodes)[number];

/** Who a projection event notifies; the edge resolves these to accounts. */
export type Audience = 'citizen' | 'assignee' | 'agency_officers' | 'supervisors' | 'oversight';

/** Event types the current workflow emits; the edge also stores unknown ones from newer workers. */
export const caseEventTypes = [
  'deadlines_computed',
  'deadlines_moved',
  'ack_overdue',
  'accepted',
  'assigned',
  'supplement_requested',
  'supplement_reminder',
  'supplement_overdue',
  'supplement_received',
  'extended',
  'transferred',
  'sla_warning',
  'sla_breached',
  'sla_escalated',
  'replied',
  'reopened',
  'closed',
  'not_processed',
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

/** Timeline event written back to the edge by the projection activity. */
export interface CaseProjectionEvent {
  caseId: string;
  /** Strictly increasing per case; the edge ignores anything it has already applied. */
  seq: number;
  type: CaseEventType;
  state: CaseState;
  occurredAt: string;
  actorId?: string;
  ackDueDate?: string;
  resolutionDueDate?: string;
  repliedAt?: string;
  body?: Record<string, string | number | boolean>;
  /** Present from the SLA-aware workflow on: the full process state after this event. */
  snapshot?: CaseSnapshot;
  /** Who hears about this event (in-app inbox and e-mail, per their preferences). */
  notify?: Audience[];
}

/** Several events of one case in seq order: one signed request and one D1 batch on the edge. */
export interface CaseProjectionBatch {
  caseId: string;
  events: CaseProjectionEvent[];
}

/** Internal edge routes the Temporal worker calls; requests are HMAC-signed with INTERNAL_SECRET. */
export const internalRoutes = {
  caseEvents: '/internal/v1/case-events',
} as const;
