/**
 * Where a case stands against one deadline, for dashboards, notifications and the `sla_state`
 * column (the D1 CHECK constraint is built from {@link slaStates}).
 *
 * Product rules: at 50 % of the time used the assignee is warned; at 75 % the assignee and the
 * supervisor; after the deadline the supervisor and the oversight unit (repeated, see
 * `SlaClock.nextEscalationAt`). While the clock is paused (補正, force majeure) none of this runs.
 *
 * The functions here are calendar-free (wall time). Legal deadlines should use
 * `slaClock(calendar).warningAt` / `.stateAt`, which measure the fractions in working time and
 * pass the resulting instants to {@link slaStateAt}.
 */
import { checkFraction, checkInstant, checkSpan } from './checks';

/** Every state, in escalation order (`paused` last: it overrides the others). */
export const slaStates = ['on_track', 'warned_50', 'warned_75', 'breached', 'paused'] as const;

export type SlaState = (typeof slaStates)[number];

/** The fractions of the time at which warnings go out. */
export const slaWarningFractions = [0.5, 0.75] as const;

export type SlaWarningFraction = (typeof slaWarningFractions)[number];

export function isSlaState(value: unknown): value is SlaState {
  return typeof value === 'string' && (slaStates as readonly string[]).includes(value);
}

/**
 * Wall-time warning instant: `startMs + floor((dueMs - startMs) * fraction)`. Exact for seconds
 * periods (the products of spans below 2^50 ms by 0.5 and 0.75 are exact doubles). For legal periods
 * it would count nights, weekends and holidays as time used, so they use the working-time variant.
 */
export function warningAt(startMs: number, dueMs: number, fraction: SlaWarningFraction): number {
  checkSpan(startMs, dueMs);
  checkFraction(fraction);
  return startMs + Math.floor((dueMs - startMs) * fraction);
}

export interface SlaStateInput {
  /** When the clock started (the receipt instant, or the shifted start after a pause). */
  readonly startMs: number;
  /** Deadline instant: met by anything at or before it. */
  readonly dueMs: number;
  readonly nowMs: number;
  /** The clock is stopped (補正 or force majeure): overrides every other state, even `breached`. */
  readonly paused: boolean;
  /** 50 % warning instant; default `warningAt(startMs, dueMs, 0.5)` (wall time). */
  readonly warn50AtMs?: number;
  /** 75 % warning instant; default `warningAt(startMs, dueMs, 0.75)` (wall time). */
  readonly warn75AtMs?: number;
}

/**
 * Classifies `nowMs`: `paused` if paused; else `breached` strictly after `dueMs` (at `dueMs` the
 * deadline is still met); else `warned_75` / `warned_50` from the warning instant on (inclusive);
 * else `on_track` (including any instant before `startMs`).
 */
export function slaStateAt(input: SlaStateInput): SlaState {
  const { startMs, dueMs, nowMs, paused } = input;
  checkSpan(startMs, dueMs);
  checkInstant('nowMs', nowMs);
  if (typeof paused !== 'boolean') throw new TypeError(`paused must be a boolean, got ${String(paused)}.`);
  const warn50 = input.warn50AtMs ?? warningAt(startMs, dueMs, 0.5);
  const warn75 = input.warn75AtMs ?? warningAt(startMs, dueMs, 0.75);
  checkInstant('warn50AtMs', warn50);
  checkInstant('warn75AtMs', warn75);
  if (!(startMs <= warn50 && warn50 <= warn75 && warn75 <= dueMs)) {
    throw new RangeError(
      `Warning instants must satisfy startMs <= warn50AtMs <= warn75AtMs <= dueMs, got ` +
        `${startMs}, ${warn50}, ${warn75}, ${dueMs}.`,
    );
  }
  if (paused) return 'paused';
  if (nowMs > dueMs) return 'breached';
  if (nowMs >= warn75) return 'warned_75';
  if (nowMs >= warn50) return 'warned_50';
  return 'on_track';
}
