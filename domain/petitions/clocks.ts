/**
 * The petition's clocks on the SLA clock of `domain/sla`: the staff review period, the
 * endorsement window and the agency's response period, with the 50 % / 75 % warnings and the
 * one public extension. Nothing here re-implements a period: it is all `SlaClock`.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { type SlaClock, slaClock } from '../sla/sla-clock';
import type { SlaPeriod } from '../sla/sla-period';
import { type QuietPeriod, windowEnd } from './quiet-periods';

export interface Deadline {
  readonly startMs: number;
  readonly dueMs: number;
  readonly warn50AtMs: number;
  readonly warn75AtMs: number;
}

export type ExtensionRefusal = 'already_extended' | 'after_expiry' | 'longer_than_original' | 'kind_mismatch';

export class PetitionClocks {
  readonly clock: SlaClock;
  constructor(calendar: BusinessCalendar) {
    this.clock = slaClock(calendar);
  }

  /** A deadline with its warnings: review (reviewers warned) and response (agency warned). */
  deadline(startMs: number, period: SlaPeriod): Deadline {
    const dueMs = this.clock.dueAt(startMs, period);
    return {
      startMs,
      dueMs,
      warn50AtMs: this.clock.warningAt(startMs, dueMs, 0.5, period.kind),
      warn75AtMs: this.clock.warningAt(startMs, dueMs, 0.75, period.kind),
    };
  }

  /** When the endorsement window closes, after any quiet periods it overlaps. */
  endorsementWindowEnd(openedMs: number, window: SlaPeriod, quiet: readonly QuietPeriod[]): number {
    return windowEnd(openedMs, this.clock.dueAt(openedMs, window), quiet, window.kind);
  }

  /**
   * The one public extension of the response deadline: decided before expiry, with a reason
   * (the caller checks the text), no longer than the original period. The warnings start over
   * within the new window, which runs from the old due instant.
   */
  extendResponse(
    original: Deadline,
    period: SlaPeriod,
    responsePeriod: SlaPeriod,
    decidedAtMs: number,
    alreadyExtended: boolean,
  ): { ok: true; deadline: Deadline } | { ok: false; reason: ExtensionRefusal } {
    if (alreadyExtended) return { ok: false, reason: 'already_extended' };
    const r = this.clock.extend(original.startMs, original.dueMs, period, decidedAtMs, responsePeriod);
    if (!r.ok) return { ok: false, reason: r.reason };
    return {
      ok: true,
      deadline: {
        startMs: original.dueMs,
        dueMs: r.dueMs,
        warn50AtMs: this.clock.warningAt(original.dueMs, r.dueMs, 0.5, period.kind),
        warn75AtMs: this.clock.warningAt(original.dueMs, r.dueMs, 0.75, period.kind),
      },
    };
  }

  /** Whole days left until an instant, rounded up, never negative (for "days left"). */
  static daysLeft(nowMs: number, endMs: number): number {
    return Math.max(0, Math.ceil((endMs - nowMs) / 86_400_000));
  }
}
