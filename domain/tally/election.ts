/**
 * The input every tally rule works on, independent of where the ballots came from (the product's
 * own rounds or a Pabulib file). Amounts are integers in some unit (usually the currency unit,
 * cents when the source had decimals): exact, and cheap to add.
 */

export interface ElectionProject {
  readonly id: string;
  /** In amount units (see {@link Election.currencyUnit}); ≥ 0. */
  readonly cost: bigint;
}

/**
 * One voter's ballot as the rules see it: the projects they support and, for points-based
 * ballots, how many points each got (aligned with `projects`). Ordinal and choose-one ballots are
 * plain lists: the rules count them as approvals of the listed projects.
 */
export interface ElectionBallot {
  readonly projects: readonly string[];
  readonly points?: readonly number[];
}

export interface Election {
  readonly projects: readonly ElectionProject[];
  readonly ballots: readonly ElectionBallot[];
  /** `approval`: each listed project counts 1. `points`: it counts its points (cumulative, scoring). */
  readonly utility: 'approval' | 'points';
  /** In amount units. */
  readonly budget: bigint;
  /**
   * How many amount units make one currency unit (1n when amounts are whole currency units, 100n
   * for cents). The add1 completion raises every voter's endowment by one currency unit per step.
   */
  readonly currencyUnit: bigint;
  /** Minimum score for `greedy-threshold` (Pabulib `min_project_score_threshold`). */
  readonly minProjectScore?: number;
}

export class TallyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TallyInputError';
  }
}

/**
 * Dense, index-based form of an election shared by all rules: projects are numbered in input
 * order, ballots are stored as one flat list of (project, utility) pairs.
 */
export interface IndexedElection {
  readonly source: Election;
  readonly ids: readonly string[];
  readonly costs: readonly bigint[];
  /** Number of ballots supporting each project (utility > 0). */
  readonly votes: readonly number[];
  /** Sum of utilities per project: approvals, or points for points-based ballots. */
  readonly scores: readonly number[];
  readonly ballotCount: number;
  /** Ballot b's pairs are at [ballotStart[b], ballotStart[b + 1]) in ballotProject/ballotUtility. */
  readonly ballotStart: Int32Array;
  readonly ballotProject: Int32Array;
  readonly ballotUtility: Int32Array;
}

/** Checks an election and builds its indexed form; throws {@link TallyInputError}. */
export function indexElection(election: Election): IndexedElection {
  const { projects, ballots } = election;
  if (election.budget < 0n) throw new TallyInputError('budget must not be negative');
  if (election.currencyUnit <= 0n) throw new TallyInputError('currencyUnit must be positive');
  const indexOf = new Map<string, number>();
  projects.forEach((p, i) => {
    if (p.id === '') throw new TallyInputError('empty project id');
    if (indexOf.has(p.id)) throw new TallyInputError(`project id "${p.id}" appears twice`);
    if (p.cost < 0n) throw new TallyInputError(`project ${p.id} has a negative cost`);
    indexOf.set(p.id, i);
  });
  let pairs = 0;
  for (const b of ballots) pairs += b.projects.length;
  const ballotStart = new Int32Array(ballots.length + 1);
  const ballotProject = new Int32Array(pairs);
  const ballotUtility = new Int32Array(pairs);
  const votes = new Array<number>(projects.length).fill(0);
  const scores = new Array<number>(projects.length).fill(0);
  const usesPoints = election.utility === 'points';
  const seen = new Int32Array(projects.length).fill(-1);
  let k = 0;
  ballots.forEach((b, bi) => {
    ballotStart[bi] = k;
    if (usesPoints && b.points?.length !== b.projects.length) {
      throw new TallyInputError(`ballot ${bi + 1}: ${b.projects.length} projects but ${b.points?.length ?? 0} points`);
    }
    b.projects.forEach((id, j) => {
      const p = indexOf.get(id);
      if (p === undefined) throw new TallyInputError(`ballot ${bi + 1}: unknown project "${id}"`);
      if (seen[p] === bi) throw new TallyInputError(`ballot ${bi + 1}: project "${id}" listed twice`);
      seen[p] = bi;
      const u = usesPoints ? (b.points?.[j] ?? 0) : 1;
      // Utilities are multiplied into bigints and summed into scores: keep them small integers.
      if (!Number.isInteger(u) || u < 0 || u > 1_000_000) {
        throw new TallyInputError(`ballot ${bi + 1}: points for "${id}" must be an integer in 0..1000000, got ${u}`);
      }
      if (u === 0) return;
      ballotProject[k] = p;
      ballotUtility[k] = u;
      k++;
      votes[p] = (votes[p] ?? 0) + 1;
      scores[p] = (scores[p] ?? 0) + u;
    });
  });
  ballotStart[ballots.length] = k;
  return {
    source: election,
    ids: projects.map((p) => p.id),
    costs: projects.map((p) => p.cost),
    votes,
    scores,
    ballotCount: ballots.length,
    ballotStart,
    ballotProject: ballotProject.subarray(0, k),
    ballotUtility: ballotUtility.subarray(0, k),
  };
}
