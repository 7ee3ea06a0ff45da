/**
 * The official calendar this deployment counts with, and how a change to it (an office closure
 * declared after filing, a revised or extended official calendar) reaches running processes:
 * each leg registers a hook that turns the change into outbox rows (workflow signals) written in
 * the same D1 batch as the change itself, so none is lost when Temporal is down.
 */
import { type CompactCalendar, compactCalendar } from '../../domain/calendar/calendar-edition';
import { TW_OFFICIAL_CALENDAR_DATA } from '../../domain/calendar/tw-official-calendar';

export const currentCalendar: CompactCalendar = compactCalendar(TW_OFFICIAL_CALENDAR_DATA);

export type CalendarChange =
  | { kind: 'office_closure'; date: string; scope: string; at: string }
  | { kind: 'calendar_revision'; calendar: CompactCalendar; at: string };

export type CalendarChangeHook = (db: D1Database, change: CalendarChange) => D1PreparedStatement[];

const hooks: CalendarChangeHook[] = [];

export function registerCalendarChangeHook(hook: CalendarChangeHook): void {
  hooks.push(hook);
}

export function calendarChangeStatements(db: D1Database, change: CalendarChange): D1PreparedStatement[] {
  return hooks.flatMap((h) => h(db, change));
}
