/**
 * Office closures and calendar revisions reach running cases: one outbox row per open case
 * that the change concerns, written by a single set-based statement in the same batch as the
 * change. The drain sends each as the workflow's calendar signal; the workflow moves the
 * deadlines that now fall on a day off and tells the citizen.
 */
import { type CalendarChangedSignal, caseSignals, openCaseStates } from '../../workflows/case/contract';
import type { CalendarChangeHook } from '../platform/calendar-changes';

/** Open states as SQL literals: constants from the contract, never input. */
const openList = openCaseStates.map((s) => `'${s}'`).join(', ');

export const caseCalendarSignals: CalendarChangeHook = (db, change) => {
  const signal: CalendarChangedSignal =
    change.kind === 'office_closure'
      ? { reason: 'office_closure', closures: [change.date] }
      : { reason: 'calendar_revision', calendar: change.calendar };
  const suffix = change.kind === 'office_closure' ? `closure:${change.date}` : `calendar:${change.calendar.edition}`;
  const scope = change.kind === 'office_closure' ? change.scope : '*';
  return [
    db
      .prepare(
        `INSERT INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
         SELECT 'signal_workflow', id || ':' || ?1,
           json_object('workflowId', 'case-' || id, 'signal', ?2, 'input', json_array(json(?3))), ?4, ?4
         FROM cases
         WHERE state IN (${openList}) AND (?5 = '*' OR agency_id = ?5)
         ON CONFLICT (kind, aggregate_id) DO NOTHING`,
      )
      .bind(suffix, caseSignals.calendarChanged, JSON.stringify(signal), change.at, scope),
  ];
};
