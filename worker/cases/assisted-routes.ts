import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { findCase, listCasesFiledBy } from './db';
import { findOrCreateCitizen } from '../platform/auth/users';
import type { AppEnv } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { AssistedCaseRequestSchema, CaseDetailSchema, CaseListSchema } from './schemas';
import { intakeCase } from './intake';
import { caseDetail, toSummary } from './routes';

/**
 * The assisted channel: a counter officer or a registered community helper (資訊代理人) files
 * and follows cases for people who cannot use the web themselves, with their recorded consent.
 */
const assisted = createRouter();

const requireProxy = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) fail(401, 'unauthenticated', 'Sign in first.');
    // Supervisors and oversight (研考) officers watch cases; they do not file them for others.
    if (!((user.role === 'officer' && !user.oversees) || user.helper)) {
      fail(403, 'forbidden', 'Only counter officers and registered helpers file for others.');
    }
    await next();
  });

assisted.openapi(
  createRoute({
    middleware: [requireProxy()] as const,
    method: 'post',
    path: '/',
    tags: ['Cases'],
    summary: "File a case on a citizen's behalf, with their recorded consent.",
    description: 'The case belongs to the citizen; it records who filed it, the consent is kept beside it and the filing is audited.',
    request: jsonBody(AssistedCaseRequestSchema),
    responses: { 202: jsonResponse(CaseDetailSchema, 'Accepted for processing.'), ...problems(400, 401, 403, 413, 422) },
  }),
  async (c) => {
    const { citizen, consent, ...request } = c.req.valid('json');
    const user = c.get('user')!;
    const account = await findOrCreateCitizen(c.env.DB, { ...citizen, now: new Date().toISOString() });
    if (!account) {
      fail(422, 'validation', 'The request body is not valid.', {
        errors: [{ pointer: '/citizen/email', in: 'body', code: 'staff_account', detail: 'This address belongs to a staff account.' }],
      });
    }
    if (account.id === user.id) {
      fail(422, 'validation', 'The request body is not valid.', {
        errors: [{ pointer: '/citizen/email', in: 'body', code: 'file_own_case', detail: 'File your own cases through the normal form.' }],
      });
    }
    const id = await intakeCase(c.env, c.executionCtx, request, { citizenId: account.id, filedById: user.id, consent });
    return c.json(await caseDetail(c, (await findCase(c.env.DB, id))!), 202, { location: `/api/v1/cases/${id}` });
  },
);

assisted.openapi(
  createRoute({
    middleware: [requireProxy()] as const,
    method: 'get',
    path: '/',
    tags: ['Cases'],
    summary: 'Cases I filed for others, newest first.',
    responses: { 200: jsonResponse(CaseListSchema, 'Cases.'), ...problems(401, 403) },
  }),
  async (c) => c.json({ items: (await listCasesFiledBy(c.env.DB, c.get('user')!.id)).map(toSummary) }, 200),
);

export default assisted;
