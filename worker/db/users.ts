export type Role = 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin';
export type Locale = 'zh-TW' | 'en';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string | null;
  locale: Locale;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  agency_id: string | null;
  locale: Locale;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    locale: row.locale,
  };
}

export async function findUserByEmail(
  db: D1Database,
  email: string,
): Promise<(SessionUser & { passwordHash: string }) | null> {
  const row = await db.prepare('SELECT * FROM users WHERE email = ?').bind(email).first<UserRow>();
  return row ? { ...toSessionUser(row), passwordHash: row.password_hash } : null;
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
