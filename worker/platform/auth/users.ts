import type { IdentityLevel } from '../identity';

export type Role = 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin';
export type Locale = 'zh-TW' | 'en';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  locale: Locale;
  /** A registered community helper (資訊代理人) who may file for others with their consent. */
  helper: boolean;
  /** Staff of an oversight (研考) unit: their agency oversees others (dashboard, escalations). */
  oversees: boolean;
  /** What the person has proved: e-mail address, or identity (admin verification today). */
  identityLevel: IdentityLevel;
}

/** Selects a user row with its derived `oversees` flag; `u` is the users alias. */
export const USER_COLUMNS = `u.*, EXISTS (SELECT 1 FROM agencies o WHERE o.oversight_agency_id = u.agency_id) AS oversees`;

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  agency_id: string | null;
  locale: Locale;
  helper: number;
  oversees?: number;
  identity_level?: IdentityLevel;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    locale: row.locale,
    helper: row.helper === 1,
    oversees: row.oversees === 1,
    identityLevel: row.identity_level ?? 'none',
  };
}

export async function findUserByEmail(
  db: D1Database,
  email: string,
): Promise<(SessionUser & { passwordHash: string }) | null> {
  const row = await db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`).bind(email).first<UserRow>();
  return row ? { ...toSessionUser(row), passwordHash: row.password_hash } : null;
}

export async function findUserById(db: D1Database, id: string): Promise<SessionUser | null> {
  const row = await db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`).bind(id).first<UserRow>();
  return row ? toSessionUser(row) : null;
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  locale: Locale;
  createdAt: string;
}

/** Returns false when the e-mail address is taken. */
export async function insertUser(db: D1Database, u: NewUser): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
    )
    .bind(u.id, u.email, u.passwordHash, u.displayName, u.role, u.agencyId, u.locale, u.createdAt)
    .run();
  return res.meta.changes === 1;
}

/** The reserved domain of placeholder addresses: accounts reached by phone or post, never by mail. */
export const OFFLINE_EMAIL_DOMAIN = 'accounts.invalid';

/**
 * The citizen account for an e-mail address or a phone number, created without a usable password
 * when missing (people filed for at a counter may never sign in; they can claim it later). A
 * citizen known only by a postal address gets a new account each time. Null when the e-mail
 * address or phone belongs to staff.
 */
export async function findOrCreateCitizen(
  db: D1Database,
  c: { email?: string; phone?: string; postalAddress?: string; displayName: string; now: string },
): Promise<{ id: string; created: boolean } | null> {
  const find = async () => {
    if (c.email) return findUserByEmail(db, c.email);
    if (c.phone) {
      const row = await db.prepare(`SELECT ${USER_COLUMNS} FROM users u WHERE u.phone = ?`).bind(c.phone).first<UserRow>();
      return row ? toSessionUser(row) : null;
    }
    return null;
  };
  const existing = await find();
  if (existing) return existing.role === 'citizen' ? { id: existing.id, created: false } : null;
  const id = crypto.randomUUID();
  const res = await db
    .prepare(
      `INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at, phone, postal_address)
       VALUES (?, ?, 'none', ?, 'citizen', NULL, 'zh-TW', ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .bind(id, c.email ?? `offline-${id}@${OFFLINE_EMAIL_DOMAIN}`, c.displayName, c.now, c.phone ?? null, c.postalAddress ?? null)
    .run();
  if (res.meta.changes === 1) return { id, created: true };
  const raced = await find();
  return raced?.role === 'citizen' ? { id: raced.id, created: false } : null;
}


export async function updateUserLocale(db: D1Database, id: string, locale: Locale): Promise<void> {
  await db.prepare('UPDATE users SET locale = ? WHERE id = ?').bind(locale, id).run();
}
