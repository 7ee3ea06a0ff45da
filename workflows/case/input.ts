import { checkCompactCalendar } from '../../domain/calendar/calendar-edition';
import { isPlainDate } from '../../domain/calendar/plain-date';
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import { type CaseWorkflowInput, defaultSlaRules, priorityTiers } from './contract';

/**
 * Checks a start payload before the workflow relies on it: inputs arrive over HTTP from the
 * edge's outbox, so a malformed one must fail the run clearly rather than crash a task forever.
 * Returns the list of problems (empty when valid).
 */
export function checkCaseWorkflowInput(input: unknown): string[] {
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null) return ['input must be an object'];
  const i = input as Partial<Record<keyof CaseWorkflowInput, unknown>>;
  for (const key of ['caseId', 'agencyId', 'serviceTypeCode', 'receivedAt', 'ackPeriod', 'resolutionPeriod'] as const) {
    if (typeof i[key] !== 'string' || (i[key] as string).length === 0) problems.push(`${key} must be a non-empty string`);
  }
  if (i.kind !== 'grievance' && i.kind !== 'application') problems.push('kind must be grievance or application');
  if (typeof i.receivedAt === 'string' && Number.isNaN(Date.parse(i.receivedAt))) problems.push('receivedAt must be an ISO instant');
  for (const key of ['ackPeriod', 'resolutionPeriod'] as const) {
    if (typeof i[key] === 'string') {
      try {
        parseSlaPeriod(i[key] as string);
      } catch (e) {
        problems.push(`${key}: ${(e as Error).message}`);
      }
    }
  }
  if (!Array.isArray(i.closures) || !i.closures.every(isPlainDate)) problems.push('closures must be an array of YYYY-MM-DD dates');
  if (i.sla !== undefined) {
    if (typeof i.sla !== 'object' || i.sla === null) problems.push('sla must be an object');
    else {
      for (const [rule, value] of Object.entries(i.sla as Record<string, unknown>)) {
        if (!(rule in defaultSlaRules)) problems.push(`sla.${rule} is not a rule`);
        else if (typeof value !== 'string') problems.push(`sla.${rule} must be a period`);
        else {
          try {
            parseSlaPeriod(value);
          } catch (e) {
            problems.push(`sla.${rule}: ${(e as Error).message}`);
          }
        }
      }
    }
  }
  if (i.calendar !== undefined) problems.push(...checkCompactCalendar(i.calendar));
  if (i.priority !== undefined && !(priorityTiers as readonly unknown[]).includes(i.priority)) {
    problems.push(`priority must be one of ${priorityTiers.join(', ')}`);
  }
  return problems;
}

/** Checks the calendar signal's payload (see {@link checkCaseWorkflowInput}). */
export function checkCalendarSignal(change: unknown): string[] {
  if (typeof change !== 'object' || change === null) return ['signal must be an object'];
  const c = change as Record<string, unknown>;
  const problems: string[] = [];
  if (c.reason !== 'calendar_revision' && c.reason !== 'office_closure') problems.push('reason must be calendar_revision or office_closure');
  if (c.calendar !== undefined) problems.push(...checkCompactCalendar(c.calendar));
  if (c.closures !== undefined && (!Array.isArray(c.closures) || c.closures.length > 366 || !c.closures.every(isPlainDate))) {
    problems.push('closures must be a list of YYYY-MM-DD dates');
  }
  return problems;
}
