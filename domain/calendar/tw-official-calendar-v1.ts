// FROZEN — never edit. The official calendar as compiled into the workflow bundle before case
// workflows received their calendar in the input (2026-11, before the June 2025 revision of the
// 2025 data). Cases started without `calendar` in their input keep counting with it, so that
// regenerating tw-official-calendar.ts never changes how their histories replay; the calendar
// signal brings them a newer edition as an event in their history.
import type { OfficialCalendarData } from './calendar-data';

export const TW_OFFICIAL_CALENDAR_V1_DATA: OfficialCalendarData = /* BEGIN DATA */ {
  source: '政府行政機關辦公日曆表 (Taiwan government office calendar), 2025.json–2027.json',
  firstDate: '2025-01-01',
  lastDate: '2027-12-31',
  years: {
    2025: {
      weekdayHolidays: {
        '2025-01-01': '開國紀念日',
        '2025-01-27': '小年夜',
        '2025-01-28': '農曆除夕',
        '2025-01-29': '春節',
        '2025-01-30': '春節',
        '2025-01-31': '春節',
        '2025-02-28': '和平紀念日',
        '2025-04-03': '補假',
        '2025-04-04': '兒童節及民族掃墓節',
        '2025-05-30': '補假',
        '2025-10-06': '中秋節',
        '2025-10-10': '國慶日',
      },
      weekendWorkdays: {
        '2025-02-08': '補行上班',
      },
    },
    2026: {
      weekdayHolidays: {
        '2026-01-01': '開國紀念日',
        '2026-02-16': '農曆除夕',
        '2026-02-17': '春節',
        '2026-02-18': '春節',
        '2026-02-19': '春節',
        '2026-02-20': '補假',
        '2026-02-27': '補假',
        '2026-04-03': '補假',
        '2026-04-06': '補假',
        '2026-05-01': '勞動節',
        '2026-06-19': '端午節',
        '2026-09-25': '中秋節',
        '2026-09-28': '孔子誕辰紀念日/教師節',
        '2026-10-09': '補假',
        '2026-10-26': '補假',
        '2026-12-25': '行憲紀念日',
      },
      weekendWorkdays: {},
    },
    2027: {
      weekdayHolidays: {
        '2027-01-01': '開國紀念日',
        '2027-02-04': '小年夜',
        '2027-02-05': '農曆除夕',
        '2027-02-08': '春節',
        '2027-02-09': '補假',
        '2027-02-10': '補假',
        '2027-03-01': '補假',
        '2027-04-05': '清明節',
        '2027-04-06': '補假',
        '2027-04-30': '補假',
        '2027-06-09': '端午節',
        '2027-09-15': '中秋節',
        '2027-09-28': '孔子誕辰紀念日/教師節',
        '2027-10-11': '補假',
        '2027-10-25': '臺灣光復暨金門古寧頭大捷紀念日',
        '2027-12-24': '補假',
        '2027-12-31': '補假',
      },
      weekendWorkdays: {},
    },
  },
} /* END DATA */;
