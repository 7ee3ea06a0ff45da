/**
 * The outcome of a check that can fail in expected ways (malformed drafts, invalid periods,
 * passages outside an article…). Expected failures are values, not exceptions: the caller shows
 * every problem at once (with its stable `code`) instead of catching the first one.
 * Exceptions remain for programming errors (e.g. a non-integer instant).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly E[] };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<E>(errors: readonly E[]): { readonly ok: false; readonly errors: readonly E[] } {
  return { ok: false, errors };
}
