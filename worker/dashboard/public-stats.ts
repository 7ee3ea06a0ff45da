/**
 * The public accountability figures (公民管考): per agency, over the last 90 days of received
 * cases, computed once a day and kept, so every visitor sees the same numbers. Counts from 1 to
 * 4 are suppressed: small groups could point at individual people.
 */
import { addDays } from '../../domain/calendar/plain-date';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import { openOverdueByServiceType, performance } from './db';
import { allAgencyIds } from './db';
import { listAgencies, listServiceTypes } from '../platform/reference/db';

export const PUBLIC_WINDOW_DAYS = 90;
export const MIN_PUBLIC_COUNT = 5;

const suppress = (n: number) => (n > 0 && n < MIN_PUBLIC_COUNT ? null : n);

export interface PublicStats {
  asOf: string;
  windowDays: number;
  minCount: number;
  agencies: {
    agencyId: string;
    nameZh: string;
    nameEn: string;
    decided: number | null;
    onTimeRate: number | null;
    medianHandlingDays: number | null;
    openOverdue: { serviceTypeCode: string; nameZh: string; nameEn: string; count: number | null }[];
  }[];
}

export async function computePublicStats(db: D1Database, nowMs: number): Promise<PublicStats> {
  const asOf = taipeiDateOf(nowMs);
  // The window ends with yesterday: today's figures are published tomorrow.
  const toDay = addDays(asOf, -1);
  const fromDay = addDays(asOf, -PUBLIC_WINDOW_DAYS);
  const nowIso = new Date(nowMs).toISOString();
  const [agencies, types, perf, overdue] = await Promise.all([
    listAgencies(db),
    listServiceTypes(db),
    allAgencyIds(db).then(async (agencyIds) => (await performance(db, agencyIds, { fromDay, toDay }, nowIso, 'agency')).rows),
    openOverdueByServiceType(db, nowIso),
  ]);
  const byAgency = new Map(perf.map((p) => [p.key, p]));
  return {
    asOf,
    windowDays: PUBLIC_WINDOW_DAYS,
    minCount: MIN_PUBLIC_COUNT,
    agencies: agencies.map((a) => {
      const p = byAgency.get(a.id);
      const decided = p ? p.met + p.breached + p.openOverdue : 0;
      const answered = p ? p.met + p.breached : 0;
      const shown = suppress(decided);
      return {
        agencyId: a.id,
        nameZh: a.nameZh,
        nameEn: a.nameEn,
        decided: shown,
        onTimeRate: shown && p ? Math.round((p.met / decided) * 1000) / 1000 : null,
        medianHandlingDays: answered >= MIN_PUBLIC_COUNT ? (p?.p50HandlingDays ?? null) : null,
        openOverdue: types
          .filter((t) => t.agencyId === a.id)
          .map((t) => ({
            serviceTypeCode: t.code,
            nameZh: t.nameZh,
            nameEn: t.nameEn,
            count: suppress(overdue.find((o) => o.agencyId === a.id && o.serviceTypeCode === t.code)?.n ?? 0),
          })),
      };
    }),
  };
}

/** Today's figures (Taipei), computing and storing them the first time they are asked for. */
export async function dailyPublicStats(db: D1Database, nowMs = Date.now()): Promise<PublicStats> {
  const asOf = taipeiDateOf(nowMs);
  const stored = await db.prepare('SELECT payload FROM public_stats WHERE as_of = ?').bind(asOf).first<{ payload: string }>();
  if (stored) return JSON.parse(stored.payload) as PublicStats;
  const stats = await computePublicStats(db, nowMs);
  await db
    .prepare('INSERT INTO public_stats (as_of, payload, computed_at) VALUES (?, ?, ?) ON CONFLICT (as_of) DO NOTHING')
    .bind(asOf, JSON.stringify(stats), new Date(nowMs).toISOString())
    .run();
  return stats;
}
