/** The whole round at a glance: per district budget, spent, funded and unfunded projects, ballots and turnout; totals. */
import type { District, ResultRecord } from './db';
import type { BudgetProject, RoundResultsSummary } from './schemas';

export function summarise(districts: District[], results: ResultRecord[], projects: BudgetProject[], voters: Map<string, number>): RoundResultsSummary {
  const rows = districts.map((d) => {
    const r = results.find((x) => x.districtCode === d.code);
    const onBallot = projects.filter((p) => p.districtCode === d.code && p.state === 'accepted').length;
    const funded = r?.selected.length ?? 0;
    return { code: d.code, name: d.name, budget: d.budget, spent: r?.totalCost ?? 0, ballots: r?.ballots ?? 0, voters: voters.get(d.code) ?? 0, funded, notFunded: onBallot - funded };
  });
  const sum = (k: 'budget' | 'spent' | 'ballots' | 'voters' | 'funded' | 'notFunded') => rows.reduce((s, r) => s + r[k], 0);
  return {
    districts: rows,
    totals: { budget: sum('budget'), spent: sum('spent'), ballots: sum('ballots'), voters: sum('voters'), funded: sum('funded'), notFunded: sum('notFunded') },
  };
}
