/**
 * Throttling of sign-in failures and registrations, per account and per network, in D1 (fixed
 * windows). Account keys are derived from the e-mail address whether or not an account exists,
 * so a 429 says nothing about which addresses have accounts.
 */
import { sha256Hex } from '../crypto';

export interface ThrottleRule {
  /** Attempts allowed inside one window. */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** Failed sign-ins for one e-mail address, from anywhere. */
export const ACCOUNT_FAILURES: ThrottleRule = { limit: 5, windowMs: 15 * MINUTE };
/** Failed sign-ins from one network (an office NAT shares one address, hence more room). */
export const NETWORK_FAILURES: ThrottleRule = { limit: 30, windowMs: 15 * MINUTE };
/** Registrations (and claim requests) from one network. */
export const NETWORK_REGISTRATIONS: ThrottleRule = { limit: 10, windowMs: 60 * MINUTE };

/**
 * Registration and password-reset e-mails to one address, whoever asks: enough to retry a lost
 * mail, too few to flood a mailbox. Counted whether or not the address has an account.
 */
export const ADDRESS_MAILS: ThrottleRule = { limit: 5, windowMs: 60 * MINUTE };

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

/** The key of an e-mail address; `purpose` keeps sign-in failures apart from mails asked for. */
export async function accountKey(email: string, rule = ACCOUNT_FAILURES, purpose = 'account'): Promise<ThrottleKey> {
  return { key: `${purpose}:${await sha256Hex(email.trim().toLowerCase())}`, rule };
}

/** The caller's network: the IPv4 address, or the /64 of an IPv6 address (one household or office). */
export async function networkKey(req: Request, purpose: string, rule: ThrottleRule): Promise<ThrottleKey> {
  const ip = req.headers.get('cf-connecting-ip') ?? 'local';
  const network = ip.includes(':') ? ip.split(':').slice(0, 4).join(':') : ip;
  return { key: `${purpose}:${await sha256Hex(network)}`, rule };
}

/** Seconds to wait when any key is over its limit, else null. */
export async function retryAfter(db: D1Database, keys: ThrottleKey[], now = Date.now()): Promise<number | null> {
  if (keys.length === 0) return null;
  const { results } = await db
    .prepare(`SELECT key, attempts, window_start FROM auth_throttle WHERE key IN (${keys.map(() => '?').join(', ')})`)
    .bind(...keys.map((k) => k.key))
    .all<{ key: string; attempts: number; window_start: number }>();
  let wait = 0;
  for (const row of results) {
    const rule = keys.find((k) => k.key === row.key)!.rule;
    const ends = row.window_start + rule.windowMs;
    if (ends > now && row.attempts >= rule.limit) wait = Math.max(wait, Math.ceil((ends - now) / 1000));
  }
  return wait > 0 ? wait : null;
}

/** Counts one attempt against each key (a window that has ended starts afresh). */
export function countAttempt(db: D1Database, keys: ThrottleKey[], now = Date.now()): D1PreparedStatement[] {
  return keys.map((k) =>
    db
      .prepare(
        `INSERT INTO auth_throttle (key, attempts, window_start) VALUES (?1, 1, ?2)
         ON CONFLICT (key) DO UPDATE SET
           attempts = CASE WHEN window_start <= ?3 THEN 1 ELSE attempts + 1 END,
           window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END`,
      )
      .bind(k.key, now, now - k.rule.windowMs),
  );
}

export function clearAttempts(db: D1Database, key: ThrottleKey): D1PreparedStatement {
  return db.prepare('DELETE FROM auth_throttle WHERE key = ?').bind(key.key);
}
