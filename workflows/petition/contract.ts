/**
 * The petition process's contract between the edge (worker/) and the Temporal worker
 * (workflows/). Dependency-free on purpose: both sides import it, so names cannot drift apart.
 */

export const petitionWorkflowType = 'petitionWorkflow';

export function petitionWorkflowId(petitionId: string): string {
  return `petition-${petitionId}`;
}

/** Lifecycle states: the D1 read model's CHECK constraint, the workflow and the UI share them. */
export const petitionStates = [
  'draft',
  'in_review',
  'rejected',
  'open',
  'not_passed',
  'passed',
  'awaiting_response',
  'responded',
  'closed',
] as const;
export type PetitionState = (typeof petitionStates)[number];

/** Grounds for rejecting a petition at review (PRODUCT.md section 2), plus duplicates. */
export const rejectionGrounds = [
  'threats',
  'defamation',
  'discrimination',
  'pending_litigation',
  'vague_or_personal',
  'advertising',
  'duplicate',
] as const;
export type RejectionGround = (typeof rejectionGrounds)[number];

export interface PetitionRules {
  threshold: number;
  reviewPeriod: string;
  endorsementWindow: string;
  responsePeriod: string;
  closeAfter: string;
}

export interface QuietPeriodInput {
  /** ISO instants: from inclusive, until exclusive. */
  from: string;
  until: string;
}

export interface PetitionWorkflowInput {
  petitionId: string;
  /** ISO instant of submission, fixed by the API so replays agree. */
  submittedAt: string;
  rules: PetitionRules;
  /** Office closures known at submission, YYYY-MM-DD. */
  closures: string[];
  quietPeriods: QuietPeriodInput[];
}

export interface PetitionActor {
  id: string;
  role: 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin';
  agencyId: string | null;
}

export interface ActorOnly {
  actor: PetitionActor;
}
export interface RejectInput extends ActorOnly {
  ground: RejectionGround;
  message: string;
  duplicateOf?: string;
}
export interface AssignAgencyInput extends ActorOnly {
  agencyId: string;
}
export interface TransferPetitionInput extends ActorOnly {
  toAgencyId: string;
  reason: string;
}
export interface ExtendResponseInput extends ActorOnly {
  period: string;
  reason: string;
}
export interface ResponsePoint {
  heading: string;
  answer: string;
}
export interface RespondInput extends ActorOnly {
  summary: string;
  points: ResponsePoint[];
}
export interface MeetingInput extends ActorOnly {
  date: string;
  attendees: string;
  minutes: string;
}
export interface ThresholdSignal {
  validCount: number;
}
export interface QuietPeriodsSignal {
  periods: QuietPeriodInput[];
}

export const petitionUpdates = {
  publish: 'publish',
  reject: 'reject',
  assignAgency: 'assignAgency',
  transfer: 'transfer',
  extend: 'extend',
  respond: 'respond',
  recordMeeting: 'recordMeeting',
  close: 'close',
} as const;
export type PetitionUpdateName = keyof typeof petitionUpdates;
export const petitionSignals = { thresholdReached: 'thresholdReached', quietPeriods: 'quietPeriods' } as const;
export const petitionQueries = { status: 'status' } as const;

/** Who hears about an event; the edge resolves these to accounts. */
export const petitionAudiences = ['proposer', 'followers', 'agency_officers', 'agency_supervisors', 'reviewers'] as const;
export type PetitionAudience = (typeof petitionAudiences)[number];

export const petitionEventTypes = [
  'review_started',
  'review_warning',
  'review_overdue',
  'published',
  'rejected',
  'window_rescheduled',
  'passed',
  'not_passed',
  'agency_assigned',
  'transferred',
  'response_warning',
  'response_overdue',
  'extended',
  'responded',
  'meeting_recorded',
  'closed',
] as const;
export type PetitionEventType = (typeof petitionEventTypes)[number];

/** Everything the read model keeps about a petition's process, sent with every projection. */
export interface PetitionSnapshot {
  state: PetitionState;
  agencyId: string | null;
  submittedAt: string;
  reviewDueAt: string;
  reviewOverdue: boolean;
  publishedAt: string | null;
  windowEndsAt: string | null;
  passedAt: string | null;
  endedAt: string | null;
  assignedAt: string | null;
  responseDueAt: string | null;
  originalResponseDueAt: string | null;
  extended: boolean;
  responseOverdue: boolean;
  respondedAt: string | null;
  respondedOnTime: boolean | null;
  closedAt: string | null;
  rejectionGround: RejectionGround | null;
}

export interface PetitionProjectionEvent {
  petitionId: string;
  /** Strictly increasing per petition; the edge ignores anything it has already applied. */
  seq: number;
  type: PetitionEventType;
  occurredAt: string;
  actorId?: string;
  body?: Record<string, string | number | boolean>;
  snapshot: PetitionSnapshot;
  notify?: PetitionAudience[];
}

export const petitionInternalRoutes = {
  events: '/internal/v1/petition-events',
  count: '/internal/v1/petition-count',
} as const;
