/** Petitions use the platform's identity level (domain/identity.ts); kept as the leg's name for it. */
export { identityLevels, meetsLevel as meetsIdentityLevel } from '../identity';
export type { IdentityLevel } from '../identity';
