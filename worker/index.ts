import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { budgetBallotRoutes, budgetBenchRoutes, budgetProjectRoutes, budgetRoundEventRoutes, budgetRoundRoutes } from './budgets';
import { assistedCaseRoutes, caseActionRoutes, caseEventRoutes, caseRoutes } from './cases';
import {
  consultationCommentRoutes,
  consultationDispositionRoutes,
  consultationEventRoutes,
  consultationFigureRoutes,
  consultationOpenDataRoutes,
  consultationRoutes,
} from './consultations';
import { dailyPublicStats, dashboardRoutes, escalationRoutes, publicFigureRoutes } from './dashboard';
import { open311Routes } from './open311';
import {
  petitionActionRoutes,
  petitionBenchRoutes,
  petitionEndorsementRoutes,
  petitionEventRoutes,
  petitionIntegrityRoutes,
  petitionListRoutes,
  petitionConfirmationRoutes,
  endorsementDefersAuth,
  petitionOpenDataRoutes,
  petitionPageRoutes,
  petitionSettingsRoutes,
} from './petitions';
import admin from './platform/admin-routes';
import attachments from './platform/attachments/routes';
import auth from './platform/auth/routes';
import emailVerification from './platform/auth/email-verification';
import registration from './platform/auth/registration';
import { purgeUnconfirmed } from './platform/auth/account-links';
import { authenticate } from './platform/auth/middleware';
import { mountDocs } from './platform/docs';
import type { AppEnv, Bindings } from './platform/env';
import health from './platform/health';
import devMailbox from './platform/notifications/dev-mailbox';
import { deliverEmails } from './platform/notifications/email';
import notifications from './platform/notifications/routes';
import { consumeOutboxBatch, sweepOutbox } from './platform/outbox/queue';
import { ProblemError, fail, problem, problemResponse } from './platform/problem';
import reference from './platform/reference/routes';

const MAX_BODY_BYTES = 64 * 1024;

const app = new OpenAPIHono<AppEnv>();

app.use('*', requestId());
app.use('*', secureHeaders());
const jsonLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => fail(413, 'body-too-large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`),
});
// File uploads have their own, larger limit (worker/platform/attachments/routes.ts).
app.use('*', (c, next) => (c.req.path === '/api/v1/attachments' && c.req.method === 'POST' ? next() : jsonLimit(c, next)));

const api = new OpenAPIHono<AppEnv>();
// Cookie-authenticated writes must come from our own origin; bearer tokens are not sent by
// browsers on their own, so API clients (which send no Origin) are not held to it.
const sameOrigin = csrf();
api.use('*', (c, next) => (c.req.header('authorization')?.startsWith('Bearer ') ? next() : sameOrigin(c, next)));
// Endorsing resolves its session inside its own D1 batch (one round trip on the hot path).
api.use('*', authenticate({ defer: endorsementDefersAuth }));
// Platform
api.route('/auth', auth);
api.route('/auth', emailVerification);
api.route('/auth', registration);
api.route('/health', health);
api.route('/notifications', notifications);
api.route('/admin', admin);
api.route('/attachments', attachments);
api.route('/', reference);
// Legs
api.route('/cases', caseRoutes);
api.route('/cases', caseActionRoutes);
api.route('/assisted-cases', assistedCaseRoutes);
api.route('/dashboard', dashboardRoutes);
api.route('/escalations', escalationRoutes);
api.route('/public', publicFigureRoutes);
// Static petition paths first, so that none is read as a petition number.
api.route('/petitions', petitionListRoutes);
api.route('/petitions', petitionConfirmationRoutes);
api.route('/petitions', petitionSettingsRoutes);
api.route('/petitions', petitionOpenDataRoutes);
api.route('/petitions', petitionPageRoutes);
api.route('/petitions', petitionEndorsementRoutes);
api.route('/petitions', petitionActionRoutes);
api.route('/petitions', petitionIntegrityRoutes);
api.route('/consultations', consultationRoutes);
api.route('/consultations', consultationCommentRoutes);
api.route('/consultations', consultationDispositionRoutes);
api.route('/consultation-figures', consultationFigureRoutes);
api.route('/open-data', consultationOpenDataRoutes);
api.route('/budget-rounds', budgetRoundRoutes);
api.route('/budget-rounds', budgetProjectRoutes);
api.route('/budget-rounds', budgetBallotRoutes);
mountDocs(api);

app.route('/api/v1', api);
app.route('/internal/v1', caseEventRoutes);
app.route('/internal/v1', petitionEventRoutes);
app.route('/internal/v1', consultationEventRoutes);
app.route('/internal/v1', budgetRoundEventRoutes);
app.route('/dev', devMailbox);
app.route('/internal/bench', budgetBenchRoutes);
// Not under /dev: the mailbox's admin-only middleware covers /dev/* and answered the petition
// baseline with 401 before it reached its insert.
app.route('/internal/bench/petitions', petitionBenchRoutes);
// Open311 clients post cross-origin forms with API keys: outside the cookie/CSRF-protected /api.
app.route('/open311/v2', open311Routes);

app.notFound((c) => problemResponse(problem(404, 'not-found', `Nothing at ${new URL(c.req.url).pathname}.`)));

app.onError((err, c) => {
  if (err instanceof ProblemError) return problemResponse(err.problem, err.headers);
  if (err instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies, CSRF refusals and the like.
    const status = err.status;
    const slug = status === 400 ? 'malformed-request' : status === 403 ? 'forbidden' : 'http-error';
    return problemResponse(problem(status, slug, err.message || undefined));
  }
  // No request data in logs: only the route and the request id.
  console.error(`unhandled error on ${c.req.method} ${c.req.routePath} [${c.get('requestId')}]:`, err);
  return problemResponse(
    problem(500, 'internal', 'Something went wrong on our side; nothing you sent was lost.', {
      instance: `urn:request:${c.get('requestId')}`,
    }),
  );
});

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    // The daily public figures are computed by the first run after midnight (Taipei).
    // Forgetting unconfirmed registrations may fail on a reference nobody foresaw; the next run tries again.
    const purge = purgeUnconfirmed(env.DB).catch(() => 0);
    ctx.waitUntil(Promise.all([sweepOutbox(env), deliverEmails(env), dailyPublicStats(env.DB), purge]).then(() => undefined));
  },
  async queue(batch, env) {
    await consumeOutboxBatch(batch, env);
  },
} satisfies ExportedHandler<Bindings>;

