/**
 * Quiet periods: the platform suspends new petitions and endorsement windows for a set time
 * (Join pauses before national elections). A window that overlaps a quiet period is suspended
 * for the overlap and resumes afterwards, so it ends later by exactly that much time.
 */
import { endOfTaipeiDay, taipeiDateOf } from '../calendar/taipei-time';
import type { SlaPeriodKind } from '../sla/sla-period';

export interface QuietPeriod {
  /** Epoch ms, inclusive. */
  readonly fromMs: number;
  /** Epoch ms, exclusive. */
  readonly untilMs: number;
}

export function inQuietPeriod(nowMs: number, periods: readonly QuietPeriod[]): QuietPeriod | null {
  return periods.find((p) => p.fromMs <= nowMs && nowMs < p.untilMs) ?? null;
}

/**
 * The end of an endorsement window opened at `openedMs` whose unsuspended end is `baseEndMs`.
 * Quiet periods are applied in time order: each one that begins before the (already moved) end
 * pushes the end by the part of it that lies after the opening. Overlapping quiet periods are
 * merged first, so no time is counted twice. A legal window still ends at the end of a Taipei day.
 */
export function windowEnd(openedMs: number, baseEndMs: number, periods: readonly QuietPeriod[], kind: SlaPeriodKind): number {
  if (baseEndMs < openedMs) throw new RangeError('baseEndMs is before openedMs.');
  let end = baseEndMs;
  for (const p of mergeQuietPeriods(periods)) {
    if (p.untilMs <= openedMs || p.fromMs >= end) continue;
    const from = Math.max(p.fromMs, openedMs);
    end += p.untilMs - from;
  }
  return kind === 'legal' && end !== baseEndMs ? endOfTaipeiDay(taipeiDateOf(end)) : end;
}

/** Sorted, with overlapping or touching periods joined; empty periods dropped. */
export function mergeQuietPeriods(periods: readonly QuietPeriod[]): QuietPeriod[] {
  const sorted = periods.filter((p) => p.untilMs > p.fromMs).sort((a, b) => a.fromMs - b.fromMs);
  const out: { fromMs: number; untilMs: number }[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.fromMs <= last.untilMs) last.untilMs = Math.max(last.untilMs, p.untilMs);
    else out.push({ fromMs: p.fromMs, untilMs: p.untilMs });
  }
  return out;
}

/** Suspended time of a window between `openedMs` and `nowMs` (for "days left" displays). */
export function suspendedMsBetween(openedMs: number, nowMs: number, periods: readonly QuietPeriod[]): number {
  let total = 0;
  for (const p of mergeQuietPeriods(periods)) {
    const from = Math.max(p.fromMs, openedMs);
    const until = Math.min(p.untilMs, nowMs);
    if (until > from) total += until - from;
  }
  return total;
}
