/**
 * The real Pabulib files: the rule named in META, run on the ballots, must reproduce the
 * files' own `selected` column (and, where given, their vote and score columns).
 */
import { describe, expect, it } from 'vitest';
import { electionFromPabulib, parsePabulib, ruleOfPabulib, tally, type PbFile } from '../../../domain/tally/index';
import { readSample } from './samples';

const load = (name: string): PbFile => parsePabulib(readSample(name));
const selectedColumn = (f: PbFile): string[] => f.projects.filter((p) => p.fields['selected'] === '1').map((p) => p.id);
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('sample files reproduce their selected column with their META rule', () => {
  it.each([
    ['Netherlands_Assen_2024.pb', 'equalshares/add1'],
    ['Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb', 'greedy'],
    ['Poland_Lodz_2022_Nad_Nerem.pb', 'greedy-threshold'],
    ['Poland_Warszawa_2019_Piaski.pb', 'greedy'],
  ])('%s (%s)', (name, rule) => {
    const file = load(name);
    expect(ruleOfPabulib(file)).toBe(rule);
    const result = tally(electionFromPabulib(file), rule as NonNullable<ReturnType<typeof ruleOfPabulib>>);
    expect(sorted(result.selected)).toEqual(sorted(selectedColumn(file)));
  });

  it('Assen 2024: equal shares with add1, in selection order, from either add1 start', () => {
    const election = electionFromPabulib(load('Netherlands_Assen_2024.pb'));
    const expected = ['3', '9', '2', '11', '13', '14', '5', '6', '12'];
    expect(tally(election, 'equalshares/add1').selected).toEqual(expected);
    expect(tally(election, 'equalshares/add1', { add1Start: 'integral' }).selected).toEqual(expected);
    // Plain equal shares spends only 60.7% of the budget; add1 gets to 76.7%.
    expect(tally(election, 'equalshares').totalCost).toBe(60_700n);
    expect(tally(election, 'equalshares/add1').totalCost).toBe(76_700n);
  });

  it('Kraków 2024: the decimal budget 1607513.56 is counted in cents', () => {
    const election = electionFromPabulib(load('Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb'));
    expect(election.currencyUnit).toBe(100n);
    expect(election.budget).toBe(160_751_356n);
    const result = tally(election, 'greedy', { explain: true });
    expect(result.selected).toEqual(['BO.D9.6/24', 'BO.D9.4/24', 'BO.D9.9/24', 'BO.D9.26/24']);
    // Ordinal ballots count as approvals of the listed projects (file scores are Borda-like).
    expect(result.explanation?.projects.find((p) => p.projectId === 'BO.D9.6/24')?.score).toBe(738);
  });

  it.each(['Netherlands_Assen_2024.pb', 'Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb', 'Poland_Lodz_2022_Nad_Nerem.pb', 'Poland_Warszawa_2019_Piaski.pb', 'Poland_Czestochowa_2020_Grabowka.pb'])(
    '%s: vote counts computed from the ballots match the votes column',
    (name) => {
      const file = load(name);
      const report = tally(electionFromPabulib(file), 'greedy', { explain: true }).explanation?.projects ?? [];
      for (const p of file.projects) expect(report.find((r) => r.projectId === p.id)?.votes, p.id).toBe(Number(p.fields['votes']));
    },
  );
});

describe('Częstochowa 2020 (cumulative, no selected column)', () => {
  const file = load('Poland_Czestochowa_2020_Grabowka.pb');
  const result = tally(electionFromPabulib(file), 'greedy', { explain: true });
  const greedy = result.explanation?.greedy;

  it('scores computed from the points match the score column', () => {
    for (const p of file.projects) {
      expect(result.explanation?.projects.find((r) => r.projectId === p.id)?.score, p.id).toBe(Number(p.fields['score']));
    }
  });

  it('greedy considers projects in the order of the score column and funds what fits', () => {
    const byFileScore = [...file.projects].sort((a, b) => Number(b.fields['score']) - Number(a.fields['score'])).map((p) => p.id);
    expect(greedy?.steps.map((s) => s.projectId)).toEqual(byFileScore);
    expect(result.selected).toEqual(['196', '443', '463', '47', '198']);
    expect(greedy?.steps.map((s) => s.decision)).toEqual(['selected', 'selected', 'does-not-fit', 'does-not-fit', 'selected', 'selected', 'selected', 'does-not-fit']);
    expect(result.totalCost).toBe(215_294n);
  });
});
