import { describe, expect, it } from 'vitest';
import { formatCell, splitCells } from '../../../domain/tally/pabulib-csv';
import { PabulibParseError, Rational, exportPabulib, parsePabulib, type PbFile } from '../../../domain/tally/index';
import { SAMPLE_FILES, readSample } from './samples';

const MINIMAL = [
  'META',
  'key;value',
  'budget;1000',
  'vote_type;approval',
  'rule;greedy',
  'PROJECTS',
  'project_id;cost;name',
  '1;600;Park',
  '2;500;Library',
  'VOTES',
  'voter_id;vote',
  'a;1,2',
  'b;2',
  '',
].join('\n');

function parseError(text: string): PabulibParseError {
  try {
    parsePabulib(text);
  } catch (e) {
    if (e instanceof PabulibParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('pabulib cells', () => {
  it('splits on semicolons, trims unquoted cells and honours quotes', () => {
    expect(splitCells('a; b ;c')).toEqual(['a', 'b', 'c']);
    expect(splitCells('1;"x;y";2')).toEqual(['1', 'x;y', '2']);
    expect(splitCells('1;"say ""hi""";2')).toEqual(['1', 'say "hi"', '2']);
    expect(splitCells('1; "quoted" ;2')).toEqual(['1', 'quoted', '2']);
    expect(splitCells('"";x;')).toEqual(['', 'x', '']);
  });

  it('reads a cell that merely starts with a quote literally (as in Częstochowa 2020)', () => {
    expect(splitCells('47;12000;"Odkupmy" i my - zakup')).toEqual(['47', '12000', '"Odkupmy" i my - zakup']);
  });

  it('quotes on output only when needed, so that cells read back unchanged', () => {
    for (const v of ['plain', 'x;y', ' padded ', '"Odkupmy" i my', '"quoted"', '"', 'a"b', '']) {
      expect(splitCells(`${formatCell(v)};end`)).toEqual([v, 'end']);
    }
    expect(formatCell('plain')).toBe('plain');
    expect(formatCell('"Odkupmy" i my')).toBe('"Odkupmy" i my');
    expect(formatCell('x;y')).toBe('"x;y"');
    expect(() => formatCell('two\nlines')).toThrow(RangeError);
  });
});

describe('parsePabulib', () => {
  it('parses sections into typed structures, keeping every column', () => {
    const f = parsePabulib(MINIMAL);
    expect(f.meta.budget).toEqual(Rational.of(1000));
    expect(f.meta.voteType).toBe('approval');
    expect(f.meta.rule).toBe('greedy');
    expect(f.meta.entries).toEqual([
      ['budget', '1000'],
      ['vote_type', 'approval'],
      ['rule', 'greedy'],
    ]);
    expect(f.projects.map((p) => [p.id, p.cost.toString(), p.name, p.line])).toEqual([
      ['1', '600', 'Park', 8],
      ['2', '500', 'Library', 9],
    ]);
    expect(f.votes.map((v) => [v.voterId, v.vote, v.line])).toEqual([
      ['a', ['1', '2'], 12],
      ['b', ['2'], 13],
    ]);
    expect(f.layout).toEqual({ lineEnding: '\n', finalNewline: true, bom: false });
  });

  it('reads the typed META fields that are present', () => {
    const text = MINIMAL.replace(
      'rule;greedy',
      'rule;greedy\nmin_length;2\nmax_length;5\nmin_sum_points;1\nmax_sum_points;10\nmin_project_score_threshold;50\nmax_sum_cost;900.5\nnum_votes;2\nnum_projects;2\nmin_points;0\nmax_points;5',
    );
    const m = parsePabulib(text).meta;
    expect([m.minLength, m.maxLength, m.minSumPoints, m.maxSumPoints, m.minProjectScoreThreshold]).toEqual([2, 5, 1, 10, 50]);
    expect([m.numVotes, m.numProjects, m.minPoints, m.maxPoints]).toEqual([2, 2, 0, 5]);
    expect(m.maxSumCost).toEqual(Rational.of(1801, 2));
  });

  it('accepts CRLF, a BOM, blank lines and spaces around cells', () => {
    const text = '\uFEFF' + MINIMAL.replace('PROJECTS', '\nPROJECTS').replace('1;600;Park', ' 1 ; 600 ; Park ').replaceAll('\n', '\r\n');
    const f = parsePabulib(text);
    expect(f.layout).toEqual({ lineEnding: '\r\n', finalNewline: true, bom: true });
    expect(f.projects[0]).toMatchObject({ id: '1', name: 'Park' });
    expect(f.projects[0]?.cost).toEqual(Rational.of(600));
    expect(f.votes).toHaveLength(2);
  });

  it('reads points for cumulative votes and quoted names with semicolons', () => {
    const text = MINIMAL.replace('vote_type;approval', 'vote_type;cumulative')
      .replace('1;600;Park', '1;600;"Park; phase ""one"""')
      .replace('voter_id;vote', 'voter_id;vote;points')
      .replace('a;1,2', 'a;1,2;3,2')
      .replace('b;2', 'b;2;5');
    const f = parsePabulib(text);
    expect(f.projects[0]?.name).toBe('Park; phase "one"');
    expect(f.votes.map((v) => v.points)).toEqual([[3, 2], [5]]);
  });

  it('accepts decimal costs and budgets exactly', () => {
    const f = parsePabulib(MINIMAL.replace('budget;1000', 'budget;1607513.56').replace('1;600;Park', '1;600.10;Park'));
    expect(f.meta.budget).toEqual(Rational.of(160751356, 100));
    expect(f.projects[0]?.cost).toEqual(Rational.of(6001, 10));
  });

  it('tells voter ids apart by their text: 7, 07 and 7.0 are three voters', () => {
    const f = parsePabulib(MINIMAL.replace('a;1,2', '7;1,2\n07;1\n7.0;2').replace('b;2', '0;2'));
    expect(f.votes.map((v) => v.voterId)).toEqual(['7', '07', '7.0', '0']);
  });

  it.each([
    ['a missing VOTES section (reported after the last line)', MINIMAL.slice(0, MINIMAL.indexOf('VOTES')), 10, /missing section VOTES/],
    ['a missing PROJECTS section', MINIMAL.replace(/PROJECTS\n.*\n.*\n.*\n/, ''), 10, /missing section PROJECTS/],
    ['a row before any section', `x;y\n${MINIMAL}`, 1, /expected a section title/],
    ['a repeated section', `${MINIMAL}META\nkey;value\n`, 14, /META appears twice/],
    ['a wrong META header', MINIMAL.replace('key;value', 'k;v'), 2, /"key;value"/],
    ['a missing cost column', MINIMAL.replace('project_id;cost;name', 'project_id;price;name'), 7, /lacks the column "cost"/],
    ['a short row', MINIMAL.replace('1;600;Park', '1;600'), 8, /expected 3 fields .* but found 2/],
    ['a bad cost', MINIMAL.replace('1;600;Park', '1;6O0;Park'), 8, /cost of project 1 must be a non-negative number/],
    ['a negative cost', MINIMAL.replace('1;600;Park', '1;-600;Park'), 8, /non-negative/],
    ['a bad budget', MINIMAL.replace('budget;1000', 'budget;lots'), 3, /budget must be a non-negative number/],
    ['a bad integer', MINIMAL.replace('rule;greedy', 'rule;greedy\nmin_length;two'), 6, /min_length must be an integer/],
    ['an unknown vote type', MINIMAL.replace('vote_type;approval', 'vote_type;borda'), 4, /unknown vote_type "borda"/],
    ['a duplicate project id', MINIMAL.replace('2;500;Library', '1;500;Library'), 9, /project_id "1" appears twice/],
    ['a duplicate voter', MINIMAL.replace('b;2', 'a;2'), 13, /voter_id "a" appears twice/],
    ['a duplicate numeric voter id', MINIMAL.replace('a;1,2', '17;1,2').replace('b;2', '17;2'), 13, /voter_id "17" appears twice/],
    ['a duplicate long voter id', MINIMAL.replace('a;1,2', '12345678901;1,2').replace('b;2', '12345678901;2'), 13, /voter_id "12345678901" appears twice/],
    ['a vote for an unknown project', MINIMAL.replace('b;2', 'b;3'), 13, /unknown project "3"/],
    ['a project voted twice', MINIMAL.replace('b;2', 'b;2,2'), 13, /names project "2" twice/],
    ['an unterminated quote', MINIMAL.replace('1;600;Park', '1;600;"Park'), 8, /unterminated quoted field/],
    ['cumulative votes without points', MINIMAL.replace('vote_type;approval', 'vote_type;cumulative'), 11, /needs a points column/],
  ])('rejects %s with the line number', (_name, text, line, message) => {
    const e = parseError(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(new RegExp(`^line ${line}: `));
    expect(e.message).toMatch(message);
  });

  it('rejects points that do not match the vote', () => {
    const text = MINIMAL.replace('vote_type;approval', 'vote_type;cumulative').replace('voter_id;vote', 'voter_id;vote;points').replace('a;1,2', 'a;1,2;3').replace('b;2', 'b;2;x');
    const e = parseError(text);
    expect(e.message).toBe('line 12: vote of a lists 2 projects but 1 points');
    expect(parseError(text.replace('a;1,2;3', 'a;1,2;3,1')).message).toBe('line 13: points of b must be numbers, got "x"');
  });
});

describe('exportPabulib', () => {
  it.each(SAMPLE_FILES)('round-trips %s byte for byte', (name) => {
    const text = readSample(name);
    expect(exportPabulib(parsePabulib(text))).toBe(text);
  });

  it('round-trips quoting, CRLF and BOM', () => {
    const text = '\uFEFF' + MINIMAL.replace('1;600;Park', '1;600;"Park; ""one"""').replaceAll('\n', '\r\n');
    expect(exportPabulib(parsePabulib(text))).toBe(text);
  });

  it('writes typed fields that were changed, and verbatim cells otherwise', () => {
    const f = parsePabulib(MINIMAL.replace('1;600;Park', '1;600.50;Park'));
    expect(exportPabulib(f)).toContain('\n1;600.50;Park\n');
    const changed: PbFile = {
      ...f,
      projects: f.projects.map((p) => (p.id === '1' ? { ...p, cost: Rational.of(1201, 4), name: 'Park; big' } : p)),
      votes: f.votes.map((v) => (v.voterId === 'b' ? { ...v, vote: ['1', '2'] } : v)),
    };
    const out = exportPabulib(changed);
    expect(out).toContain('\n1;300.25;"Park; big"\n');
    expect(out).toContain('\nb;1,2\n');
    expect(parsePabulib(out).projects[0]?.name).toBe('Park; big');
  });

  it('exports a file built in code', () => {
    const built: PbFile = {
      meta: { entries: [['budget', '10'], ['vote_type', 'approval']] },
      projectColumns: ['project_id', 'cost'],
      voteColumns: ['voter_id', 'vote'],
      projects: [{ id: 'p', cost: Rational.of(7), fields: {}, line: 0 }],
      votes: [{ voterId: 'v', vote: ['p'], fields: {}, line: 0 }],
      layout: { lineEnding: '\n', finalNewline: true, bom: false },
    };
    expect(exportPabulib(built)).toBe('META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\np;7\nVOTES\nvoter_id;vote\nv;p\n');
    expect(parsePabulib(exportPabulib(built)).projects[0]?.cost).toEqual(Rational.of(7));
  });
});
