/**
 * Checks of a round's settings that a schema cannot state alone (one field against another), as
 * coded field errors: used when a round is created and when it is edited before voting.
 */
import type { FieldError } from '../platform/problem';
import type { RoundBallotSettings } from './schemas';

const err = (pointer: string, code: string, detail: string, extra: { min?: number; max?: number } = {}): FieldError => ({ pointer, in: 'body', code, ...extra, detail });

/** Each phase ends after the one before; the proposals phase ends in the future. */
export function scheduleProblems(s: Record<'proposals' | 'review' | 'voting' | 'results', string>, now = Date.now()): FieldError[] {
  const order = ['proposals', 'review', 'voting', 'results'] as const;
  const out: FieldError[] = [];
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1]!, order[i]!];
    if (Date.parse(s[b]) <= Date.parse(s[a])) out.push(err(`/schedule/${b}`, 'range_reversed', `The ${b} phase must end after the ${a} phase.`));
  }
  if (Date.parse(s.proposals) <= now) out.push(err('/schedule/proposals', 'too_small', 'The proposals phase must end in the future.'));
  return out;
}

/** District codes are unique within a round. */
export function districtProblems(districts: readonly { code: string }[]): FieldError[] {
  const codes = districts.map((d) => d.code);
  return codes.flatMap((code, i) => (codes.indexOf(code) !== i ? [err(`/districts/${i}/code`, 'duplicate', 'District codes must be unique.')] : []));
}

/** Lower limits of a ballot not above its upper limits. */
export function ballotProblems(b: RoundBallotSettings): FieldError[] {
  const out: FieldError[] = [];
  const pair = (lo: number | undefined, hi: number | undefined, hiName: string) => {
    if (lo !== undefined && hi !== undefined && lo > hi) out.push(err(`/ballot/${hiName}`, 'too_small', `Must be at least ${lo}.`, { min: lo }));
  };
  switch (b.kind) {
    case 'approval':
    case 'knapsack':
      pair(b.minProjects, b.maxProjects, 'maxProjects');
      break;
    case 'cumulative':
      pair(b.minProjects, b.maxProjects, 'maxProjects');
      pair(b.minSumPoints, b.maxSumPoints, 'maxSumPoints');
      if (b.maxPointsPerProject !== undefined && b.maxPointsPerProject > b.maxSumPoints) {
        out.push(err('/ballot/maxPointsPerProject', 'too_big', `Must be at most ${b.maxSumPoints}.`, { max: b.maxSumPoints }));
      }
      break;
    case 'ordinal':
      pair(b.minRank, b.maxRank, 'maxRank');
      break;
    case 'choose-one':
      break;
  }
  return out;
}
