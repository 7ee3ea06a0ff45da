/**
 * An official calendar as plain lists, small enough to travel in a workflow's input or signal,
 * and back. The edition is a hash of the lists, so two parties can tell whether they count
 * with the same data.
 */
import type { OfficialCalendarData, OfficialCalendarYear } from './calendar-data';
import { isPlainDate } from './plain-date';

export interface CompactCalendar {
  edition: string;
  firstDate: string;
  lastDate: string;
  holidays: string[];
  workdays: string[];
}

/** FNV-1a, 32 bit: a stable fingerprint, not a security measure. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function calendarEdition(c: Omit<CompactCalendar, 'edition'>): string {
  return `${c.firstDate}..${c.lastDate}#${fnv1a(JSON.stringify([c.firstDate, c.lastDate, c.holidays, c.workdays]))}`;
}

export function compactCalendar(data: OfficialCalendarData): CompactCalendar {
  const years = Object.values(data.years);
  const holidays = years.flatMap((y) => Object.keys(y.weekdayHolidays)).sort();
  const workdays = years.flatMap((y) => Object.keys(y.weekendWorkdays)).sort();
  const lists = { firstDate: data.firstDate, lastDate: data.lastDate, holidays, workdays };
  return { edition: calendarEdition(lists), ...lists };
}

export function expandCalendar(c: CompactCalendar): OfficialCalendarData {
  const years: Record<number, { weekdayHolidays: Record<string, string>; weekendWorkdays: Record<string, string> }> = {};
  const first = Number(c.firstDate.slice(0, 4));
  const last = Number(c.lastDate.slice(0, 4));
  for (let y = first; y <= last; y++) years[y] = { weekdayHolidays: {}, weekendWorkdays: {} };
  for (const d of c.holidays) {
    const y = years[Number(d.slice(0, 4))];
    if (y) y.weekdayHolidays[d] = '';
  }
  for (const d of c.workdays) {
    const y = years[Number(d.slice(0, 4))];
    if (y) y.weekendWorkdays[d] = '';
  }
  return { source: `edition ${c.edition}`, firstDate: c.firstDate, lastDate: c.lastDate, years: years as Record<number, OfficialCalendarYear> };
}

/** Problems with a calendar that arrived from outside (empty when it is usable). */
export function checkCompactCalendar(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['calendar must be an object'];
  const c = value as Partial<Record<keyof CompactCalendar, unknown>>;
  const problems: string[] = [];
  if (typeof c.edition !== 'string' || c.edition.length === 0 || c.edition.length > 80) problems.push('calendar.edition must be a short string');
  if (!isPlainDate(c.firstDate) || !isPlainDate(c.lastDate) || (c.firstDate as string) > (c.lastDate as string)) {
    problems.push('calendar.firstDate/lastDate must be an ordered pair of YYYY-MM-DD dates');
  }
  for (const key of ['holidays', 'workdays'] as const) {
    const list = c[key];
    if (!Array.isArray(list) || list.length > 2000 || !list.every(isPlainDate)) problems.push(`calendar.${key} must be a list of YYYY-MM-DD dates`);
  }
  return problems;
}
