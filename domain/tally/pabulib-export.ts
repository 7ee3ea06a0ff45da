/**
 * Writes a {@link PbFile} back to `.pb` text. Typed fields win over the verbatim cells, but an
 * unchanged cell is written exactly as it was read (e.g. `1000.50` stays `1000.50`), so parsing
 * and exporting an unmodified file gives the same bytes.
 */
import { formatRow } from './pabulib-csv';
import type { PbFile, PbProject, PbVote } from './pabulib-types';
import { Rational } from './rational';

export function exportPabulib(file: PbFile): string {
  const out: string[] = ['META', formatRow(['key', 'value'])];
  for (const [k, v] of file.meta.entries) out.push(formatRow([k, v]));
  out.push('PROJECTS', formatRow(file.projectColumns));
  for (const p of file.projects) out.push(formatRow(file.projectColumns.map((c) => projectCell(p, c))));
  out.push('VOTES', formatRow(file.voteColumns));
  for (const v of file.votes) out.push(formatRow(file.voteColumns.map((c) => voteCell(v, c))));
  const { lineEnding, finalNewline, bom } = file.layout;
  return (bom ? '\uFEFF' : '') + out.join(lineEnding) + (finalNewline ? lineEnding : '');
}

function projectCell(p: PbProject, column: string): string {
  switch (column) {
    case 'project_id':
      return p.id;
    case 'cost':
      return amountCell(p.cost, p.fields['cost']);
    case 'name':
      return p.name ?? p.fields['name'] ?? '';
    default:
      return p.fields[column] ?? '';
  }
}

function voteCell(v: PbVote, column: string): string {
  switch (column) {
    case 'voter_id':
      return v.voterId;
    case 'vote':
      return listCell(v.vote, v.fields['vote']);
    case 'points':
      return v.points ? listCell(v.points.map(String), v.fields['points'], (a, b) => Number(a) === Number(b)) : (v.fields['points'] ?? '');
    default:
      return v.fields[column] ?? '';
  }
}

function amountCell(value: Rational, raw: string | undefined): string {
  if (raw !== undefined && /^\d+(\.\d+)?$/.test(raw) && Rational.parseDecimal(raw).equals(value)) return raw;
  const exact = value.toExactDecimal();
  if (exact === null) throw new RangeError(`Amount ${value.toString()} has no exact decimal form`);
  return exact;
}

function listCell(items: readonly string[], raw: string | undefined, same = (a: string, b: string) => a === b): string {
  if (raw !== undefined) {
    const old = raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim());
    if (old.length === items.length && old.every((o, i) => same(o, items[i] ?? ''))) return raw;
  }
  return items.join(',');
}
