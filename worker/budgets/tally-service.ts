/**
 * Counts a round: per district, its accepted projects and the ballots in its box go through the
 * round's rule in domain/tally (exact arithmetic); results and explanations are stored as JSON
 * with every exact number as a string.
 */
import { utilityOfBallotKind } from '../../domain/tally/ballot-validation';
import type { Election } from '../../domain/tally/election';
import { Rational } from '../../domain/tally/rational';
import { tally } from '../../domain/tally/tally';
import { type RoundRecord, type ResultRecord, listBallots, listDistricts, listProjects, upsertResultStatement } from './db';

/** bigint → integer string; Rational → decimal string with 2 places (exact value kept as "p/q" when not integral). */
export function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Rational) return v.isInteger() ? v.toString() : { decimal: v.toDecimal(2, true), exact: v.toString() };
      return v;
    }),
  );
}

export async function computeResults(db: D1Database, round: RoundRecord): Promise<ResultRecord[]> {
  const [districts, projects, ballots] = await Promise.all([listDistricts(db, round.id), listProjects(db, round.id), listBallots(db, round.id)]);
  const utility = utilityOfBallotKind(round.ballot.kind);
  return districts.map((d) => {
    const districtBallots = ballots.filter((b) => b.districtCode === d.code);
    const election: Election = {
      projects: projects.filter((p) => p.districtCode === d.code && p.state === 'accepted').map((p) => ({ id: p.id, cost: BigInt(p.cost ?? 0) })),
      ballots: districtBallots.map((b) => (utility === 'points' ? { projects: b.projects, points: b.points ?? [] } : { projects: b.projects })),
      utility,
      budget: BigInt(d.budget),
      currencyUnit: 1n,
      ...(round.minProjectScore !== null ? { minProjectScore: round.minProjectScore } : {}),
    };
    const result = tally(election, round.rule, { explain: true });
    return {
      districtCode: d.code,
      rule: round.rule,
      ballots: districtBallots.length,
      selected: [...result.selected],
      totalCost: Number(result.totalCost),
      explanation: jsonSafe(result.explanation),
    };
  });
}

export async function storeResults(db: D1Database, round: RoundRecord, now = new Date()): Promise<ResultRecord[]> {
  const results = await computeResults(db, round);
  const at = now.toISOString();
  if (results.length) await db.batch(results.map((r) => upsertResultStatement(db, round.id, r, at)));
  return results;
}
