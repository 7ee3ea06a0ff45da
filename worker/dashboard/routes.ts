import { createRoute } from '@hono/zod-openapi';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { slaClock } from '../../domain/sla/sla-clock';
import { type PerformanceAggregate, type Period, performance, scopeWhere, slaBoard, staffOf, weeklyTrend } from './db';
import { stuckProjections } from '../platform/projection-refusals';
import type { AppContext } from '../platform/env';
import { csvResponse, toCsv } from '../platform/csv';
import { jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { requireRole } from '../platform/auth/middleware';
import { PerformanceQuerySchema, SlaBoardQuerySchema, PerformanceSchema, SlaBoardSchema, StaffListSchema } from './schemas';
import { dashboardScope } from './scope';

/** Managers', supervisors' and oversight units' view of deadlines and agency performance. */
const dashboard = createRouter();
const staffAndManagers = requireRole('officer', 'supervisor', 'manager', 'admin');
const clock = slaClock(twOfficialCalendar());

dashboard.openapi(
  createRoute({
    middleware: [staffAndManagers] as const,
    method: 'get',
    path: '/sla',
    tags: ['Dashboard'],
    summary: 'Open cases by SLA state, most urgent first, within the caller’s scope.',
    request: { query: SlaBoardQuerySchema },
    responses: { 200: jsonResponse(SlaBoardSchema, 'The board.'), ...problems(401, 403, 422) },
  }),
  async (c) => {
    const { page, pageSize, ...q } = c.req.valid('query');
    const agencyIds = await dashboardScope(c.env.DB, c.get('user')!, q.agencyId);
    const now = Date.now();
    const [board, stuck] = await Promise.all([
      slaBoard(c.env.DB, { ...q, agencyIds }, { limit: pageSize, offset: (page - 1) * pageSize }),
      stuckProjections(c.env.DB, now, scopeWhere({ agencyIds })),
    ]);
    return c.json(
      {
        asOf: new Date(now).toISOString(),
        counts: board.counts,
        stuckProjections: stuck,
        total: board.total,
        page,
        pageSize,
        items: board.items.map((i) => ({
          ...i,
          workingDaysLeft: i.resolutionDueAt ? clock.workingDaysLeft(now, Date.parse(i.resolutionDueAt)) : null,
        })),
      },
      200,
    );
  },
);

const rate = (r: PerformanceAggregate) => {
  const decided = r.met + r.breached + r.openOverdue;
  return decided === 0 ? null : r.met / decided;
};

/** Checks the Taipei day range [from, to]. */
function period(from: string, to: string): Period {
  if (from > to) fail(422, 'validation', 'The period is empty.', { errors: [{ pointer: '/to', in: 'query', code: 'range_reversed', detail: 'Must not be before from.' }] });
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) {
    fail(422, 'validation', 'The period is too long.', { errors: [{ pointer: '/to', in: 'query', code: 'range_too_long', max: 3, detail: 'At most three years.' }] });
  }
  return { fromDay: from, toDay: to };
}

async function performanceReport(c: AppContext, q: ReturnType<typeof PerformanceQuerySchema.parse>) {
  const agencyIds = await dashboardScope(c.env.DB, c.get('user')!, q.agencyId);
  const p = period(q.from, q.to);
  const [report, trend] = await Promise.all([
    performance(c.env.DB, agencyIds, p, new Date().toISOString(), q.groupBy),
    weeklyTrend(c.env.DB, agencyIds, p),
  ]);
  const withRate = (r: PerformanceAggregate) => ({ ...r, onTimeRate: rate(r) });
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    total: withRate(report.total),
    rows: report.rows.map(withRate),
    trend: trend.map((t) => ({ ...t, onTimeRate: t.met + t.breached === 0 ? null : t.met / (t.met + t.breached) })),
  };
}

dashboard.openapi(
  createRoute({
    middleware: [staffAndManagers] as const,
    method: 'get',
    path: '/performance',
    tags: ['Dashboard'],
    summary: 'On-time rate, handling times, transfers and reopenings per agency or service type, with a weekly trend.',
    description:
      'On-time rate = met ÷ (met + breached + open and overdue); not-processed closures (Art. 173) are counted but excluded. Handling time is in working days by the official calendar.',
    request: { query: PerformanceQuerySchema },
    responses: { 200: jsonResponse(PerformanceSchema, 'The report.'), ...problems(401, 403, 422) },
  }),
  async (c) => c.json(await performanceReport(c, c.req.valid('query')), 200),
);

dashboard.openapi(
  createRoute({
    middleware: [staffAndManagers] as const,
    method: 'get',
    path: '/performance.csv',
    tags: ['Dashboard'],
    summary: 'The performance report as CSV.',
    request: { query: PerformanceQuerySchema },
    responses: { 200: { description: 'CSV.', content: { 'text/csv': { schema: { type: 'string' } } } }, ...problems(401, 403, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const report = await performanceReport(c, q);
    const rows = [...report.rows, { ...report.total, key: 'TOTAL' }].map((r) => [
      r.key,
      r.cases,
      r.met,
      r.breached,
      r.openOverdue,
      r.notProcessed,
      r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10,
      r.p50HandlingDays,
      r.p90HandlingDays,
      r.transfersPerCase === null ? null : Math.round(r.transfersPerCase * 100) / 100,
      r.reopenRate === null ? null : Math.round(r.reopenRate * 1000) / 10,
      r.satisfaction === null ? null : Math.round(r.satisfaction * 100) / 100,
      r.satisfactionResponses,
      r.missedAck,
      r.missedAnswer,
    ]);
    const header = [q.groupBy === 'agency' ? 'agency' : 'service_type', 'cases', 'met', 'breached', 'open_overdue', 'not_processed', 'on_time_rate_pct', 'p50_working_days', 'p90_working_days', 'transfers_per_case', 'reopen_rate_pct', 'satisfaction_avg', 'satisfaction_responses', 'missed_ack', 'missed_answer'];
    return csvResponse(toCsv(header, rows), `performance-${q.from}-${q.to}.csv`);
  },
);

dashboard.openapi(
  createRoute({
    middleware: [staffAndManagers] as const,
    method: 'get',
    path: '/officers',
    tags: ['Dashboard'],
    summary: 'Officers and supervisors within the caller’s scope (for the officer filter).',
    responses: { 200: jsonResponse(StaffListSchema, 'Staff.'), ...problems(401, 403) },
  }),
  async (c) => c.json({ items: await staffOf(c.env.DB, await dashboardScope(c.env.DB, c.get('user')!)) }, 200),
);

export default dashboard;
