import { attachmentsOf } from '../platform/attachments/service';
import { createRoute } from '@hono/zod-openapi';
import {
  type CaseRecord,
  findAssistance,
  findCase,
  listCaseEvents,
  listCasesOfAgency,
  listCasesOfCitizen,
  recordSatisfaction,
} from './db';
import type { SessionUser } from '../platform/auth/users';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { requireRole } from '../platform/auth/middleware';
import { CaseDetailSchema, CaseIdParamSchema, CaseListSchema, type CaseSummary, CreateCaseRequestSchema, SatisfactionRequestSchema, InboxQuerySchema } from './schemas';
import { intakeCase } from './intake';

const cases = createRouter();

export const toSummary = (r: CaseRecord): CaseSummary => ({
  id: r.id,
  serviceTypeCode: r.serviceTypeCode,
  agencyId: r.agencyId,
  subject: r.subject,
  state: r.state,
  receivedAt: r.receivedAt,
  ackDueDate: r.ackDueDate,
  resolutionDueDate: r.resolutionDueDate,
  repliedAt: r.repliedAt,
  kind: r.kind,
  slaState: r.slaState,
  assigneeId: r.assigneeId,
  ackDueAt: r.ackDueAt,
  resolutionDueAt: r.resolutionDueAt,
  originalResolutionDueAt: r.originalResolutionDueAt,
  extended: r.extended,
  pausedSince: r.pausedSince,
  supplementDueAt: r.supplementDueAt,
  ackMissed: r.ackMissed,
  missedDeadline: r.missedDeadline,
});

/**
 * Officers see only their own agency's cases; citizens only their own; whoever filed a case on a
 * citizen's behalf can follow it. Others get 404, not 403.
 */
export function canSee(user: SessionUser, c: CaseRecord): boolean {
  if (c.filedById === user.id) return true;
  switch (user.role) {
    case 'citizen':
      return c.citizenId === user.id;
    case 'officer':
    case 'supervisor':
      return c.agencyId === user.agencyId;
    case 'manager':
    case 'admin':
      return true;
  }
}

/**
 * The case if the caller may see it, else 404. With `act`, a citizen must be the case's own:
 * a helper who filed it follows it but does not answer for the citizen.
 */
export async function loadVisibleCase(c: AppContext, id: string, opts: { act?: boolean } = {}): Promise<CaseRecord> {
  const user = c.get('user')!;
  const found = await findCase(c.env.DB, id);
  const visible = found !== null && canSee(user, found) && !(opts.act && user.role === 'citizen' && found.citizenId !== user.id);
  if (!visible) fail(404, 'case-not-found', `No case ${id} is visible to you.`);
  return found!;
}

export async function caseDetail(c: AppContext, record: CaseRecord) {
  const [timeline, assistance] = await Promise.all([
    listCaseEvents(c.env.DB, record.id),
    record.filedById ? findAssistance(c.env.DB, record.id) : Promise.resolve(null),
  ]);
  return {
    ...toSummary(record),
    description: record.description,
    location: record.location,
    formData: record.formData,
    legs: record.legs,
    closedAt: record.closedAt,
    notProcessedCode: record.notProcessedCode,
    filedOnBehalf: record.filedById !== null,
    filedBy: assistance?.filedBy ?? null,
    consent: assistance?.consent ?? null,
    satisfactionScore: record.satisfactionScore,
    workflowStarted: record.workflowStartedAt !== null,
    attachments: await attachmentsOf(c.env.DB, 'case', record.id),
    timeline,
  };
}

cases.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/',
    tags: ['Cases'],
    summary: 'File a case (grievance or application).',
    description:
      'The case is committed with an outbox entry and answered with 202 at once; its workflow starts as soon as Temporal is reachable.',
    request: jsonBody(CreateCaseRequestSchema),
    responses: { 202: jsonResponse(CaseDetailSchema, 'Accepted for processing.'), ...problems(400, 401, 403, 413, 422) },
  }),
  async (c) => {
    const id = await intakeCase(c.env, c.executionCtx, c.req.valid('json'), { citizenId: c.get('user')!.id });
    const record = (await findCase(c.env.DB, id))!;
    return c.json(await caseDetail(c, record), 202, { location: `/api/v1/cases/${id}` });
  },
);

cases.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'get',
    path: '/mine',
    tags: ['Cases'],
    summary: "The signed-in citizen's cases, newest first.",
    responses: { 200: jsonResponse(CaseListSchema, 'Cases.'), ...problems(401, 403) },
  }),
  async (c) => {
    const items = await listCasesOfCitizen(c.env.DB, c.get('user')!.id);
    return c.json({ items: items.map(toSummary) }, 200);
  },
);

cases.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'get',
    path: '/inbox',
    tags: ['Cases'],
    summary: "The officer's agency inbox, most urgent first.",
    request: { query: InboxQuerySchema },
    responses: { 200: jsonResponse(CaseListSchema, 'Cases.'), ...problems(401, 403, 422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const user = c.get('user')!;
    const items = await listCasesOfAgency(c.env.DB, user.agencyId!, {
      openOnly: q.state === 'open',
      sla: q.sla,
      serviceTypeCode: q.serviceTypeCode,
      assignee: q.assignee === 'me' ? { kind: 'me', userId: user.id } : q.assignee === 'unassigned' ? { kind: 'unassigned' } : undefined,
    });
    return c.json({ items: items.map(toSummary) }, 200);
  },
);

cases.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'get',
    path: '/{id}',
    tags: ['Cases'],
    summary: 'One case with its timeline.',
    request: { params: CaseIdParamSchema },
    responses: { 200: jsonResponse(CaseDetailSchema, 'The case.'), ...problems(401, 404, 422) },
  }),
  async (c) => {
    const record = await loadVisibleCase(c, c.req.valid('param').id);
    return c.json(await caseDetail(c, record), 200);
  },
);

cases.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/satisfaction',
    tags: ['Cases'],
    summary: 'The citizen rates the answer (once, after the reply).',
    request: { params: CaseIdParamSchema, ...jsonBody(SatisfactionRequestSchema) },
    responses: { 200: jsonResponse(CaseDetailSchema, 'Recorded.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { score, comment } = c.req.valid('json');
    await loadVisibleCase(c, id, { act: true });
    const user = c.get('user')!;
    const ok = await recordSatisfaction(c.env.DB, { caseId: id, citizenId: user.id, score, comment: comment ?? null, at: new Date().toISOString() });
    if (!ok) fail(409, 'survey-closed', 'The survey opens once the case is answered, and takes one answer.');
    return c.json(await caseDetail(c, (await findCase(c.env.DB, id))!), 200);
  },
);

export default cases;
