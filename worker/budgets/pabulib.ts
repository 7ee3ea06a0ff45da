/**
 * Pabulib `.pb` interop for rounds. Exports are per district (one election per file, as in
 * Pabulib) and carry no voter identity: voter ids are the ballots' positions in the box's own
 * random order. Imports create an archived round (source 'pabulib') already in its results
 * phase, counted with the file's META rule; the file's voter ids are not stored.
 */
import { exportPabulib } from '../../domain/tally/pabulib-export';
import { parsePabulib } from '../../domain/tally/pabulib-parse';
import { ruleOfPabulib } from '../../domain/tally/pabulib-election';
import type { PbFile, PbProject, PbVote } from '../../domain/tally/pabulib-types';
import { Rational } from '../../domain/tally/rational';
import type { TallyRule } from '../../domain/tally/rules';
import type { District, RoundRecord, StoredBallot } from './db';
import type { BudgetProject, RoundBallotSettings } from './schemas';

const voteTypeOf: Record<RoundBallotSettings['kind'], string> = {
  approval: 'approval',
  knapsack: 'approval',
  cumulative: 'cumulative',
  ordinal: 'ordinal',
  'choose-one': 'choose-1',
};

export function exportDistrict(round: RoundRecord, district: District, projects: BudgetProject[], ballots: StoredBallot[]): string {
  const mine = projects.filter((p) => p.districtCode === district.code && p.state === 'accepted');
  const box = ballots.filter((b) => b.districtCode === district.code);
  const usesPoints = round.ballot.kind === 'cumulative';
  const entries: [string, string][] = [
    ['description', round.title],
    ['country', 'Taiwan'],
    ['unit', district.name],
    ['instance', round.id],
    ['district', district.code],
    ['num_projects', String(mine.length)],
    ['num_votes', String(box.length)],
    ['budget', String(district.budget)],
    ['vote_type', voteTypeOf[round.ballot.kind]],
    ['rule', round.rule],
    ['currency', round.currency],
  ];
  if (round.minProjectScore !== null) entries.push(['min_project_score_threshold', String(round.minProjectScore)]);
  const pbProjects: PbProject[] = mine.map((p) => ({ id: p.id, cost: Rational.of(BigInt(p.cost ?? 0)), name: p.title, fields: {}, line: 0 }));
  const votes: PbVote[] = box.map((b, i) => ({
    voterId: String(i + 1),
    vote: b.projects,
    ...(usesPoints && b.points ? { points: b.points } : {}),
    fields: {},
    line: 0,
  }));
  const file: PbFile = {
    meta: { entries },
    projectColumns: ['project_id', 'cost', 'name'],
    voteColumns: usesPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    projects: pbProjects,
    votes,
    layout: { lineEnding: '\n', finalNewline: true, bom: false },
  };
  return exportPabulib(file);
}

export interface ImportedElection {
  title: string;
  rule: TallyRule;
  ballot: RoundBallotSettings;
  minProjectScore: number | null;
  currency: string;
  district: District;
  projects: { id: string; title: string; cost: number }[];
  ballots: { projects: readonly string[]; points: readonly number[] | null }[];
}

export class ImportError extends Error {}

/** Parses a file for import; amounts must be whole currency units (the product stores integers). */
export function readImport(text: string): ImportedElection {
  const file = parsePabulib(text);
  const rule = ruleOfPabulib(file) ?? 'greedy';
  const budget = file.meta.budget;
  if (!budget?.isInteger()) throw new ImportError('META budget must be a whole amount.');
  const projects = file.projects.map((p) => {
    if (!p.cost.isInteger()) throw new ImportError(`Project ${p.id}: the cost must be a whole amount.`);
    return { id: p.id, title: (p.name ?? p.fields['name'] ?? p.id).slice(0, 200) || p.id, cost: Number(p.cost.num) };
  });
  for (const p of projects) if (!/^[A-Za-z0-9_.-]{1,40}$/.test(p.id)) throw new ImportError(`Project id ${p.id} is not supported (letters, digits, _ . - up to 40).`);
  const known = new Set(projects.map((p) => p.id));
  for (const v of file.votes) {
    const seen = new Set<string>();
    for (const id of v.vote) {
      if (!known.has(id)) throw new ImportError(`Line ${v.line}: vote for unknown project ${id}.`);
      if (seen.has(id)) throw new ImportError(`Line ${v.line}: project ${id} listed twice.`);
      seen.add(id);
    }
  }
  const voteType = file.meta.voteType ?? 'approval';
  const ballot: RoundBallotSettings =
    voteType === 'cumulative' || voteType === 'scoring'
      ? { kind: 'cumulative', maxSumPoints: Math.max(1, Math.min(1000, file.meta.maxSumPoints ?? 1000)) }
      : voteType === 'ordinal'
        ? { kind: 'ordinal', maxRank: Math.max(1, Math.min(100, file.meta.maxLength ?? projects.length)) }
        : voteType === 'choose-1'
          ? { kind: 'choose-one' }
          : { kind: 'approval' };
  const title = (file.meta.entries.find(([k]) => k === 'description')?.[1] ?? 'Pabulib import').slice(0, 200);
  const unit = file.meta.entries.find(([k]) => k === 'unit' || k === 'district')?.[1] ?? 'all';
  const usesPoints = ballot.kind === 'cumulative';
  return {
    title: title.length >= 3 ? title : 'Pabulib import',
    rule,
    ballot,
    minProjectScore: file.meta.minProjectScoreThreshold ?? null,
    currency: file.meta.entries.find(([k]) => k === 'currency')?.[1]?.slice(0, 10) ?? 'TWD',
    district: { code: 'D1', name: unit.slice(0, 100) || 'all', budget: Number(budget.num) },
    projects,
    ballots: file.votes.map((v) => ({ projects: v.vote, points: usesPoints ? (v.points ?? []) : null })),
  };
}
