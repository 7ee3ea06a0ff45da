/**
 * What the dashboard needs to know about a case once it is answered: whether the answer was on
 * time, and how many working days it took (official calendar). Computed once, when the
 * projection arrives, so that aggregations stay plain SQL over 100,000s of cases.
 */
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { workingMsBetween } from '../../domain/sla/working-time';
import type { CaseSnapshot } from '../../workflows/case/contract';

export type MissedDeadline = 'ack' | 'answer' | 'ack_and_answer';

export interface CaseOutcome {
  outcome: 'met' | 'breached' | 'not_processed' | null;
  handlingWorkingDays: number | null;
  /** Which legal deadline an answered case missed: a missed acknowledgement is a breach too. */
  missedDeadline?: MissedDeadline | null;
}

const calendar = twOfficialCalendar();
const DAY_MS = 86_400_000;

export function caseOutcome(s: CaseSnapshot): CaseOutcome {
  if (s.state === 'not_processed') return { outcome: 'not_processed', handlingWorkingDays: null };
  if ((s.state === 'replied' || s.state === 'closed') && s.repliedAt) {
    const received = Date.parse(s.receivedAt);
    const replied = Date.parse(s.repliedAt);
    const days = replied > received ? workingMsBetween(calendar, received, replied) / DAY_MS : 0;
    const answerMissed = replied > Date.parse(s.resolutionDueAt);
    const ackMissed = s.ackMissed === true;
    const missedDeadline = ackMissed && answerMissed ? 'ack_and_answer' : ackMissed ? 'ack' : answerMissed ? 'answer' : null;
    return {
      outcome: missedDeadline ? 'breached' : 'met',
      handlingWorkingDays: Math.round(days * 100) / 100,
      missedDeadline,
    };
  }
  return { outcome: null, handlingWorkingDays: null };
}
