/** Run-time checks shared by the SLA functions (their inputs often arrive as untyped JSON). */

/** Validates an epoch-millisecond instant (a safe integer); every SLA function takes these. */
export function checkInstant(name: string, ms: number): void {
  if (!Number.isSafeInteger(ms)) {
    throw new RangeError(`${name} must be an integer number of epoch milliseconds, got ${ms}.`);
  }
}

export function checkSpan(startMs: number, dueMs: number): void {
  checkInstant('startMs', startMs);
  checkInstant('dueMs', dueMs);
  if (dueMs < startMs) throw new RangeError(`dueMs (${dueMs}) is before startMs (${startMs}).`);
}

export function checkFraction(fraction: number): void {
  if (fraction !== 0.5 && fraction !== 0.75) {
    throw new RangeError(`Warning fraction must be 0.5 or 0.75, got ${fraction}.`);
  }
}
