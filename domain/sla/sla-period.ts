/**
 * SLA durations as data.
 *
 * Production case types use the legal notation of {@link parsePeriod} (`30d`, `3wd`, `2mo`), which
 * resolves to whole Taipei calendar days. Workflow tests on a real Temporal server cannot wait days,
 * so the same configuration slots also accept a seconds notation `Ns` (N = 1..86400), meaning
 * "exactly N seconds of wall time, no calendar". Seconds periods are for tests and demos only.
 *
 * The two kinds must never be mixed within one case (a seconds pause rule on a legal deadline would
 * shift an end-of-day deadline to a random millisecond): {@link commonSlaKind} validates a set of
 * periods up front, and the clock refuses mixed inputs where it can tell.
 */
import { InvalidPeriodError, formatPeriod, parsePeriod, type Period } from '../deadlines/period';

export type SlaPeriod =
  | { readonly kind: 'legal'; readonly period: Period }
  | { readonly kind: 'seconds'; readonly seconds: number };

export type SlaPeriodKind = SlaPeriod['kind'];

/** Largest seconds period (one day): enough for any test or demo, too short to pass for a legal period. */
export const SLA_SECONDS_MAX = 86_400;

export type SlaPeriodErrorCode = 'syntax' | 'range';

/** Thrown by {@link parseSlaPeriod} / {@link formatSlaPeriod} for malformed or out-of-range periods. */
export class InvalidSlaPeriodError extends Error {
  override readonly name = 'InvalidSlaPeriodError';
  /** The rejected input, as given. */
  readonly input: unknown;
  readonly code: SlaPeriodErrorCode;
  constructor(input: unknown, code: SlaPeriodErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.input = input;
    this.code = code;
  }
}

/**
 * Thrown when one computation receives periods or instants of different kinds (e.g. a `5s`
 * escalation repeat configured next to a `2mo` resolution period, or a seconds-kind due instant
 * handed to a legal computation).
 */
export class SlaKindMismatchError extends Error {
  override readonly name = 'SlaKindMismatchError';
  constructor(message: string) {
    super(message);
  }
}

const SECONDS_RE = /^(0|[1-9][0-9]*)s$/; // '0s' parses, then fails the range check

function checkSeconds(input: unknown, seconds: number): void {
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > SLA_SECONDS_MAX) {
    throw new InvalidSlaPeriodError(
      input,
      'range',
      `Invalid SLA period ${JSON.stringify(input)}: seconds must be a whole number between 1 and ${SLA_SECONDS_MAX}.`,
    );
  }
}

function fromPeriodError(input: unknown, err: InvalidPeriodError): InvalidSlaPeriodError {
  const message =
    err.code === 'syntax'
      ? `Invalid SLA period ${JSON.stringify(input)}: expected a legal period ('30d' calendar days, ` +
        `'3wd' working days, '2mo' months) or, for tests and demos only, seconds ('90s', 1..${SLA_SECONDS_MAX}).`
      : err.message.replace(/^Invalid period/, 'Invalid SLA period');
  return new InvalidSlaPeriodError(input, err.code, message, { cause: err });
}

/**
 * Parses `"30d"`, `"3wd"`, `"2mo"` (legal) or `"90s"` (seconds). Strict like {@link parsePeriod}:
 * lowercase unit, no sign, no leading zeros, no spaces. Throws {@link InvalidSlaPeriodError}.
 */
export function parseSlaPeriod(input: string): SlaPeriod {
  if (typeof input === 'string') {
    const m = SECONDS_RE.exec(input);
    if (m) {
      const seconds = Number(m[1]);
      checkSeconds(input, seconds);
      return { kind: 'seconds', seconds };
    }
  }
  try {
    return { kind: 'legal', period: parsePeriod(input) };
  } catch (err) {
    if (err instanceof InvalidPeriodError) throw fromPeriodError(input, err);
    throw err;
  }
}

/**
 * Inverse of {@link parseSlaPeriod}: `{ kind: 'seconds', seconds: 90 }` → `"90s"`. Validates like
 * the parser, so it doubles as the run-time check for periods arriving as untyped JSON.
 */
export function formatSlaPeriod(period: SlaPeriod): string {
  const kind = (period as { kind?: unknown } | null)?.kind;
  if (kind === 'seconds') {
    const { seconds } = period as { seconds: number };
    checkSeconds(period, seconds);
    return `${seconds}s`;
  }
  if (kind === 'legal') {
    try {
      return formatPeriod((period as { period: Period }).period);
    } catch (err) {
      if (err instanceof InvalidPeriodError) throw fromPeriodError(period, err);
      throw err;
    }
  }
  throw new InvalidSlaPeriodError(
    period,
    'syntax',
    `Invalid SLA period ${JSON.stringify(period)}: kind must be 'legal' or 'seconds'.`,
  );
}

/**
 * The single kind shared by a named set of periods (typically one case type's SLA configuration:
 * acknowledgement, resolution, escalation repeat, transfer window…). Validates every period and
 * throws {@link SlaKindMismatchError} naming the first one of a different kind, so a mixed
 * configuration is refused when it is loaded, not half-way through a case.
 */
export function commonSlaKind(periods: Readonly<Record<string, SlaPeriod>>): SlaPeriodKind {
  let first: { name: string; kind: SlaPeriodKind } | null = null;
  for (const [name, period] of Object.entries(periods)) {
    const text = formatSlaPeriod(period);
    if (first === null) {
      first = { name, kind: period.kind };
    } else if (period.kind !== first.kind) {
      throw new SlaKindMismatchError(
        `SLA periods mix kinds: ${first.name} is ${first.kind} but ${name} (${text}) is ${period.kind}; ` +
          `use legal periods ('3wd', '30d', '2mo') or seconds ('90s') throughout.`,
      );
    }
  }
  if (first === null) throw new RangeError('commonSlaKind: no periods given.');
  return first.kind;
}
