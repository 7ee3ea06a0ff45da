import { isPlainDate } from '../../domain/calendar/plain-date';
import { parseSlaPeriod } from '../../domain/sla/sla-period';
import type { ConsultationWorkflowInput } from './contract';

/**
 * Checks a start payload before the workflow relies on it (it arrives over HTTP from the edge's
 * outbox): a malformed one fails the run clearly instead of crashing a task forever.
 */
export function checkConsultationWorkflowInput(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return ['input must be an object'];
  const i = input as Partial<Record<keyof ConsultationWorkflowInput, unknown>>;
  const problems: string[] = [];
  for (const key of ['consultationId', 'agencyId', 'opensAt', 'closesAt', 'responsePeriod'] as const) {
    if (typeof i[key] !== 'string' || (i[key] as string).length === 0) problems.push(`${key} must be a non-empty string`);
  }
  for (const key of ['opensAt', 'closesAt'] as const) {
    if (typeof i[key] === 'string' && Number.isNaN(Date.parse(i[key] as string))) problems.push(`${key} must be an ISO instant`);
  }
  if (typeof i.opensAt === 'string' && typeof i.closesAt === 'string' && !(Date.parse(i.opensAt) < Date.parse(i.closesAt))) {
    problems.push('closesAt must be after opensAt');
  }
  if (typeof i.responsePeriod === 'string') {
    try {
      parseSlaPeriod(i.responsePeriod);
    } catch (e) {
      problems.push(`responsePeriod: ${(e as Error).message}`);
    }
  }
  if (!Array.isArray(i.closures) || !i.closures.every(isPlainDate)) problems.push('closures must be an array of YYYY-MM-DD dates');
  return problems;
}
