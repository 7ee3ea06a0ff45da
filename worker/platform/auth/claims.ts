/**
 * Claiming an account that assisted filing created without a password: by a link sent to its
 * e-mail address, or by a code a counter officer hands over after checking the citizen's phone.
 * Secrets are stored as SHA-256 only; a claim ends all others of the account once used.
 */
import { sha256Hex } from '../crypto';

export type ClaimChannel = 'email' | 'counter';

export const EMAIL_CLAIM_HOURS = 24;
export const COUNTER_CLAIM_DAYS = 7;

/** The secret a counter code stands for: the code alone is short, so it is bound to the phone. */
export const counterSecret = (phone: string, code: string) => `${phone}:${code}`;

export async function insertClaim(
  db: D1Database,
  c: { secret: string; userId: string; channel: ClaimChannel; issuedBy: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await claimStatement(db, { ...c, secret: await sha256Hex(c.secret) }).run();
}

/** The claim row; `secret` here is already the SHA-256 of the secret. */
export function claimStatement(
  db: D1Database,
  c: { secret: string; userId: string; channel: ClaimChannel; issuedBy: string | null; now: Date; expiresAt: Date },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO account_claims (secret_hash, user_id, channel, issued_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(c.secret, c.userId, c.channel, c.issuedBy, c.now.toISOString(), c.expiresAt.toISOString());
}

/** The account a claim secret opens, if it is valid and the account still has no password. */
export async function findClaim(db: D1Database, secret: string, now: Date): Promise<{ userId: string; hash: string } | null> {
  const hash = await sha256Hex(secret);
  const row = await db
    .prepare(
      `SELECT a.user_id FROM account_claims a JOIN users u ON u.id = a.user_id
       WHERE a.secret_hash = ? AND a.expires_at > ? AND u.password_hash = 'none' AND u.role = 'citizen'`,
    )
    .bind(hash, now.toISOString())
    .first<{ user_id: string }>();
  return row ? { userId: row.user_id, hash } : null;
}

/** Sets the password and ends every claim of the account, in one batch. */
export function completeClaimStatements(db: D1Database, userId: string, passwordHash: string): D1PreparedStatement[] {
  return [
    db.prepare(`UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = 'none'`).bind(passwordHash, userId),
    db.prepare('DELETE FROM account_claims WHERE user_id = ?').bind(userId),
  ];
}

/** A passwordless citizen account with this e-mail address, or null. */
export async function claimableByEmail(db: D1Database, email: string): Promise<string | null> {
  const row = await db
    .prepare(`SELECT id FROM users WHERE email = ? AND role = 'citizen' AND password_hash = 'none'`)
    .bind(email)
    .first<{ id: string }>();
  return row?.id ?? null;
}

/** The phone of a passwordless citizen account, or null when it cannot be claimed by phone. */
export async function claimablePhone(db: D1Database, userId: string): Promise<string | null> {
  const row = await db
    .prepare(`SELECT phone FROM users WHERE id = ? AND role = 'citizen' AND password_hash = 'none' AND phone IS NOT NULL`)
    .bind(userId)
    .first<{ phone: string }>();
  return row?.phone ?? null;
}
