/**
 * Period notation used in reference data, workflow inputs and the CLI:
 *   `30d`  30 calendar days      (1..3650)
 *   `3wd`  3 working days        (1..3650)
 *   `2mo`  2 months              (1..120)
 * Strict: lowercase unit, no sign, no leading zeros, no spaces.
 */

export type PeriodUnit = 'd' | 'wd' | 'mo';

export interface Period {
  readonly unit: PeriodUnit;
  readonly n: number;
}

export const PERIOD_LIMITS: Readonly<Record<PeriodUnit, number>> = { d: 3650, wd: 3650, mo: 120 };

export type PeriodErrorCode = 'syntax' | 'range';

/** Thrown by {@link parsePeriod} / {@link formatPeriod} for malformed or out-of-range periods. */
export class InvalidPeriodError extends Error {
  override readonly name = 'InvalidPeriodError';
  /** The rejected input, as given. */
  readonly input: unknown;
  readonly code: PeriodErrorCode;
  constructor(input: unknown, code: PeriodErrorCode, message: string) {
    super(message);
    this.input = input;
    this.code = code;
  }
}

const PERIOD_RE = /^(0|[1-9][0-9]*)(d|wd|mo)$/; // '0d' parses, then fails the range check
const UNIT_NAMES: Readonly<Record<PeriodUnit, string>> = {
  d: 'calendar days',
  wd: 'working days',
  mo: 'months',
};

function checkRange(input: unknown, unit: PeriodUnit, n: number): void {
  const max = PERIOD_LIMITS[unit];
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new InvalidPeriodError(
      input,
      'range',
      `Invalid period ${JSON.stringify(input)}: ${UNIT_NAMES[unit]} must be between 1 and ${max}.`,
    );
  }
}

/** Parses `"30d"`, `"3wd"` or `"2mo"`; throws {@link InvalidPeriodError} otherwise. */
export function parsePeriod(input: string): Period {
  const m = typeof input === 'string' ? PERIOD_RE.exec(input) : null;
  if (!m) {
    throw new InvalidPeriodError(
      input,
      'syntax',
      `Invalid period ${JSON.stringify(input)}: expected a positive whole number followed by ` +
        `'d' (calendar days), 'wd' (working days) or 'mo' (months), e.g. '30d', '3wd', '2mo'.`,
    );
  }
  const unit = m[2] as PeriodUnit;
  const n = Number(m[1]);
  checkRange(input, unit, n);
  return { unit, n };
}

/** Inverse of {@link parsePeriod}: `{ unit: 'wd', n: 3 }` → `"3wd"`. Validates like the parser. */
export function formatPeriod(period: Period): string {
  const { unit, n } = period;
  if (unit !== 'd' && unit !== 'wd' && unit !== 'mo') {
    throw new InvalidPeriodError(period, 'syntax', `Invalid period unit ${JSON.stringify(unit)}.`);
  }
  checkRange(period, unit, n);
  return `${n}${unit}`;
}
