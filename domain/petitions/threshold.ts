/**
 * Endorsement counts against the threshold. Integers only: a count decides an outcome, so no
 * floating-point share ever decides anything (the percentage is for display).
 */

export function thresholdReached(validCount: number, threshold: number): boolean {
  checkCount(validCount, 'validCount');
  checkCount(threshold, 'threshold');
  return validCount >= threshold;
}

export interface Progress {
  readonly count: number;
  readonly threshold: number;
  /** Endorsements still needed (0 once reached). */
  readonly remaining: number;
  /** Whole percent towards the threshold, floored and capped at 100 (99 until truly reached). */
  readonly percent: number;
  readonly reached: boolean;
}

export function progressTowards(validCount: number, threshold: number): Progress {
  const reached = thresholdReached(validCount, threshold);
  return {
    count: validCount,
    threshold,
    remaining: reached ? 0 : threshold - validCount,
    percent: reached ? 100 : Math.floor((validCount * 100) / threshold),
    reached,
  };
}

function checkCount(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative whole number, got ${n}.`);
}
