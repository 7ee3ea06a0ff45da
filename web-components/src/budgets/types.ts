/** API shapes of the budgeting leg, from the Worker's schemas (types only). */
import type { RoundDetail, BudgetProject } from '../../../worker/budgets/schemas';

export type { RoundDetail, BudgetProject };
export type Phase = RoundDetail['phase'];

export interface RoundSummary {
  id: string;
  title: string;
  phase: Phase;
  rule: string;
  source: 'live' | 'pabulib';
  schedule: RoundDetail['schedule'];
}

export interface Turnout {
  phase: Phase;
  districts: { code: string; name: string; voters: number }[];
  total: number;
}

export interface VoterStatus {
  eligible: boolean;
  reasons: ('no-profile' | 'identity-level' | 'too-young')[];
  districtCode: string | null;
  hasVoted: boolean;
}

export interface Receipt {
  receipt: string;
  replaced: boolean;
  districtCode: string;
}

/** Exact numbers arrive as strings, or {decimal, exact} for fractions. */
export type Exact = string | { decimal: string; exact: string };

export interface Outcome {
  code: string;
  position?: number;
  remainingBefore?: string;
  round?: number;
  effectiveVotes?: Exact | null;
  threshold?: number;
  supportersMoney?: Exact;
}

export interface ProjectReport {
  projectId: string;
  cost: string;
  votes: number;
  score: number;
  selected: boolean;
  order?: number;
  outcome: Outcome;
}

export interface Explanation {
  rule: string;
  projects: ProjectReport[];
  equalShares?: {
    rounds: { round: number; selected: { projectId: string; payments: { amount: Exact; voters: number }[] } | null }[];
  };
}

export interface DistrictResult {
  code: string;
  name: string;
  budget: number;
  ballots: number;
  selected: string[];
  totalCost: number;
  explanation: Explanation;
}

export interface Results {
  rule: string;
  districts: DistrictResult[];
  summary: RoundResultsSummary;
}

import type { ReviewQueue, RoundResultsSummary } from '../../../worker/budgets/schemas';
export type { ReviewQueue, RoundResultsSummary } from '../../../worker/budgets/schemas';
export type QueueProject = ReviewQueue['items'][number];

export interface CheckIn extends VoterStatus {
  voterName: string;
}
