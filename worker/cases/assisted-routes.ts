import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { findCase, listCasesFiledBy } from './db';
import { findOrCreateCitizen } from '../platform/auth/users';
import { COUNTER_CLAIM_DAYS, claimablePhone, counterSecret, insertClaim } from '../platform/auth/claims';
import { auditStatement } from '../platform/audit';
import { ClaimCodeSchema } from '../platform/schemas';
import type { AppEnv } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { AssistedCaseRequestSchema, CaseDetailSchema, CaseIdParamSchema, CaseListSchema } from './schemas';
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
      const pointer = citizen.email ? '/citizen/email' : '/citizen/phone';
      fail(422, 'validation', 'The request body is not valid.', {
        errors: [{ pointer, in: 'body', code: 'staff_account', detail: 'This address belongs to a staff account.' }],
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

assisted.openapi(
  createRoute({
    middleware: [requireProxy()] as const,
    method: 'post',
    path: '/{id}/claim-code',
    tags: ['Cases'],
    summary: 'A code with which the citizen of an assisted case claims their account (sets a password) with their phone number.',
    description:
      'For the counter officer or helper who filed the case, after checking the citizen’s phone in person. Valid for 7 days; ' +
      'the citizen enters their phone number, the code and a password at /claim. 409 when the account has a password already or no phone.',
    request: { params: CaseIdParamSchema },
    responses: { 201: jsonResponse(ClaimCodeSchema, 'Issued (shown once).'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user')!;
    const found = await findCase(c.env.DB, id);
    if (!found || found.filedById !== user.id) fail(404, 'case-not-found', `You did not file a case ${id}.`);
    const phone = await claimablePhone(c.env.DB, found.citizenId);
    if (!phone) fail(409, 'not-claimable', 'The citizen’s account has a password already, or no phone number to check.');
    const digits = crypto.getRandomValues(new Uint32Array(2));
    const code = String((digits[0]! % 90_000_000) + 10_000_000);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + COUNTER_CLAIM_DAYS * 86_400_000);
    await insertClaim(c.env.DB, { secret: counterSecret(phone, code), userId: found.citizenId, channel: 'counter', issuedBy: user.id, now, expiresAt });
    await auditStatement(c.env.DB, { actorId: user.id, action: 'account.claim_code', target: `user:${found.citizenId}`, detail: { caseId: id }, at: now.toISOString() }).run();
    return c.json({ code, expiresAt: expiresAt.toISOString() }, 201);
  },
);

export default assisted;
