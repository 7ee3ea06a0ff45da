/**
 * Counting at the edge, for Pabulib imports only (a file within the 64 KB body limit, counted
 * once when it arrives). Live rounds are counted by the round workflow's activity in the worker
 * process (workflows/budget-round/count-round.ts), which has no CPU limit; the edge only stores
 * what it posts (internal-routes.ts). Both count through domain/budgets/round-count.
 */
import { countDistrict } from '../../domain/budgets/round-count';
import { type RoundRecord, type ResultRecord, listBallots, listDistricts, listProjects, upsertResultStatement } from './db';

export async function computeResults(db: D1Database, round: RoundRecord): Promise<ResultRecord[]> {
  const [districts, projects, ballots] = await Promise.all([listDistricts(db, round.id), listProjects(db, round.id), listBallots(db, round.id)]);
  const settings = { rule: round.rule, ballotKind: round.ballot.kind, minProjectScore: round.minProjectScore };
  return districts.map((d) =>
    countDistrict(
      settings,
      d,
      projects.filter((p) => p.districtCode === d.code && p.state === 'accepted').map((p) => ({ id: p.id, cost: p.cost ?? 0 })),
      ballots.filter((b) => b.districtCode === d.code),
    ),
  );
}

export async function storeResults(db: D1Database, round: RoundRecord, now = new Date()): Promise<ResultRecord[]> {
  const results = await computeResults(db, round);
  const at = now.toISOString();
  if (results.length) await db.batch(results.map((r) => upsertResultStatement(db, round.id, r, at)));
  return results;
}
