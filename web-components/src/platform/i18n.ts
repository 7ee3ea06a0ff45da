/** The current language, its messages and date formatting; components subscribe to changes. */
import { TAIPEI_UTC_OFFSET_MS, taipeiDateOf } from '../../../domain/calendar/taipei-time';
import { type Messages, type PlatformMessageKey, en, zh } from './messages';

export type { PlatformMessageKey } from './messages';

export type Locale = 'zh-TW' | 'en';
const STORAGE_KEY = 'civic.locale';
const tables: Record<Locale, Messages> = { 'zh-TW': zh, en };
const listeners = new Set<() => void>();

function initial(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

let current: Locale = initial();
document.documentElement.lang = current === 'en' ? 'en' : 'zh-Hant-TW';

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: keep it for this page only */
  }
  document.documentElement.lang = next === 'en' ? 'en' : 'zh-Hant-TW';
  document.title = t('appTitle');
  for (const l of listeners) l();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Vars = Record<string, string | number>;

function fill(text: string, vars: Vars): string {
  return text.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ''));
}

/** Platform text (shell, shared components); legs use their own `t` from `translator`. */
export function t(key: PlatformMessageKey, vars: Vars = {}): string {
  return fill(tables[current][key], vars);
}

type Table<K extends string> = { readonly [P in K]: string };

/**
 * A leg's `t`: its own catalogue (zh-TW and English side by side) on top of the platform's, typed
 * so that a key missing from both is a compile error.
 */
export function translator<K extends string>(leg: { zh: Table<K>; en: Table<K> }) {
  return (key: K | PlatformMessageKey, vars: Vars = {}): string => {
    const own = (current === 'en' ? leg.en : leg.zh) as Partial<Record<string, string>>;
    return fill(own[key] ?? tables[current][key as PlatformMessageKey], vars);
  };
}

/**
 * The language of a person's own text when it differs from the UI's (for its `lang`
 * attribute, so screen readers pronounce it right); undefined when it matches or is unclear.
 * Han characters mean Chinese; Latin letters without any Han mean English.
 */
export function textLang(text: string): 'zh-Hant-TW' | 'en' | undefined {
  const han = /\p{Script=Han}/u.test(text);
  const latin = /[A-Za-z]{2,}/.test(text);
  const lang = han ? 'zh-Hant-TW' : latin ? 'en' : undefined;
  const ui = current === 'en' ? 'en' : 'zh-Hant-TW';
  return lang === ui ? undefined : lang;
}

/** The Taipei calendar date of an instant (ISO string or epoch ms), as YYYY-MM-DD. */
export function taipeiDate(iso: string | number): string {
  return taipeiDateOf(typeof iso === 'number' ? iso : Date.parse(iso));
}

/** 'YYYY-MM-DD（三）' or 'YYYY-MM-DD (Wed)' for a plain date. */
export function formatDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = t('weekdays').split(',')[d.getUTCDay()] ?? '';
  return current === 'en' ? `${date} (${day})` : `${date}（${day}）`;
}

/** Date and time in Taipei: 'YYYY-MM-DD HH:mm'. */
export function formatInstant(iso: string): string {
  return new Date(Date.parse(iso) + TAIPEI_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Calendar days from today (Taipei) to a due date; negative when overdue. */
export function daysUntil(date: string, nowMs = Date.now()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${taipeiDate(nowMs)}T00:00:00Z`)) / 86_400_000);
}

/** A rate 0..1 as a percentage with one decimal: 0.8567 → '85.7%'. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** A number with at most `digits` decimals, grouped the way the current language writes it. */
export function formatNumber(n: number, digits = 1): string {
  return new Intl.NumberFormat(current === 'en' ? 'en' : 'zh-TW', { maximumFractionDigits: digits }).format(n);
}
