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
  /** What the count needs of the round: rule, ballot kind, districts (no ballots, no voters). */
  countRound: '/internal/v1/budget-round-count/round',
  /** One page of the round's accepted projects or of its ballot box, in (district, id) order. */
  countPage: '/internal/v1/budget-round-count/page',
  /** The results, stored once per round (in parts when large). */
  results: '/internal/v1/budget-round-results',
} as const;

/** Most rows one page may carry; the activity asks for fewer in tests. */
export const countPageLimit = 2000;

/** What the count reads of a round before paging its projects and ballots. */
export interface CountRoundInfo {
  roundId: string;
  phase: RoundPhase;
  /** A TallyRule of domain/tally. */
  rule: string;
  /** A BallotKind of domain/tally. */
  ballotKind: string;
  minProjectScore: number | null;
  districts: { code: string; budget: number }[];
}

/** Keyset position in (district, id) order: random ballot ids say nothing about voters. */
export interface CountCursor {
  districtCode: string;
  id: string;
}

export interface CountPageRequest {
  roundId: string;
  of: 'projects' | 'ballots';
  after: CountCursor | null;
  limit: number;
}

export interface CountPage {
  /** Projects: accepted ones only, {id, districtCode, cost}. Ballots: {id, districtCode, projects, points}. */
  items: ({ id: string; districtCode: string; cost: number } | { id: string; districtCode: string; projects: string[]; points: number[] | null })[];
  /** Where the next page starts; null after the last one. */
  next: CountCursor | null;
}

/**
 * One part of a count's results. `chunk`s joined in `part` order are the JSON text of
 * `{ districts: [...] }` (ASCII only, so any split is safe); a small count is one part.
 */
export interface CountResultsPart {
  roundId: string;
  countId: string;
  part: number;
  parts: number;
  chunk: string;
}

export interface CountResultsAnswer {
  /** True only for the call that stored the round's results; retries answer false. */
  stored: boolean;
  /** All parts received and the results are in place (by this call or an earlier one). */
  complete: boolean;
}

/** What the counting activity reports (kept in the workflow history: counts only, no ballots). */
export interface CountSummary {
  districts: number;
  projects: number;
  ballots: number;
  /** Pages fetched (projects and ballots). */
  pages: number;
  /** Parts posted with the results. */
  parts: number;
  stored: boolean;
}
