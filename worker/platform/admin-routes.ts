import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditStatement } from './audit';
import { closureStatement, listClosures } from './closures';
import { jsonBody, jsonResponse, problems } from './openapi';
import { createRouter } from './validation';
import { agencyExists } from './reference/db';
import { requireRole } from './auth/middleware';
import { ClosureSchema, IdentityLevelSchema } from './schemas';
import { fail } from './problem';
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

const IdentityLevelRequestSchema = z.strictObject({ level: IdentityLevelSchema }).meta({ id: 'IdentityLevelRequest' });

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'put',
    path: '/users/{id}/identity-level',
    tags: ['Administration'],
    summary: "Set an account's identity level after an admin verification (an identity provider later).",
    request: { params: z.object({ id: z.string().min(1).max(64) }), ...jsonBody(IdentityLevelRequestSchema) },
    responses: { 200: jsonResponse(IdentityLevelRequestSchema, 'Saved.'), ...problems(400, 401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { level } = c.req.valid('json');
    const at = new Date().toISOString();
    const exists = await c.env.DB.prepare('SELECT 1 AS one FROM users WHERE id = ?').bind(id).first();
    if (!exists) fail(404, 'user-not-found', `No account ${id}.`);
    await c.env.DB.batch([
      c.env.DB.prepare('UPDATE users SET identity_level = ? WHERE id = ?').bind(level, id),
      auditStatement(c.env.DB, { actorId: c.get('user')!.id, action: 'account.identity_level', target: `user:${id}`, detail: { level }, at }),
    ]);
    return c.json({ level }, 200);
  },
);

export default admin;
