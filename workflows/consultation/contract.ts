/**
 * The consultation process's contract between the edge (worker/) and the Temporal worker
 * (workflows/). Dependency-free: both sides import it, so names cannot drift apart.
 */

export const consultationWorkflowType = 'consultationWorkflow';

export function consultationWorkflowId(consultationId: string): string {
  return `consultation-${consultationId}`;
}

/**
 * Lifecycle (the D1 CHECK constraint mirrors it): `draft` (being prepared, not public) →
 * `scheduled` (published, before its opening) → `open` → `closed` (the agency owes dispositions)
 * → `reported` (the summary report is published).
 */
export const consultationStates = ['draft', 'scheduled', 'open', 'closed', 'reported'] as const;
export type ConsultationState = (typeof consultationStates)[number];

/** The agency's response clock after the close (as for cases; never paused). */
export const responseStates = ['on_track', 'warned_50', 'warned_75', 'breached'] as const;
export type ResponseState = (typeof responseStates)[number];

export interface ConsultationWorkflowInput {
  consultationId: string;
  agencyId: string;
  /** ISO instants fixed on publication: comments are accepted in [opensAt, closesAt). */
  opensAt: string;
  closesAt: string;
  /** Deadline notation ('30d', '2mo', '3wd') or seconds for tests ('20s'), counted from the close. */
  responsePeriod: string;
  /** Ad-hoc office closures (YYYY-MM-DD) honoured by the response deadline. */
  closures: string[];
}

/** Who a projected event notifies; the edge resolves them to accounts. */
export type ConsultationAudience = 'followers' | 'agency_officers' | 'supervisors' | 'oversight';

export const consultationEventTypes = [
  'opened',
  'closed',
  'response_warning',
  'response_overdue',
] as const;
export type ConsultationEventType = (typeof consultationEventTypes)[number];

export interface ConsultationProjectionEvent {
  consultationId: string;
  /** Per-consultation sequence from 1; the edge applies each once and never moves backwards. */
  seq: number;
  type: ConsultationEventType;
  state: ConsultationState;
  occurredAt: string;
  responseDueAt?: string;
  responseState?: ResponseState;
  /** 50 or 75 for a warning. */
  level?: number;
  notify?: ConsultationAudience[];
}

/** The edge's answer: the report may have been published meanwhile (its publication is an edge write). */
export interface ConsultationProjectionResult {
  applied: boolean;
  reportPublished: boolean;
}

export const consultationInternalRoutes = {
  events: '/internal/v1/consultation-events',
} as const;
