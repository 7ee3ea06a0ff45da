/**
 * Counting one district of a budgeting round with domain/tally, and the stored form of its result
 * (every exact number as a string). Pure: used by the Temporal activity that counts live rounds
 * (workflows/budget-round) and by the edge for Pabulib imports, so both store the same shape.
 */
import { utilityOfBallotKind, type BallotKind } from '../tally/ballot-validation';
import type { Election } from '../tally/election';
import { Rational } from '../tally/rational';
import type { TallyRule } from '../tally/rules';
import { tally } from '../tally/tally';

export interface CountSettings {
  rule: TallyRule;
  ballotKind: BallotKind;
  minProjectScore: number | null;
}

/** An accepted project as the count sees it: cost in whole currency units. */
export interface CountProject {
  id: string;
  cost: number;
}

export interface CountBallot {
  projects: readonly string[];
  points: readonly number[] | null;
}

/** One district's stored result; the explanation is JSON-safe (see {@link jsonSafe}). */
export interface DistrictResult {
  districtCode: string;
  rule: TallyRule;
  ballots: number;
  selected: string[];
  totalCost: number;
  explanation: unknown;
}

/** bigint → integer string; Rational → integer string, or {decimal (2 places), exact "p/q"}. */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Rational) return v.isInteger() ? v.toString() : { decimal: v.toDecimal(2, true), exact: v.toString() };
      return v;
    }),
  );
}

/** Throws domain/tally's TallyInputError when a ballot names a project the district does not have. */
export function countDistrict(
  settings: CountSettings,
  district: { code: string; budget: number },
  projects: readonly CountProject[],
  ballots: readonly CountBallot[],
): DistrictResult {
  const utility = utilityOfBallotKind(settings.ballotKind);
  const election: Election = {
    projects: projects.map((p) => ({ id: p.id, cost: BigInt(p.cost) })),
    ballots: ballots.map((b) => (utility === 'points' ? { projects: b.projects, points: b.points ?? [] } : { projects: b.projects })),
    utility,
    budget: BigInt(district.budget),
    currencyUnit: 1n,
    ...(settings.minProjectScore !== null ? { minProjectScore: settings.minProjectScore } : {}),
  };
  const result = tally(election, settings.rule, { explain: true });
  return {
    districtCode: district.code,
    rule: settings.rule,
    ballots: ballots.length,
    selected: [...result.selected],
    totalCost: Number(result.totalCost),
    explanation: jsonSafe(result.explanation),
  };
}
