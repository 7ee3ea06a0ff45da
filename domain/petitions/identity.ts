/**
 * Identity levels of accounts, lowest first. An admin verification sets them today, an identity
 * provider later; endorsing needs the level the platform setting names.
 */
export const identityLevels = ['none', 'email_verified', 'verified_person'] as const;
export type IdentityLevel = (typeof identityLevels)[number];

export function meetsIdentityLevel(have: IdentityLevel, need: IdentityLevel): boolean {
  return identityLevels.indexOf(have) >= identityLevels.indexOf(need);
}
