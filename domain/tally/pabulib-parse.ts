/**
 * Parser for Pabulib `.pb` text. Strict where a mistake would silently change a tally (unknown
 * project in a vote, points not matching the vote, duplicate ids, bad numbers) and tolerant of
 * layout (BOM, CRLF, blank lines, spaces around cells).
 */
import { CellSyntaxError, splitCells } from './pabulib-csv';
import type { PbFile, PbLayout, PbMeta, PbProject, PbVote, PbVoteType } from './pabulib-types';
import { Rational } from './rational';

export class PabulibParseError extends Error {
  /** `line` is 1-based; the message already starts with `line N:`. */
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'PabulibParseError';
  }
}

type SectionName = 'META' | 'PROJECTS' | 'VOTES';
const SECTION_NAMES: readonly SectionName[] = ['META', 'PROJECTS', 'VOTES'];
const VOTE_TYPES: readonly PbVoteType[] = ['approval', 'ordinal', 'cumulative', 'scoring', 'choose-1'];

interface Section {
  readonly titleLine: number;
  header?: { cells: string[]; line: number };
  readonly rows: { cells: string[]; line: number }[];
}

export function parsePabulib(text: string): PbFile {
  const bom = text.startsWith('\uFEFF');
  const body = bom ? text.slice(1) : text;
  const lineEnding = body.includes('\r\n') ? '\r\n' : '\n';
  const lines = body.split(/\r?\n/);
  const finalNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  const layout: PbLayout = { lineEnding, finalNewline, bom };

  const sections = new Map<SectionName, Section>();
  let current: Section | null = null;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i] ?? '';
    // Only short or space-led lines can be blank or a section title: spare the long ones a trim.
    const title = raw.length <= 16 || raw.charCodeAt(0) <= 32 ? raw.trim() : raw;
    if (title === '') continue;
    if ((SECTION_NAMES as readonly string[]).includes(title)) {
      const name = title as SectionName;
      if (sections.has(name)) throw new PabulibParseError(lineNo, `section ${name} appears twice`);
      current = { titleLine: lineNo, rows: [] };
      sections.set(name, current);
      continue;
    }
    if (!current) throw new PabulibParseError(lineNo, 'expected a section title (META, PROJECTS or VOTES)');
    let cells: string[];
    try {
      cells = splitCells(raw);
    } catch (e) {
      if (e instanceof CellSyntaxError) throw new PabulibParseError(lineNo, `${e.message} (column ${e.column})`);
      throw e;
    }
    if (!current.header) current.header = { cells, line: lineNo };
    else current.rows.push({ cells, line: lineNo });
  }

  const endLine = lines.length + 1;
  const need = (name: SectionName): Section & { header: { cells: string[]; line: number } } => {
    const s = sections.get(name);
    if (!s) throw new PabulibParseError(endLine, `missing section ${name}`);
    if (!s.header) throw new PabulibParseError(s.titleLine, `section ${name} has no header row`);
    return s as Section & { header: { cells: string[]; line: number } };
  };
  const metaSection = need('META');
  const projectSection = need('PROJECTS');
  const voteSection = need('VOTES');

  const meta = parseMeta(metaSection);
  const projectColumns = checkHeader(projectSection.header, ['project_id', 'cost'], 'PROJECTS');
  const projects = parseProjects(projectColumns, projectSection.rows);
  const voteColumns = checkHeader(voteSection.header, ['voter_id', 'vote'], 'VOTES');
  const pointsNeeded = meta.voteType === 'cumulative' || meta.voteType === 'scoring';
  if (pointsNeeded && !voteColumns.includes('points')) {
    throw new PabulibParseError(voteSection.header.line, `vote_type ${meta.voteType} needs a points column`);
  }
  const votes = parseVotes(voteColumns, voteSection.rows, projects.map((p) => p.id));
  return { meta, projectColumns, voteColumns, projects, votes, layout };
}

function checkHeader(header: { cells: string[]; line: number }, required: string[], section: string): string[] {
  const seen = new Set<string>();
  for (const c of header.cells) {
    if (c === '') throw new PabulibParseError(header.line, `empty column name in the ${section} header`);
    if (seen.has(c)) throw new PabulibParseError(header.line, `column "${c}" appears twice in the ${section} header`);
    seen.add(c);
  }
  for (const r of required) {
    if (!seen.has(r)) throw new PabulibParseError(header.line, `${section} header lacks the column "${r}"`);
  }
  return header.cells;
}

function rowFields(columns: readonly string[], row: { cells: string[]; line: number }): Record<string, string> {
  if (row.cells.length !== columns.length) {
    throw new PabulibParseError(
      row.line,
      `expected ${columns.length} fields (${columns.join(';')}) but found ${row.cells.length}`,
    );
  }
  const fields: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) fields[columns[i]!] = row.cells[i] ?? '';
  return fields;
}

function parseMeta(section: Section & { header: { cells: string[]; line: number } }): PbMeta {
  const h = section.header;
  if (h.cells.length !== 2 || h.cells[0] !== 'key' || h.cells[1] !== 'value') {
    throw new PabulibParseError(h.line, 'the META header must be "key;value"');
  }
  const entries: [string, string][] = [];
  const lineOf = new Map<string, number>();
  for (const row of section.rows) {
    const [key = '', ...rest] = row.cells;
    if (key === '') throw new PabulibParseError(row.line, 'META row without a key');
    if (lineOf.has(key)) throw new PabulibParseError(row.line, `META key "${key}" appears twice`);
    // An unquoted `;` in a value (seen in free-text comments) is kept rather than rejected.
    entries.push([key, rest.join(';')]);
    lineOf.set(key, row.line);
  }
  const value = (key: string): { text: string; line: number } | undefined => {
    const e = entries.find(([k]) => k === key);
    return e ? { text: e[1], line: lineOf.get(key) ?? 0 } : undefined;
  };
  const int = (key: string): number | undefined => {
    const v = value(key);
    if (!v) return undefined;
    if (!/^[+-]?\d+$/.test(v.text) || !Number.isSafeInteger(Number(v.text))) {
      throw new PabulibParseError(v.line, `${key} must be an integer, got "${v.text}"`);
    }
    return Number(v.text);
  };
  const amount = (key: string): Rational | undefined => {
    const v = value(key);
    if (!v) return undefined;
    const r = parseAmount(v.text);
    if (!r) throw new PabulibParseError(v.line, `${key} must be a non-negative number, got "${v.text}"`);
    return r;
  };
  const voteTypeValue = value('vote_type');
  if (voteTypeValue && !(VOTE_TYPES as readonly string[]).includes(voteTypeValue.text)) {
    throw new PabulibParseError(voteTypeValue.line, `unknown vote_type "${voteTypeValue.text}" (expected ${VOTE_TYPES.join(', ')})`);
  }
  const meta: { -readonly [K in keyof PbMeta]: PbMeta[K] } = { entries };
  const set = <K extends keyof PbMeta>(k: K, v: PbMeta[K] | undefined): void => {
    if (v !== undefined) meta[k] = v;
  };
  set('budget', amount('budget'));
  set('voteType', voteTypeValue?.text as PbVoteType | undefined);
  set('rule', value('rule')?.text);
  set('numProjects', int('num_projects'));
  set('numVotes', int('num_votes'));
  set('minLength', int('min_length'));
  set('maxLength', int('max_length'));
  set('minSumCost', amount('min_sum_cost'));
  set('maxSumCost', amount('max_sum_cost'));
  set('minPoints', int('min_points'));
  set('maxPoints', int('max_points'));
  set('minSumPoints', int('min_sum_points'));
  set('maxSumPoints', int('max_sum_points'));
  set('minProjectScoreThreshold', int('min_project_score_threshold'));
  return meta;
}

function parseAmount(text: string): Rational | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  return Rational.parseDecimal(text);
}

function parseProjects(columns: readonly string[], rows: { cells: string[]; line: number }[]): PbProject[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const fields = rowFields(columns, row);
    const id = fields['project_id'] ?? '';
    if (id === '') throw new PabulibParseError(row.line, 'empty project_id');
    if (id.includes(',')) throw new PabulibParseError(row.line, `project_id "${id}" contains a comma, which votes use as separator`);
    if (seen.has(id)) throw new PabulibParseError(row.line, `project_id "${id}" appears twice`);
    seen.add(id);
    const costText = fields['cost'] ?? '';
    const cost = parseAmount(costText);
    if (!cost) throw new PabulibParseError(row.line, `cost of project ${id} must be a non-negative number, got "${costText}"`);
    const name = fields['name'];
    return name === undefined ? { id, cost, fields, line: row.line } : { id, cost, name, fields, line: row.line };
  });
}

function parseVotes(columns: readonly string[], rows: { cells: string[]; line: number }[], projectIds: readonly string[]): PbVote[] {
  const hasPoints = columns.includes('points');
  const projectIndex = new Map(projectIds.map((id, i) => [id, i]));
  // Which row last named each project: finds duplicates without a set per row.
  const lastRow = new Int32Array(projectIds.length).fill(-1);
  // Voter ids are nearly always plain numbers: those are checked for duplicates as numbers
  // (hashing 100,000 fresh strings was a third of the parse), any other id as a string.
  const seenNumbers = new Set<number>();
  const seen = new Set<string>();
  return rows.map((row, r) => {
    const fields = rowFields(columns, row);
    const voterId = fields['voter_id'] ?? '';
    if (voterId === '') throw new PabulibParseError(row.line, 'empty voter_id');
    const asNumber = plainInteger(voterId);
    if (asNumber >= 0 ? seenNumbers.has(asNumber) : seen.has(voterId)) throw new PabulibParseError(row.line, `voter_id "${voterId}" appears twice`);
    if (asNumber >= 0) seenNumbers.add(asNumber);
    else seen.add(voterId);
    const vote = splitList(fields['vote'] ?? '');
    for (const p of vote) {
      const i = projectIndex.get(p);
      if (i === undefined) throw new PabulibParseError(row.line, `vote of ${voterId} names unknown project "${p}"`);
      if (lastRow[i] === r) throw new PabulibParseError(row.line, `vote of ${voterId} names project "${p}" twice`);
      lastRow[i] = r;
    }
    if (!hasPoints) return { voterId, vote, fields, line: row.line };
    const pointTexts = splitList(fields['points'] ?? '');
    if (pointTexts.length !== vote.length) {
      throw new PabulibParseError(row.line, `vote of ${voterId} lists ${vote.length} projects but ${pointTexts.length} points`);
    }
    const points = pointTexts.map((t) => {
      const n = Number(t);
      if (!/^[+-]?\d+(\.\d+)?$/.test(t) || !Number.isFinite(n)) {
        throw new PabulibParseError(row.line, `points of ${voterId} must be numbers, got "${t}"`);
      }
      return n;
    });
    return { voterId, vote, points, fields, line: row.line };
  });
}

/** The value of an id written as a plain decimal integer below 2^30 (no sign, no leading zero), else −1. */
function plainInteger(id: string): number {
  const n = id.length;
  if (n === 0 || n > 9 || (n > 1 && id.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v < 2 ** 30 ? v : -1;
}

function splitList(text: string): string[] {
  if (text === '') return [];
  const parts = text.split(',');
  // Spaces are rare; only pay for trimming when there are some.
  if (!text.includes(' ') && !text.includes('\t')) return parts[0] === '' && parts.length === 1 ? [] : parts;
  return text.trim() === '' ? [] : parts.map((s) => s.trim());
}
