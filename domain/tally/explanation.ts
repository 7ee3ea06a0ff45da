/**
 * What a tally returns besides the winners: per project, why it was funded or not, in data
 * (codes, exact numbers) that the API and UI can render in any language.
 */
import type { Add1Step } from './mes-add1';
import type { GreedyDecision } from './greedy';
import type { Rational } from './rational';
import type { TallyRule } from './rules';

export interface GreedyExplanation {
  readonly variant: 'skip' | 'no-skip' | 'threshold';
  /** Money available to this pass (the whole budget, or what equal shares left). */
  readonly budget: bigint;
  readonly minScore?: number;
  readonly steps: readonly {
    readonly projectId: string;
    readonly position: number;
    readonly score: number;
    readonly cost: bigint;
    readonly remainingBefore: bigint;
    readonly decision: GreedyDecision;
  }[];
}

export type MesCandidateReport =
  | {
      readonly projectId: string;
      readonly status: 'affordable';
      /** cost / pricePerPoint: how many supporters (points) effectively back the project now. */
      readonly effectiveVotes: Rational;
      /** What each supporter would pay per approval (point), capped by their money left. */
      readonly pricePerPoint: Rational;
    }
  | { readonly projectId: string; readonly status: 'unaffordable'; readonly supportersMoney: Rational };

export interface MesRoundReport {
  readonly round: number;
  /** Every project still in play at the start of the round. */
  readonly candidates: readonly MesCandidateReport[];
  /** Null in the last round, when nothing was affordable. */
  readonly selected: {
    readonly projectId: string;
    readonly effectiveVotes: Rational | null;
    readonly pricePerPoint: Rational;
    /** Voters grouped by what they paid (largest first). No identities: see mesVoterPayments. */
    readonly payments: readonly { readonly amount: Rational; readonly voters: number }[];
  } | null;
}

export interface MesExplanation {
  /** Per voter, in amount units. */
  readonly endowment: Rational;
  readonly voters: number;
  /** In selection order; `effectiveVotes` is null for free projects funded up front. */
  readonly selections: readonly { readonly projectId: string; readonly round: number; readonly pricePerPoint: Rational; readonly effectiveVotes: Rational | null }[];
  readonly rounds: readonly MesRoundReport[];
  /** The add1 completion's runs (absent for plain equal shares). */
  readonly add1?: readonly Add1Step[];
}

/** Why a project ended up funded or not. */
export type ProjectOutcome =
  | { readonly code: 'funded-greedy'; readonly position: number; readonly remainingBefore: bigint }
  | { readonly code: 'funded-equal-shares'; readonly round: number; readonly effectiveVotes: Rational | null }
  | { readonly code: 'funded-completion'; readonly position: number; readonly remainingBefore: bigint }
  | { readonly code: 'does-not-fit'; readonly remainingBefore: bigint }
  | { readonly code: 'stopped-here' | 'not-considered'; readonly remainingBefore: bigint }
  | { readonly code: 'below-threshold'; readonly threshold: number }
  | { readonly code: 'no-votes' }
  /** Equal shares: from this round on its supporters could no longer pay for it together. */
  | { readonly code: 'unaffordable'; readonly round: number; readonly supportersMoney: Rational };

export interface ProjectReport {
  readonly projectId: string;
  readonly cost: bigint;
  /** Ballots supporting it. */
  readonly votes: number;
  /** Approvals, or points for points ballots: what greedy ranks by. */
  readonly score: number;
  readonly selected: boolean;
  /** 1-based position in the selection order. */
  readonly order?: number;
  readonly outcome: ProjectOutcome;
}

export interface TallyExplanation {
  readonly rule: TallyRule;
  readonly budget: bigint;
  readonly currencyUnit: bigint;
  /** Every project, in input order. */
  readonly projects: readonly ProjectReport[];
  readonly greedy?: GreedyExplanation;
  readonly equalShares?: MesExplanation;
  /** add1-greedy: the greedy pass over the money equal shares left. */
  readonly completion?: GreedyExplanation;
  /** add1-comparison: voters preferring each outcome (by supported projects funded). */
  readonly comparison?: { readonly prefersEqualShares: number; readonly prefersGreedy: number; readonly chosen: 'equal-shares' | 'greedy' };
}
