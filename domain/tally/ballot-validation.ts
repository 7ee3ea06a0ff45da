/**
 * Checks one submitted ballot against a round's ballot settings. Every problem is reported (not
 * just the first) with a stable code and the numbers involved, so the API and the UI can say
 * "choose at most 5 projects (you chose 7)" in any language.
 */

/** The ballot types a round can use. */
export type BallotSettings =
  /** Tick projects; optionally between min and max of them. */
  | { readonly kind: 'approval'; readonly minProjects?: number; readonly maxProjects?: number }
  /** Tick projects whose total cost stays within `budget` (usually the round's budget). */
  | { readonly kind: 'knapsack'; readonly budget: bigint; readonly minProjects?: number; readonly maxProjects?: number }
  /** Spread points over projects. */
  | {
      readonly kind: 'cumulative';
      readonly minSumPoints?: number;
      readonly maxSumPoints: number;
      /** Per project given points (a project with 0 points should simply be left out). */
      readonly minPointsPerProject?: number;
      readonly maxPointsPerProject?: number;
      readonly minProjects?: number;
      readonly maxProjects?: number;
    }
  /** Rank up to `maxRank` projects, most preferred first. */
  | { readonly kind: 'ordinal'; readonly maxRank: number; readonly minRank?: number }
  /** Exactly one project. */
  | { readonly kind: 'choose-one' };

export type BallotKind = BallotSettings['kind'];

/**
 * A submitted ballot: the chosen projects (for ordinal ballots in rank order) and, for
 * cumulative ballots only, the points aligned with `projects`.
 */
export interface BallotInput {
  readonly projects: readonly string[];
  readonly points?: readonly number[];
}

export type BallotError =
  | { readonly code: 'unknown-project'; readonly project: string }
  | { readonly code: 'duplicate-project'; readonly project: string }
  | { readonly code: 'too-few-projects'; readonly min: number; readonly actual: number }
  | { readonly code: 'too-many-projects'; readonly max: number; readonly actual: number }
  | { readonly code: 'over-budget'; readonly budget: bigint; readonly total: bigint }
  | { readonly code: 'points-missing' }
  | { readonly code: 'points-not-allowed' }
  | { readonly code: 'points-count-mismatch'; readonly projects: number; readonly points: number }
  | { readonly code: 'invalid-points'; readonly project: string; readonly points: number }
  | { readonly code: 'points-too-low'; readonly project: string; readonly min: number; readonly points: number }
  | { readonly code: 'points-too-high'; readonly project: string; readonly max: number; readonly points: number }
  | { readonly code: 'points-sum-too-low'; readonly min: number; readonly actual: number }
  | { readonly code: 'points-sum-too-high'; readonly max: number; readonly actual: number };

export type BallotErrorCode = BallotError['code'];

/**
 * @param projects the round's projects; costs are only needed for knapsack ballots.
 * @returns all problems, empty when the ballot is valid.
 */
export function validateBallot(
  ballot: BallotInput,
  settings: BallotSettings,
  projects: readonly { readonly id: string; readonly cost?: bigint }[],
): BallotError[] {
  const errors: BallotError[] = [];
  const costOf = new Map(projects.map((p) => [p.id, p.cost]));
  const seen = new Set<string>();
  for (const id of ballot.projects) {
    if (!costOf.has(id)) errors.push({ code: 'unknown-project', project: id });
    else if (seen.has(id)) errors.push({ code: 'duplicate-project', project: id });
    seen.add(id);
  }
  const count = ballot.projects.length;
  const limits = (min: number | undefined, max: number | undefined): void => {
    if (min !== undefined && count < min) errors.push({ code: 'too-few-projects', min, actual: count });
    if (max !== undefined && count > max) errors.push({ code: 'too-many-projects', max, actual: count });
  };

  if (settings.kind !== 'cumulative' && ballot.points !== undefined) errors.push({ code: 'points-not-allowed' });
  switch (settings.kind) {
    case 'approval':
      limits(settings.minProjects, settings.maxProjects);
      break;
    case 'choose-one':
      limits(1, 1);
      break;
    case 'ordinal':
      limits(settings.minRank ?? 1, settings.maxRank);
      break;
    case 'knapsack': {
      limits(settings.minProjects, settings.maxProjects);
      let total = 0n;
      for (const id of new Set(ballot.projects)) total += costOf.get(id) ?? 0n;
      if (total > settings.budget) errors.push({ code: 'over-budget', budget: settings.budget, total });
      break;
    }
    case 'cumulative':
      limits(settings.minProjects, settings.maxProjects);
      checkPoints(ballot, settings, errors);
      break;
  }
  return errors;
}

function checkPoints(
  ballot: BallotInput,
  s: Extract<BallotSettings, { kind: 'cumulative' }>,
  errors: BallotError[],
): void {
  const points = ballot.points;
  if (points === undefined) {
    errors.push({ code: 'points-missing' });
    return;
  }
  if (points.length !== ballot.projects.length) {
    errors.push({ code: 'points-count-mismatch', projects: ballot.projects.length, points: points.length });
    return;
  }
  let sum = 0;
  points.forEach((pt, i) => {
    const project = ballot.projects[i] ?? '';
    // Points are whole and positive: a fractional or zero allocation is a client bug, not a choice.
    if (!Number.isSafeInteger(pt) || pt <= 0) {
      errors.push({ code: 'invalid-points', project, points: pt });
      return;
    }
    if (s.minPointsPerProject !== undefined && pt < s.minPointsPerProject) {
      errors.push({ code: 'points-too-low', project, min: s.minPointsPerProject, points: pt });
    }
    if (s.maxPointsPerProject !== undefined && pt > s.maxPointsPerProject) {
      errors.push({ code: 'points-too-high', project, max: s.maxPointsPerProject, points: pt });
    }
    sum += pt;
  });
  if (s.minSumPoints !== undefined && sum < s.minSumPoints) errors.push({ code: 'points-sum-too-low', min: s.minSumPoints, actual: sum });
  if (sum > s.maxSumPoints) errors.push({ code: 'points-sum-too-high', max: s.maxSumPoints, actual: sum });
}

/** How a round's ballots are counted by the tally rules. */
export function utilityOfBallotKind(kind: BallotKind): 'approval' | 'points' {
  return kind === 'cumulative' ? 'points' : 'approval';
}
