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
