/**
 * Open311 GeoReport v2 wire details (https://wiki.open311.org/GeoReport_v2): timestamps with the
 * Taipei offset, the open/closed status, the caller's language and the texts we derive.
 * Pure functions without I/O, so they are easy to test and reuse.
 */
import { TAIPEI_UTC_OFFSET_MS, endOfTaipeiDay } from '../../domain/calendar/taipei-time';
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { type CaseKind, type CaseState, closedCaseStates, openCaseStates } from '../../workflows/case/contract';
import type { Locale } from '../platform/auth/users';

export type Open311Status = 'open' | 'closed';

/** GeoReport knows only open and closed: replied, closed and not processed count as closed. */
export function open311Status(state: CaseState): Open311Status {
  return openCaseStates.includes(state) ? 'open' : 'closed';
}

/** Our states that map to one Open311 status (for SQL filters). */
export function statesOf(status: Open311Status): readonly CaseState[] {
  return status === 'open'
    ? openCaseStates
    : closedCaseStates;
}

/** ISO 8601 with the Taipei offset, to the second, e.g. `2026-03-02T09:15:00+08:00` (Taipei has no DST). */
export function taipeiIso(epochMs: number): string {
  return new Date(epochMs + TAIPEI_UTC_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

export const taipeiIsoOf = (instant: string): string => taipeiIso(Date.parse(instant));

/**
 * The current answer deadline: the exact instant the workflow computed (it follows extensions and
 * pauses) or, from first-version workflows that sent only a date, the end of that Taipei day.
 * Null until the workflow has computed it.
 */
export function expectedDatetime(resolutionDueAt: string | null, resolutionDueDate: string | null): string | null {
  if (resolutionDueAt) return taipeiIsoOf(resolutionDueAt);
  if (resolutionDueDate) return taipeiIso(endOfTaipeiDay(parsePlainDate(resolutionDueDate)));
  return null;
}

/**
 * `?locale=` wins, then the best match in Accept-Language (q-values honoured; any `zh*` is served
 * Traditional Chinese, any `en*` English), then the fallback.
 */
export function pickLocale(explicit: Locale | undefined, acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (explicit) return explicit;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | null =
      tag === 'zh' || tag.startsWith('zh-') ? 'zh-TW' : tag === 'en' || tag.startsWith('en-') ? 'en' : null;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? fallback;
}

const SUBJECT_MAX = 40;

/**
 * Open311 requests have no subject; ours is the description's first line, or its start when that
 * line is too short, cut to 40 characters (code points, so CJK text and emoji stay whole).
 */
export function subjectFrom(description: string): string {
  const firstLine = (description.split(/\r?\n/, 1)[0] ?? '').replace(/\s+/g, ' ').trim();
  const source = firstLine.length >= 3 ? firstLine : description.replace(/\s+/g, ' ').trim();
  const chars = Array.from(source);
  return chars.length <= SUBJECT_MAX ? source : chars.slice(0, SUBJECT_MAX - 1).join('').trimEnd() + '…';
}

const coordinate = (x: number): string => x.toFixed(7).replace(/\.?0+$/, '');

/** `location` as filed through Open311 with coordinates only: "lat,long" (7 decimals, about 1 cm). */
export const coordinatesLocation = (lat: number, long: number): string => `${coordinate(lat)},${coordinate(long)}`;

const COORDINATES = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/;

/** Splits a stored location into Open311's address or lat/long. */
export function locationParts(location: string | null): { address: string | null; lat: number | null; long: number | null } {
  const m = location ? COORDINATES.exec(location) : null;
  if (m) {
    const lat = Number(m[1]);
    const long = Number(m[2]);
    if (Math.abs(lat) <= 90 && Math.abs(long) <= 180) return { address: null, lat, long };
  }
  return { address: location, lat: null, long: null };
}

const UNITS: Record<string, { zh: string; en: [string, string] }> = {
  wd: { zh: '個工作天', en: ['working day', 'working days'] },
  d: { zh: '日', en: ['day', 'days'] },
  mo: { zh: '個月', en: ['month', 'months'] },
  s: { zh: '秒', en: ['second', 'seconds'] },
};

/** '3wd' → '3 working days' / '3 個工作天'; anything unexpected is shown as it is. */
export function describePeriod(period: string, locale: Locale): string {
  const m = /^(\d+)(wd|d|mo|s)$/.exec(period);
  const unit = m ? UNITS[m[2]!] : undefined;
  if (!m || !unit) return period;
  const n = Number(m[1]);
  return locale === 'en' ? `${n} ${unit.en[n === 1 ? 0 : 1]}` : `${n} ${unit.zh}`;
}

export interface ServiceTexts {
  kind: CaseKind;
  name: string;
  agencyName: string;
  ackPeriod: string;
  resolutionPeriod: string;
}

export function kindLabel(kind: CaseKind, locale: Locale): string {
  if (locale === 'en') return kind === 'grievance' ? 'grievance' : 'application';
  return kind === 'grievance' ? '陳情' : '申辦';
}

function deadlinesSentence(s: ServiceTexts, locale: Locale): string {
  const ack = describePeriod(s.ackPeriod, locale);
  const res = describePeriod(s.resolutionPeriod, locale);
  if (locale === 'en') {
    const verb = s.kind === 'grievance' ? 'answered' : 'decided';
    return `${s.agencyName} acknowledges within ${ack} and the request is ${verb} within ${res}.`;
  }
  return `${s.agencyName}於${ack}內確認受理，${res}內${s.kind === 'grievance' ? '答復' : '處理完畢'}。`;
}

/** The service list's `description`. */
export function serviceDescription(s: ServiceTexts, locale: Locale): string {
  return locale === 'en'
    ? `${s.kind === 'grievance' ? 'Grievance' : 'Application'}: ${s.name}. ${deadlinesSentence(s, locale)}`
    : `${kindLabel(s.kind, locale)}：${s.name}。${deadlinesSentence(s, locale)}`;
}

/** `service_notice`: what happens next, in the caller's language. */
export function serviceNotice(s: ServiceTexts, locale: Locale, caseId?: string): string {
  const periods =
    locale === 'en'
      ? `${deadlinesSentence(s, locale)} Working days follow the official government office calendar; expected_datetime shows the exact deadline once computed.`
      : `${deadlinesSentence(s, locale)}工作天依行政機關辦公日曆計算；確切期限算出後見 expected_datetime。`;
  if (!caseId) return periods;
  return locale === 'en' ? `Received as case ${caseId}. ${periods}` : `已收件，案號 ${caseId}。${periods}`;
}
