/**
 * The rules of a budget round as a plain deterministic state machine: which phase comes next,
 * when the current phase ends, and whether an extension is allowed. The workflow only drives it
 * (timers, activities), so the rules are testable without Temporal.
 */
import type { ExtendPhaseInput, RoundPhase, RoundSchedule, TimedPhase } from './contract';
import { timedPhases } from './contract';

export class RoundRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoundRuleError';
  }
}

const next: Record<RoundPhase, RoundPhase | null> = {
  proposals: 'review',
  review: 'voting',
  voting: 'tallying',
  tallying: 'results',
  results: 'implementation',
  implementation: null,
};

const MAX_REASON = 500;

export function isTimedPhase(phase: RoundPhase): phase is TimedPhase {
  return (timedPhases as readonly string[]).includes(phase);
}

/** Problems with a schedule: every instant valid and each phase ending after the one before. */
export function checkSchedule(schedule: RoundSchedule): string[] {
  const problems: string[] = [];
  let previous = -Infinity;
  for (const phase of timedPhases) {
    const at = Date.parse(schedule[phase]);
    if (Number.isNaN(at)) problems.push(`${phase} end is not a date-time`);
    else if (at <= previous) problems.push(`${phase} must end after the phase before it`);
    else previous = at;
  }
  return problems;
}

export class RoundProcess {
  private phaseNow: RoundPhase;
  private readonly ends: RoundSchedule;

  constructor(schedule: RoundSchedule, now: number) {
    this.ends = { ...schedule };
    // A round created with past dates starts where its calendar says it is.
    let phase: RoundPhase = 'proposals';
    while (isTimedPhase(phase) && phase !== 'results' && Date.parse(this.ends[phase]) <= now) phase = next[phase]!;
    this.phaseNow = phase;
  }

  get phase(): RoundPhase {
    return this.phaseNow;
  }

  get schedule(): RoundSchedule {
    return { ...this.ends };
  }

  get finished(): boolean {
    return this.phaseNow === 'implementation';
  }

  /** When the current phase ends by the clock; null while tallying (it ends when the tally is stored). */
  endsAt(): number | null {
    return isTimedPhase(this.phaseNow) ? Date.parse(this.ends[this.phaseNow]) : null;
  }

  /** Moves to the next phase. */
  advance(): RoundPhase {
    const to = next[this.phaseNow];
    if (!to) throw new RoundRuleError('The round is already in its last phase.');
    this.phaseNow = to;
    return to;
  }

  validateExtend(input: ExtendPhaseInput, now: number): void {
    const reason = input.reason.trim();
    if (reason.length === 0 || reason.length > MAX_REASON) throw new RoundRuleError(`The public reason must have 1 to ${MAX_REASON} characters.`);
    if (input.phase !== this.phaseNow) throw new RoundRuleError(`Only the current phase (${this.phaseNow}) can be extended, not ${input.phase}.`);
    const currentEnd = Date.parse(this.ends[input.phase]);
    if (now >= currentEnd) throw new RoundRuleError(`The ${input.phase} phase has already ended.`);
    const until = Date.parse(input.until);
    if (Number.isNaN(until)) throw new RoundRuleError('until is not a date-time.');
    if (until <= currentEnd) throw new RoundRuleError(`The new end must be later than the current end ${this.ends[input.phase]}.`);
    // Later phases keep their length relative to the new end, so the calendar stays consistent.
  }

  extend(input: ExtendPhaseInput, now: number): void {
    this.validateExtend(input, now);
    const shift = Date.parse(input.until) - Date.parse(this.ends[input.phase]);
    let moving = false;
    for (const phase of timedPhases) {
      if (phase === input.phase) moving = true;
      if (moving) this.ends[phase] = new Date(Date.parse(this.ends[phase]) + shift).toISOString();
    }
    this.ends[input.phase] = new Date(Date.parse(input.until)).toISOString();
  }
}
