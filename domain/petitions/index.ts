/** The petition leg's pure rules: settings, identity levels, thresholds, quiet periods, clocks. */
export { THRESHOLD_MAX, checkPetitionSettings, defaultPetitionSettings, settingsPeriod } from './settings';
export type { PetitionSettings } from './settings';
export { identityLevels, meetsIdentityLevel } from './identity';
export type { IdentityLevel } from './identity';
export { progressTowards, thresholdReached } from './threshold';
export type { Progress } from './threshold';
export { inQuietPeriod, mergeQuietPeriods, suspendedMsBetween, windowEnd } from './quiet-periods';
export type { QuietPeriod } from './quiet-periods';
export { PetitionClocks } from './clocks';
export type { Deadline, ExtensionRefusal } from './clocks';
