/**
 * Greedy rules: consider projects from the highest score down (ties: {@link compareForTie}) and
 * fund each one that still fits. Scores always come from the ballots, never from a file's
 * `votes`/`score` columns. A project without any vote is never funded.
 */
import type { IndexedElection } from './election';
import { tieOrder } from './tie-breaking';

export type GreedyVariant = 'skip' | 'no-skip' | 'threshold';

export type GreedyDecision =
  | 'selected'
  /** Did not fit the remaining budget; greedy skips it and goes on. */
  | 'does-not-fit'
  /** Did not fit; greedy-no-skip stops here. */
  | 'stopped-here'
  /** Came after the project greedy-no-skip stopped at. */
  | 'not-considered'
  | 'below-threshold'
  | 'no-votes'
  /** Already funded before this pass (greedy completion after equal shares). */
  | 'already-selected';

export interface GreedyStep {
  readonly projectId: string;
  /** 1-based position in the consideration order. */
  readonly position: number;
  readonly score: number;
  readonly votes: number;
  readonly cost: bigint;
  /** Budget left just before this project was considered. */
  readonly remainingBefore: bigint;
  readonly decision: GreedyDecision;
}

export interface GreedyOutcome {
  /** Project indices in the order funded. */
  readonly selected: number[];
  readonly steps: GreedyStep[];
  readonly remaining: bigint;
}

export interface GreedyOptions {
  readonly variant: GreedyVariant;
  readonly budget: bigint;
  /** For `threshold`: a project needs a score ≥ this. */
  readonly minScore?: number;
  /** Projects already funded (they are reported, not funded again, and their cost is not re-charged). */
  readonly alreadySelected?: ReadonlySet<number>;
}

export function runGreedy(e: IndexedElection, opts: GreedyOptions): GreedyOutcome {
  const selected: number[] = [];
  const steps: GreedyStep[] = [];
  let remaining = opts.budget;
  let stopped = false;
  tieOrder(e).forEach((p, i) => {
    const cost = e.costs[p] ?? 0n;
    const score = e.scores[p] ?? 0;
    let decision: GreedyDecision;
    if (opts.alreadySelected?.has(p)) decision = 'already-selected';
    else if (stopped) decision = 'not-considered';
    else if ((e.votes[p] ?? 0) === 0) decision = 'no-votes';
    else if (opts.variant === 'threshold' && score < (opts.minScore ?? 0)) decision = 'below-threshold';
    else if (cost <= remaining) decision = 'selected';
    else if (opts.variant === 'no-skip') {
      decision = 'stopped-here';
      stopped = true;
    } else decision = 'does-not-fit';
    steps.push({ projectId: e.ids[p] ?? '', position: i + 1, score, votes: e.votes[p] ?? 0, cost, remainingBefore: remaining, decision });
    if (decision === 'selected') {
      selected.push(p);
      remaining -= cost;
    }
  });
  return { selected, steps, remaining };
}
