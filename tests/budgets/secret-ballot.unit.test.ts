/**
 * The secret ballot in the code base: no SQL statement anywhere reads or writes the ballot box
 * together with the has-voted list or the accounts (no join, no subquery, no shared statement).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|mjs|js|sql)$/.test(name)) out.push(full);
  }
  return out;
}

/** SQL string literals (template or quoted) and whole .sql statements. */
function statements(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.sql')) return text.split(/;\s*$/m);
  return [...text.matchAll(/`[^`]*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g)].map((m) => m[0]);
}

describe('no statement in the code base links ballots to voters', () => {
  const files = ['worker', 'workflows', 'scripts', 'migrations', 'seeds', 'domain'].flatMap((d) => sources(path.join(root, d)));

  it('finds the statements that touch the ballot box', () => {
    const touching = files.flatMap((f) => statements(f).filter((s) => /\bbudget_ballots\b/.test(s)));
    // Insert, delete by receipt, list for the tally and the export, the migration: the scan sees them.
    expect(touching.length).toBeGreaterThanOrEqual(4);
  });

  it('none of them also names the has-voted list, the accounts or a voter', () => {
    const offending = files.flatMap((f) =>
      statements(f)
        .filter((s) => /\bbudget_ballots\b/.test(s) && /\b(budget_voters|users|voter_id|voter_tag|credentials|audit_log)\b/.test(s))
        .map((s) => `${path.relative(root, f)}: ${s.slice(0, 120)}`),
    );
    // The migration's header comment describes both tables; it is prose, not a statement.
    expect(offending.filter((o) => !o.startsWith('migrations/0030_add_budget_rounds.sql'))).toEqual([]);
    const migration = readFileSync(path.join(root, 'migrations/0030_add_budget_rounds.sql'), 'utf8')
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n');
    const ddl = migration.split(/;\s*$/m).filter((s) => /\bbudget_ballots\b/.test(s));
    expect(ddl.length).toBeGreaterThanOrEqual(2);
    for (const s of ddl) expect(s).not.toMatch(/\b(budget_voters|users|voter_id|voter_tag)\b/);
  });
});
