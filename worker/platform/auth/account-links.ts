/**
 * E-mailed account links (migration 0043): finishing a registration and resetting a password.
 * Typed SQL only; the routes in registration.ts decide who gets which mail.
 */
import { sha256Hex } from '../crypto';
import type { Locale } from './users';

export type LinkPurpose = 'register' | 'reset';

/** How long an e-mailed link is valid, from the setting ACCOUNT_LINK_HOURS (default 24). */
export function linkHours(setting: string | undefined): number {
  const n = Number(setting);
  return Number.isFinite(n) && n > 0 && n <= 24 * 14 ? n : 24;
}

/**
 * A registration of an address without an active account, as one batch (one D1 round trip, like
 * the other kinds of registration, so the time of the answer does not tell them apart): the
 * not-yet-active account row ('pending' never verifies as a password; a concurrent or earlier
 * registration's row is reused), the link with what was typed, and the e-mail.
 */
export function pendingRegistrationStatements(
  db: D1Database,
  r: { email: string; displayName: string; locale: Locale; passwordHash: string; tokenHash: string; now: Date; hours: number; mail: { subject: string; body: string } },
): D1PreparedStatement[] {
  const now = r.now.toISOString();
  return [
    db
      .prepare(
        `INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at)
         VALUES (?, ?, 'pending', ?, 'citizen', NULL, ?, ?) ON CONFLICT (email) DO NOTHING`,
      )
      .bind(crypto.randomUUID(), r.email, r.displayName, r.locale, now),
    db
      .prepare(
        `INSERT INTO account_links (token_hash, purpose, user_id, password_hash, display_name, locale, created_at, expires_at)
         SELECT ?, 'register', id, ?, ?, ?, ?, ? FROM users WHERE email = ? AND password_hash = 'pending'`,
      )
      .bind(r.tokenHash, r.passwordHash, r.displayName, r.locale, now, new Date(r.now.getTime() + r.hours * 3_600_000).toISOString(), r.email),
    db
      .prepare(
        `INSERT INTO email_outbox (dedupe_key, user_id, subject, body, next_attempt_at, created_at)
         SELECT ?1, id, ?3, ?4, ?5, ?5 FROM users WHERE email = ?2 AND password_hash = 'pending' AND email NOT LIKE '%@accounts.invalid'
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(`register:${r.tokenHash}`, r.email, r.mail.subject, r.mail.body, now),
  ];
}

/** A password-reset link (registration links come with pendingRegistrationStatements). */
export function insertLinkStatement(
  db: D1Database,
  l: {
    tokenHash: string;
    purpose: 'reset';
    userId: string;
    now: Date;
    hours: number;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO account_links (token_hash, purpose, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
    )
    .bind(
      l.tokenHash,
      l.purpose,
      l.userId,
      l.now.toISOString(),
      new Date(l.now.getTime() + l.hours * 3_600_000).toISOString(),
    );
}

export interface AccountLink {
  tokenHash: string;
  purpose: LinkPurpose;
  userId: string;
  passwordHash: string | null;
  displayName: string | null;
  locale: Locale | null;
  expiresAt: string;
  usedAt: string | null;
}

interface LinkRow {
  token_hash: string;
  purpose: LinkPurpose;
  user_id: string;
  password_hash: string | null;
  display_name: string | null;
  locale: Locale | null;
  expires_at: string;
  used_at: string | null;
}

const toLink = (r: LinkRow): AccountLink => ({
  tokenHash: r.token_hash,
  purpose: r.purpose,
  userId: r.user_id,
  passwordHash: r.password_hash,
  displayName: r.display_name,
  locale: r.locale,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export type LinkState = 'valid' | 'expired' | 'used' | 'invalid';

/** The link a token stands for and what state it is in (a token for another purpose is invalid). */
export async function findLink(db: D1Database, token: string, purpose: LinkPurpose, now: Date): Promise<{ state: LinkState; link: AccountLink | null }> {
  const row = await db
    .prepare('SELECT token_hash, purpose, user_id, password_hash, display_name, locale, expires_at, used_at FROM account_links WHERE token_hash = ? AND purpose = ?')
    .bind(await sha256Hex(token), purpose)
    .first<LinkRow>();
  if (!row) return { state: 'invalid', link: null };
  const link = toLink(row);
  if (link.usedAt) return { state: 'used', link };
  if (link.expiresAt <= now.toISOString()) return { state: 'expired', link };
  return { state: 'valid', link };
}

/**
 * Marks the link used; the statement changes a row only if it was still unused and unexpired,
 * and the statements batched after it are conditioned on that (see the callers).
 */
export function useLinkStatement(db: D1Database, tokenHash: string, useId: string, now: string): D1PreparedStatement {
  return db
    .prepare('UPDATE account_links SET used_at = ?1, use_id = ?3 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1')
    .bind(now, tokenHash, useId);
}

/** SQL condition (binding the link's hash and the use id) for statements that run only if this request used the link. */
export const usedBy = (hashParam: string, useIdParam: string) =>
  `EXISTS (SELECT 1 FROM account_links WHERE token_hash = ${hashParam} AND use_id = ${useIdParam})`;

/** Days an unconfirmed registration is kept after its last link expired. */
export const UNCONFIRMED_KEEP_DAYS = 7;

/**
 * Forgets registrations nobody confirmed (personal data minimised): 'pending' account rows whose
 * links all expired more than UNCONFIRMED_KEEP_DAYS ago, unless a case was filed for the address at
 * a counter meanwhile (that row becomes the person's account when they confirm or claim it).
 * Their links and queued e-mails go with them (ON DELETE CASCADE). Run by the cron trigger.
 */
export async function purgeUnconfirmed(db: D1Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNCONFIRMED_KEEP_DAYS * 86_400_000).toISOString();
  const res = await db
    .prepare(
      `DELETE FROM users WHERE id IN (
         SELECT u.id FROM users u
         WHERE u.password_hash = 'pending' AND u.created_at < ?1
           AND NOT EXISTS (SELECT 1 FROM account_links l WHERE l.user_id = u.id AND l.expires_at > ?1)
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.citizen_id = u.id)
         LIMIT 500)`,
    )
    .bind(cutoff)
    .run();
  return res.meta.changes;
}
