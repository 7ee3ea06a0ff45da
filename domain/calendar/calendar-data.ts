/**
 * Shape of an official office calendar, stored as exceptions to the Monday–Friday rule.
 * The Taiwan instance is generated into `tw-official-calendar.ts` by `scripts/gen-calendar.mjs`.
 */

export interface OfficialCalendarYear {
  /** Monday–Friday dates (`YYYY-MM-DD`) on which government offices are closed → official description (e.g. 春節). */
  readonly weekdayHolidays: Readonly<Record<string, string>>;
  /** Saturday/Sunday dates on which government offices work (補行上班) → official description. */
  readonly weekendWorkdays: Readonly<Record<string, string>>;
}

export interface OfficialCalendarData {
  /** Human-readable provenance of the data. */
  readonly source: string;
  /** First covered date, `YYYY-MM-DD` (inclusive). */
  readonly firstDate: string;
  /** Last covered date, `YYYY-MM-DD` (inclusive). Coverage is one contiguous range. */
  readonly lastDate: string;
  /** Exceptions per covered year. Every date outside these lists follows the Monday–Friday rule. */
  readonly years: Readonly<Record<number, OfficialCalendarYear>>;
}
