/**
 * The platform's identity level, for the worker: what `users.identity_level` holds and the one
 * way every leg compares it with the level it requires (legs import this file, never the column
 * semantics of another leg).
 */
import { identityLevels } from '../../domain/identity';

export { identityLevels, isIdentityLevel, meetsLevel } from '../../domain/identity';
export type { IdentityLevel } from '../../domain/identity';

/**
 * An identity level column as its rank, in SQL, for checks that must stay inside one statement
 * (e.g. petitions' INSERT ... SELECT). `column` is a trusted column name, never input.
 */
export function identityRankSql(column: string): string {
  return `(CASE ${column} ${identityLevels.map((l, i) => `WHEN '${l}' THEN ${i}`).join(' ')} ELSE 0 END)`;
}

