import { createRoute } from '@hono/zod-openapi';
import { csvResponse, toCsv } from '../platform/csv';
import { jsonResponse } from '../platform/openapi';
import { createRouter } from '../platform/validation';
import { PublicAgencyStatsSchema } from './schemas';
import { dailyPublicStats } from './public-stats';

/** Open data without login: how each agency keeps its deadlines. No personal data. */
const publicData = createRouter();
const PUBLIC_CACHE = 'public, max-age=3600';

publicData.openapi(
  createRoute({
    method: 'get',
    path: '/agencies',
    tags: ['Open data'],
    summary: 'Per agency: on-time rate, median handling time and open overdue cases by service type (updated daily).',
    responses: { 200: jsonResponse(PublicAgencyStatsSchema, 'Figures; counts below 5 are null.') },
  }),
  async (c) => c.json(await dailyPublicStats(c.env.DB), 200, { 'cache-control': PUBLIC_CACHE }),
);

publicData.openapi(
  createRoute({
    method: 'get',
    path: '/agencies.csv',
    tags: ['Open data'],
    summary: 'The same figures as CSV, one row per agency and service type.',
    responses: { 200: { description: 'CSV.', content: { 'text/csv': { schema: { type: 'string' } } } } },
  }),
  async (c) => {
    const s = await dailyPublicStats(c.env.DB);
    const rows = s.agencies.flatMap((a) =>
      (a.openOverdue.length ? a.openOverdue : [null]).map((o) => [
        s.asOf,
        a.agencyId,
        a.nameZh,
        a.nameEn,
        a.decided,
        a.onTimeRate === null ? null : Math.round(a.onTimeRate * 1000) / 10,
        a.medianHandlingDays,
        o?.serviceTypeCode ?? null,
        o?.nameZh ?? null,
        o?.count ?? null,
      ]),
    );
    const header = ['as_of', 'agency_id', 'agency_zh', 'agency_en', 'decided_cases', 'on_time_rate_pct', 'median_working_days', 'service_type', 'service_type_zh', 'open_overdue'];
    return csvResponse(toCsv(header, rows), `agency-accountability-${s.asOf}.csv`, PUBLIC_CACHE);
  },
);

export default publicData;
