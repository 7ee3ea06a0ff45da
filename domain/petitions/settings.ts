/**
 * Platform settings of the petition leg. Every duration is data in the SLA notation ('60d',
 * '5wd', '2mo', or seconds such as '20s' for tests and demos), so the same rules run in real
 * time in tests.
 */
import { InvalidSlaPeriodError, parseSlaPeriod, type SlaPeriod, type SlaPeriodKind } from '../sla/sla-period';
import { identityLevels, type IdentityLevel } from './identity';

export interface PetitionSettings {
  /** Valid endorsements that pass a petition (Join: 5,000). */
  readonly threshold: number;
  /** Staff review of a submitted petition (default 5 working days). */
  readonly reviewPeriod: string;
  /** How long a published petition collects endorsements (default 60 days). */
  readonly endorsementWindow: string;
  /** The competent agency's time for its point-by-point response (default 60 days). */
  readonly responsePeriod: string;
  /** A responded petition closes by itself after this long (a meeting can be recorded until then). */
  readonly closeAfter: string;
  /** What an account must have proved to endorse (default: a verified person). */
  readonly endorseLevel: IdentityLevel;
}

export const defaultPetitionSettings: PetitionSettings = {
  threshold: 5000,
  reviewPeriod: '5wd',
  endorsementWindow: '60d',
  responsePeriod: '60d',
  closeAfter: '30d',
  endorseLevel: 'verified_person',
};

export const THRESHOLD_MAX = 10_000_000;
const periodKeys = ['reviewPeriod', 'endorsementWindow', 'responsePeriod', 'closeAfter'] as const;

/**
 * Problems with a settings object (empty when valid): positive whole threshold, parseable
 * periods, all of one kind (legal or seconds, never mixed), a known identity level.
 */
export function checkPetitionSettings(s: PetitionSettings): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(s.threshold) || s.threshold < 1 || s.threshold > THRESHOLD_MAX) {
    problems.push(`threshold must be a whole number between 1 and ${THRESHOLD_MAX}`);
  }
  const kinds = new Set<SlaPeriodKind>();
  for (const key of periodKeys) {
    try {
      kinds.add(parseSlaPeriod(s[key]).kind);
    } catch (e) {
      problems.push(`${key}: ${e instanceof InvalidSlaPeriodError ? e.message : 'not a period'}`);
    }
  }
  if (kinds.size > 1) problems.push('periods must all be legal periods or all seconds, not mixed');
  if (!identityLevels.includes(s.endorseLevel)) problems.push(`endorseLevel must be one of ${identityLevels.join(', ')}`);
  return problems;
}

/** Parses a settings period; callers have checked the settings. */
export function settingsPeriod(s: PetitionSettings, key: (typeof periodKeys)[number]): SlaPeriod {
  return parseSlaPeriod(s[key]);
}

/**
 * Endorsement confirmation by e-mail (a platform setting, not fixed per petition: it decides how
 * an endorsement is checked, not when a petition passes). 'off' is Taiwan's Join: only accounts
 * at the petition's identity level endorse, and at once. 'below_level' lets accounts below that
 * level endorse too, pending until they confirm the e-mailed link; 'always' does the same and
 * holds every other endorsement until confirmed as well (the UK petitions site).
 */
export const emailConfirmationModes = ['off', 'below_level', 'always'] as const;
export type EmailConfirmationMode = (typeof emailConfirmationModes)[number];

export interface EndorsementConfirmationSettings {
  readonly emailConfirmation: EmailConfirmationMode;
  /** How long the e-mailed link stays valid (seconds, so tests can use a few). */
  readonly confirmationSeconds: number;
}

export const defaultConfirmationSettings: EndorsementConfirmationSettings = { emailConfirmation: 'off', confirmationSeconds: 3 * 86_400 };
export const CONFIRMATION_SECONDS_MAX = 30 * 86_400;
