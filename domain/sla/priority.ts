/**
 * Priority tiers of official documents (公文速別, as in the 文書處理手冊): 最速件, 速件, 普通件,
 * with default processing periods of 1, 3 and 6 working days. The defaults are data: a case type
 * may override them (and tests substitute seconds periods), which is why they are `SlaPeriod`s.
 */
import { parseSlaPeriod, type SlaPeriod } from './sla-period';

/** Most urgent first; stored as-is in D1 (CHECK constraint) and in workflow payloads. */
export const priorityTiers = ['most_urgent', 'urgent', 'normal'] as const;

export type PriorityTier = (typeof priorityTiers)[number];

/** Official zh-TW names, for display and for parsing imported documents. */
export const PRIORITY_TIER_NAMES_ZH: Readonly<Record<PriorityTier, string>> = Object.freeze({
  most_urgent: '最速件',
  urgent: '速件',
  normal: '普通件',
});

/** Default processing period of each tier. */
export const PRIORITY_TIER_DEFAULT_PERIODS: Readonly<Record<PriorityTier, SlaPeriod>> = Object.freeze({
  most_urgent: Object.freeze(parseSlaPeriod('1wd')),
  urgent: Object.freeze(parseSlaPeriod('3wd')),
  normal: Object.freeze(parseSlaPeriod('6wd')),
});

/** Thrown by {@link parsePriorityTier} for anything that is not a tier code or zh-TW name. */
export class InvalidPriorityTierError extends Error {
  override readonly name = 'InvalidPriorityTierError';
  readonly input: unknown;
  constructor(input: unknown) {
    super(
      `Invalid priority tier ${JSON.stringify(input)}: expected one of ${priorityTiers.join(', ')} ` +
        `or ${priorityTiers.map((t) => PRIORITY_TIER_NAMES_ZH[t]).join('、')}.`,
    );
    this.input = input;
  }
}

export function isPriorityTier(value: unknown): value is PriorityTier {
  return typeof value === 'string' && (priorityTiers as readonly string[]).includes(value);
}

/** Accepts a tier code (`urgent`) or its exact zh-TW name (`速件`). */
export function parsePriorityTier(input: string): PriorityTier {
  if (isPriorityTier(input)) return input;
  const tier = priorityTiers.find((t) => PRIORITY_TIER_NAMES_ZH[t] === input);
  if (tier === undefined) throw new InvalidPriorityTierError(input);
  return tier;
}
