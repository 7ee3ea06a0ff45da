import { type SessionUser, USER_COLUMNS, toSessionUser } from './users';

export type CredentialKind = 'session' | 'api_token';

export async function insertCredential(
  db: D1Database,
  c: { tokenHash: string; userId: string; kind: CredentialKind; label: string | null; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .prepare(
      'INSERT INTO credentials (token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .bind(c.tokenHash, c.userId, c.kind, c.label, c.createdAt, c.expiresAt)
    .run();
}

export async function findUserByCredential(
  db: D1Database,
  tokenHash: string,
  kind: CredentialKind,
  now: string,
): Promise<SessionUser | null> {
  const row = await db
    .prepare(
      `SELECT ${USER_COLUMNS} FROM credentials c JOIN users u ON u.id = c.user_id
       WHERE c.token_hash = ? AND c.kind = ? AND c.expires_at > ?`,
    )
    .bind(tokenHash, kind, now)
    .first<Parameters<typeof toSessionUser>[0]>();
  return row ? toSessionUser(row) : null;
}

export async function deleteCredential(db: D1Database, tokenHash: string): Promise<void> {
  await db.prepare('DELETE FROM credentials WHERE token_hash = ?').bind(tokenHash).run();
}

/** The public id of an API token: the start of its hash (the secret itself is never stored). */
export const tokenId = (tokenHash: string): string => tokenHash.slice(0, 16);

export async function listApiTokens(
  db: D1Database,
  userId: string,
  now: string,
): Promise<{ id: string; label: string; createdAt: string; expiresAt: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT token_hash, label, created_at, expires_at FROM credentials
       WHERE user_id = ? AND kind = 'api_token' AND expires_at > ? ORDER BY created_at DESC`,
    )
    .bind(userId, now)
    .all<{ token_hash: string; label: string | null; created_at: string; expires_at: string }>();
  return results.map((r) => ({ id: tokenId(r.token_hash), label: r.label ?? '', createdAt: r.created_at, expiresAt: r.expires_at }));
}

/** False when the person has no API token with this id. */
export async function revokeApiToken(db: D1Database, userId: string, id: string): Promise<boolean> {
  const res = await db
    .prepare(`DELETE FROM credentials WHERE user_id = ? AND kind = 'api_token' AND substr(token_hash, 1, 16) = ?`)
    .bind(userId, id)
    .run();
  return res.meta.changes > 0;
}
