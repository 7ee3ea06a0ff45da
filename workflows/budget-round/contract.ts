/**
 * The budget round process's contract between the edge (worker/) and the Temporal worker
 * (workflows/). Dependency-free: both sides import it so names cannot drift apart.
 */

export const budgetRoundWorkflowType = 'budgetRoundWorkflow';

export function budgetRoundWorkflowId(roundId: string): string {
  return `budget-round-${roundId}`;
}

/** Lifecycle of a round, mirrored by the CHECK constraint of budget_rounds.phase. */
export const roundPhases = ['proposals', 'review', 'voting', 'tallying', 'results', 'implementation'] as const;
export type RoundPhase = (typeof roundPhases)[number];

/** Phases that end at a date (the others end when their work is done, or never). */
export const timedPhases = ['proposals', 'review', 'voting', 'results'] as const;
export type TimedPhase = (typeof timedPhases)[number];

/** ISO instants at which each timed phase ends. Durations are data: tests use seconds. */
export type RoundSchedule = Record<TimedPhase, string>;

export interface BudgetRoundWorkflowInput {
  roundId: string;
  schedule: RoundSchedule;
}

export interface ExtendPhaseInput {
  actorId: string;
  phase: TimedPhase;
  /** New end, ISO instant, later than the current one. */
  until: string;
  /** Shown publicly on the round page. */
  reason: string;
}

export const budgetRoundEventTypes = ['phase_started', 'phase_extended', 'tallied'] as const;
export type BudgetRoundEventType = (typeof budgetRoundEventTypes)[number];

/** What the workflow projects to the edge; applied once per (roundId, seq). */
export interface BudgetRoundEvent {
  roundId: string;
  seq: number;
  type: BudgetRoundEventType;
  phase: RoundPhase;
  occurredAt: string;
  schedule: RoundSchedule;
  reason?: string;
}

export interface RoundStatus {
  phase: RoundPhase;
  schedule: RoundSchedule;
  seq: number;
}

export const budgetRoundUpdates = { extendPhase: 'extendPhase' } as const;
export const budgetRoundQueries = { status: 'roundStatus' } as const;

/** Signed internal routes of the edge the activities call. */
export const budgetInternalRoutes = {
  events: '/internal/v1/budget-round-events',
  tally: '/internal/v1/budget-round-tallies',
} as const;
