import { createRoute } from '@hono/zod-openapi';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { slaClock } from '../../domain/sla/sla-clock';
import { auditStatement } from '../platform/audit';
import { CaseIdParamSchema, findCase } from '../cases/contract';
import { breachedCases } from './db';
import { closedCaseStates } from '../../workflows/case/contract';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { requireRole } from '../platform/auth/middleware';
import { EscalationAckSchema, EscalationListSchema } from './schemas';
import { dashboardScope } from './scope';

/** Supervisors' and oversight units' inbox of breached cases, with acknowledgements. */
const escalations = createRouter();
const overseers = requireRole('officer', 'supervisor', 'manager', 'admin');
const clock = slaClock(twOfficialCalendar());

escalations.openapi(
  createRoute({
    middleware: [overseers] as const,
    method: 'get',
    path: '/',
    tags: ['Dashboard'],
    summary: 'Open cases past their deadline in my scope, longest overdue first.',
    responses: { 200: jsonResponse(EscalationListSchema, 'Breached cases.'), ...problems(401, 403) },
  }),
  async (c) => {
    const agencyIds = await dashboardScope(c.env.DB, c.get('user')!);
    const now = Date.now();
    const rows = await breachedCases(c.env.DB, agencyIds, new Date(now).toISOString());
    return c.json(
      {
        items: rows.map((r) => ({
          ...r,
          workingDaysOverdue: r.resolutionDueAt ? Math.max(0, -clock.workingDaysLeft(now, Date.parse(r.resolutionDueAt))) : null,
        })),
      },
      200,
    );
  },
);

escalations.openapi(
  createRoute({
    middleware: [overseers] as const,
    method: 'post',
    path: '/{id}/ack',
    tags: ['Dashboard'],
    summary: 'Acknowledge a breached case with a comment (what will be done, by when).',
    request: { params: CaseIdParamSchema, ...jsonBody(EscalationAckSchema) },
    responses: { 204: { description: 'Recorded.' }, ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { comment } = c.req.valid('json');
    const user = c.get('user')!;
    const agencyIds = await dashboardScope(c.env.DB, user);
    const found = await findCase(c.env.DB, id);
    if (!found || !agencyIds.includes(found.agencyId)) fail(404, 'case-not-found', `No case ${id} in your scope.`);
    // A missed acknowledgement deadline is a breach too.
    const overdue = found.ackMissed || (found.resolutionDueAt !== null && Date.parse(found.resolutionDueAt) < Date.now());
    if (!overdue || closedCaseStates.includes(found.state)) {
      fail(409, 'not-breached', 'Only open cases past their deadline can be acknowledged.');
    }
    const at = new Date().toISOString();
    await c.env.DB.batch([
      c.env.DB.prepare('INSERT INTO escalation_acks (case_id, user_id, comment, at) VALUES (?, ?, ?, ?)').bind(id, user.id, comment, at),
      auditStatement(c.env.DB, { actorId: user.id, action: 'case.escalation_ack', target: `case:${id}`, at }),
    ]);
    return c.body(null, 204);
  },
);

export default escalations;
