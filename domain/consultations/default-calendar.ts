/** The calendar used when a caller does not pass one: Taiwan's official office calendar, built once. */
import { twOfficialCalendar, type BusinessCalendar } from '../calendar/business-calendar';

let cached: BusinessCalendar | undefined;

export function defaultCalendar(): BusinessCalendar {
  cached ??= twOfficialCalendar();
  return cached;
}
