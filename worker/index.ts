import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Bindings } from './env';
import { ProblemError, fail, problem, problemResponse } from './lib/problem';
import { authenticate } from './middleware/auth';
import admin from './routes/admin';
import assisted from './routes/assisted';
import auth from './routes/auth';
import dashboard from './routes/dashboard';
import escalations from './routes/escalations';
import publicData from './routes/public';
import caseActions from './routes/case-actions';
import cases from './routes/cases';
import devMailbox from './routes/dev-mailbox';
import { mountDocs } from './routes/docs';
import health from './routes/health';
import internal from './routes/internal';
import notifications from './routes/notifications';
import open311 from './routes/open311';
import reference from './routes/reference';
import { deliverEmails } from './services/email';
import { drainOutbox } from './services/outbox';
import { dailyPublicStats } from './services/public-stats';

const MAX_BODY_BYTES = 64 * 1024;

const app = new OpenAPIHono<AppEnv>();

app.use('*', requestId());
app.use('*', secureHeaders());
app.use(
  '*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => fail(413, 'body-too-large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.`),
  }),
);

const api = new OpenAPIHono<AppEnv>();
// Cookie-authenticated writes must come from our own origin.
api.use('*', csrf());
api.use('*', authenticate());
api.route('/auth', auth);
api.route('/cases', cases);
api.route('/cases', caseActions);
api.route('/assisted-cases', assisted);
api.route('/health', health);
api.route('/notifications', notifications);
api.route('/admin', admin);
api.route('/dashboard', dashboard);
api.route('/escalations', escalations);
api.route('/public', publicData);
api.route('/', reference);
mountDocs(api);

app.route('/api/v1', api);
app.route('/internal/v1', internal);
app.route('/dev', devMailbox);
// Open311 clients post cross-origin forms with API keys: outside the cookie/CSRF-protected /api.
app.route('/open311/v2', open311);

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
    ctx.waitUntil(Promise.all([drainOutbox(env), deliverEmails(env), dailyPublicStats(env.DB)]).then(() => undefined));
  },
} satisfies ExportedHandler<Bindings>;

