/**
 * The platform's one identity level of an account, lowest first: nothing proved, its e-mail
 * address confirmed, the identity of a person verified (admin verification today, an identity
 * provider later). Every leg states the level it requires and compares with `meetsLevel`; the
 * SQL column `users.identity_level` has the same values (CHECK in migrations/0010).
 * Pure, so domain rules and the web components can share it; the worker reads it through
 * worker/platform/identity.ts.
 */
export const identityLevels = ['none', 'email_verified', 'verified_person'] as const;
export type IdentityLevel = (typeof identityLevels)[number];

/** Whether an account at `actual` may do what needs `required` (levels are ordered). */
export function meetsLevel(actual: IdentityLevel, required: IdentityLevel): boolean {
  return identityLevels.indexOf(actual) >= identityLevels.indexOf(required);
}

export function isIdentityLevel(value: unknown): value is IdentityLevel {
  return typeof value === 'string' && (identityLevels as readonly string[]).includes(value);
}
