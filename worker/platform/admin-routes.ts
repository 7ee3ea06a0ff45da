import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditStatement } from './audit';
import { closureStatement, listClosures } from './closures';
import { jsonBody, jsonResponse, problems } from './openapi';
import { createRouter } from './validation';
import { fail } from './problem';
import { agencyExists } from './reference/db';
import { requireRole } from './auth/middleware';
import { ClosureSchema } from './schemas';
import { deliverEmails } from './notifications/email';
import { drainOutbox } from './outbox/drain';

/** Platform administration: office closures (typhoon days) and operational levers. */
const admin = createRouter();
const adminOnly = requireRole('admin');

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'get',
    path: '/closures',
    tags: ['Administration'],
    summary: 'Ad-hoc office closures (typhoon days), newest first.',
    responses: { 200: jsonResponse(z.object({ items: z.array(ClosureSchema) }), 'Closures.'), ...problems(401, 403) },
  }),
  async (c) => c.json({ items: await listClosures(c.env.DB) }, 200),
);

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'post',
    path: '/closures',
    tags: ['Administration'],
    summary: 'Declare an office closure; cases filed from then on count it as a non-working day.',
    request: jsonBody(ClosureSchema),
    responses: { 201: jsonResponse(ClosureSchema, 'Saved.'), ...problems(400, 401, 403, 422) },
  }),
  async (c) => {
    const closure = c.req.valid('json');
    if (closure.scope !== '*' && !(await agencyExists(c.env.DB, closure.scope))) {
      fail(422, 'validation', 'The request body is not valid.', {
        errors: [{ pointer: '/scope', in: 'body', code: 'unknown_reference', detail: 'No agency has this id.' }],
      });
    }
    const at = new Date().toISOString();
    const user = c.get('user')!;
    await c.env.DB.batch([
      closureStatement(c.env.DB, { ...closure, createdBy: user.id, createdAt: at }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'calendar.closure', target: `date:${closure.date}`, detail: closure, at }),
    ]);
    return c.json(closure, 201);
  },
);

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'post',
    path: '/outbox/drain',
    tags: ['Administration'],
    summary: 'Run the outbox and e-mail drains now (they also run on the cron trigger).',
    responses: {
      200: jsonResponse(z.object({ workflows: z.object({ done: z.int(), failed: z.int() }), emails: z.object({ sent: z.int(), failed: z.int() }) }), 'Drained.'),
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const [workflows, emails] = await Promise.all([drainOutbox(c.env), deliverEmails(c.env)]);
    return c.json({ workflows, emails }, 200);
  },
);

export default admin;
