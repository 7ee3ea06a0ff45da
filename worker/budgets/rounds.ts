/** Loading a round for a route, and the phase guard every write goes through. */
import type { RoundPhase } from '../../workflows/budget-round/contract';
import { fail } from '../platform/problem';
import { type RoundRecord, findRound, listDistricts, listProjects, listRoundEvents } from './db';
import type { RoundDetail } from './schemas';

export async function loadRound(db: D1Database, id: string): Promise<RoundRecord> {
  const round = await findRound(db, id);
  if (!round) fail(404, 'round-not-found', `No budget round ${id}.`);
  return round;
}

export function requirePhase(round: RoundRecord, phases: readonly RoundPhase[], what: string): void {
  if (!phases.includes(round.phase)) {
    fail(409, 'wrong-phase', `${what} is possible only in the ${phases.join(' or ')} phase; the round is in ${round.phase}.`, { phase: round.phase });
  }
}

export async function roundDetail(db: D1Database, round: RoundRecord): Promise<RoundDetail> {
  const [districts, projects, events] = await Promise.all([listDistricts(db, round.id), listProjects(db, round.id), listRoundEvents(db, round.id)]);
  return {
    id: round.id,
    title: round.title,
    phase: round.phase,
    rule: round.rule,
    source: round.source,
    schedule: round.schedule,
    description: round.description,
    currency: round.currency,
    ballot: round.ballot,
    eligibility: { minAge: round.minAge, identityLevel: round.minIdentityLevel, districtRule: round.districtRule },
    districts,
    projects,
    events,
  };
}
