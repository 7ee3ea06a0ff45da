/**
 * The `;`-separated, `"`-quoted cell syntax shared by the three sections of a `.pb` file.
 *
 * Real files are not strict CSV: Częstochowa 2020 has the unquoted cell `"Odkupmy" i my - …`.
 * A cell is therefore read as quoted only when it is entirely one quoted string; otherwise it is
 * taken literally up to the next `;`. Unquoted cells are trimmed (the format's own examples write
 * `key; value`), quoted cells are not.
 */

/** Thrown for a malformed line; `column` is 1-based. Converted to a line-numbered parse error. */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'CellSyntaxError';
  }
}

/** Splits one line (without its line ending) into cells. */
export function splitCells(line: string): string[] {
  // Fast path: most lines (all vote rows in practice) contain no quote at all.
  if (!line.includes('"')) return line.split(';').map((c) => c.trim());
  const cells: string[] = [];
  let pos = 0;
  for (;;) {
    const start = pos;
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
    const quoted = line[pos] === '"' ? readQuoted(line, pos) : null;
    if (quoted) {
      cells.push(quoted.value);
      pos = quoted.end;
    } else {
      const semi = line.indexOf(';', start);
      const end = semi < 0 ? line.length : semi;
      cells.push(line.slice(start, end).trim());
      pos = end;
    }
    if (pos >= line.length) return cells;
    pos++; // the `;`
  }
}

/**
 * Reads a quoted cell starting at `open`; returns null when the closing quote is not followed by
 * the end of the cell (then the cell is literal text that merely starts with a quote).
 */
function readQuoted(line: string, open: number): { value: string; end: number } | null {
  let value = '';
  let pos = open + 1;
  for (;;) {
    const q = line.indexOf('"', pos);
    if (q < 0) throw new CellSyntaxError('unterminated quoted field', open + 1);
    value += line.slice(pos, q);
    if (line[q + 1] === '"') {
      value += '"';
      pos = q + 2;
      continue;
    }
    let end = q + 1;
    while (end < line.length && (line[end] === ' ' || line[end] === '\t')) end++;
    if (end < line.length && line[end] !== ';') return null;
    return { value, end };
  }
}

/** Renders one cell so that `splitCells` reads it back unchanged. */
export function formatCell(value: string): string {
  if (value.includes('\n') || value.includes('\r')) {
    // The format is line based: a line break can never be represented.
    throw new RangeError('A .pb cell cannot contain a line break');
  }
  const needsQuotes =
    value.includes(';') || value !== value.trim() || (value.startsWith('"') && !readsBackLiterally(value));
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

function readsBackLiterally(value: string): boolean {
  try {
    return readQuoted(value, 0) === null;
  } catch {
    return false; // unterminated: the reader would reject it, so it must be quoted
  }
}

export function formatRow(cells: readonly string[]): string {
  return cells.map(formatCell).join(';');
}
