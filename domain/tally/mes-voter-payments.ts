/**
 * What each voter paid under equal shares, recomputed from the election and the explanation's
 * prices (the explanation itself stores only aggregate payment groups, no voter identities).
 */
import type { Election } from './election';
import type { MesExplanation } from './explanation';
import { Rational } from './rational';

/**
 * Per ballot (in election order): the total paid, in amount units. A supporter of a funded
 * project pays min(money left, price per point × points), as in the run.
 */
export function mesVoterPayments(election: Election, mes: MesExplanation): Rational[] {
  const usesPoints = election.utility === 'points';
  return election.ballots.map((ballot) => {
    const utility = new Map<string, number>();
    ballot.projects.forEach((id, i) => utility.set(id, usesPoints ? (ballot.points?.[i] ?? 0) : 1));
    let left = mes.endowment;
    for (const s of mes.selections) {
      const u = utility.get(s.projectId) ?? 0;
      if (u <= 0 || s.pricePerPoint.isZero()) continue;
      left = left.sub(left.min(s.pricePerPoint.mul(BigInt(u))));
    }
    return mes.endowment.sub(left);
  });
}

/** Money each voter had left at the end (endowment minus payments). */
export function mesVoterLeftovers(election: Election, mes: MesExplanation): Rational[] {
  return mesVoterPayments(election, mes).map((paid) => mes.endowment.sub(paid));
}

/** Sum of all payments: equals the cost of the projects equal shares funded. */
export function totalPaid(payments: readonly Rational[]): Rational {
  return payments.reduce((a, b) => a.add(b), Rational.ZERO);
}
