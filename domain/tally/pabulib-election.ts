/**
 * Turns a parsed `.pb` file into an {@link Election}. Amounts become integers: when the budget or
 * a cost has decimals (Kraków 2024: budget 1607513.56) everything is counted in the smallest
 * unit needed (here cents), and `currencyUnit` records how many of them make one currency unit.
 */
import type { Election, ElectionBallot } from './election';
import { TallyInputError } from './election';
import type { PbFile } from './pabulib-types';
import { bigGcd, type Rational } from './rational';
import { isTallyRule, type TallyRule } from './rules';

export function electionFromPabulib(file: PbFile): Election {
  const budget = file.meta.budget;
  if (!budget) throw new TallyInputError('META has no budget');
  const amounts: Rational[] = [budget, ...file.projects.map((p) => p.cost)];
  const unit = amountUnit(amounts);
  const scaled = (a: Rational): bigint => (a.num * unit) / a.den;

  const usesPoints = file.meta.voteType === 'cumulative' || file.meta.voteType === 'scoring';
  const ballots: ElectionBallot[] = file.votes.map((v) => {
    if (!usesPoints) return { projects: v.vote };
    const points = v.points ?? [];
    points.forEach((pt, i) => {
      if (!Number.isInteger(pt) || pt < 0) {
        throw new TallyInputError(`line ${v.line}: points of ${v.voterId} for project ${v.vote[i] ?? '?'} must be a non-negative integer, got ${pt}`);
      }
    });
    return { projects: v.vote, points };
  });
  const election: Election = {
    projects: file.projects.map((p) => ({ id: p.id, cost: scaled(p.cost) })),
    ballots,
    utility: usesPoints ? 'points' : 'approval',
    budget: scaled(budget),
    currencyUnit: unit,
  };
  const threshold = file.meta.minProjectScoreThreshold;
  return threshold === undefined ? election : { ...election, minProjectScore: threshold };
}

/** The file's META `rule`, when it is one this library implements. */
export function ruleOfPabulib(file: PbFile): TallyRule | undefined {
  const rule = file.meta.rule;
  return rule !== undefined && isTallyRule(rule) ? rule : undefined;
}

/**
 * How many amount units make one currency unit: the smallest power of ten making every amount
 * integral (cents for 1607513.56), so that amounts stay readable; the least common multiple of
 * the denominators for amounts that no power of ten makes integral (only possible in code).
 */
function amountUnit(amounts: readonly Rational[]): bigint {
  let lcm = 1n;
  for (const a of amounts) lcm = (lcm * a.den) / bigGcd(lcm, a.den);
  for (let p = 1n; p <= 10n ** 30n; p *= 10n) if (p % lcm === 0n) return p;
  return lcm;
}
