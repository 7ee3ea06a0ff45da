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
import type { AppContext } from './env';
import type { IdentityLevel } from './identity';
import { deliverEmails } from './notifications/email';
import { sweepOutbox } from './outbox/queue';
import { calendarChangeStatements, currentCalendar } from './calendar-changes';

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
    summary:
      'Declare an office closure (typhoon day); every case counts it as a non-working day: open cases are signalled, and their deadlines on that day move to the next working day.',
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
      ...calendarChangeStatements(c.env.DB, { kind: 'office_closure', date: closure.date, scope: closure.scope, at }),
    ]);
    c.executionCtx.waitUntil(drainSoon(c.env));
    return c.json(closure, 201);
  },
);

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'post',
    path: '/calendar/propagate',
    tags: ['Administration'],
    summary:
      'Send the official calendar of this deployment (after a revision or a new year) to every open case; deadlines still ahead are counted again and never shortened.',
    responses: {
      202: jsonResponse(z.object({ edition: z.string() }), 'Queued in the outbox.'),
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const at = new Date().toISOString();
    const user = c.get('user')!;
    await c.env.DB.batch([
      auditStatement(c.env.DB, { actorId: user.id, action: 'calendar.propagate', target: `calendar:${currentCalendar.edition}`, detail: {}, at }),
      ...calendarChangeStatements(c.env.DB, { kind: 'calendar_revision', calendar: currentCalendar, at }),
    ]);
    c.executionCtx.waitUntil(drainSoon(c.env));
    return c.json({ edition: currentCalendar.edition }, 202);
  },
);

/** Sends a first batch now and hands a large backlog (a city-wide closure) to the queue. */
async function drainSoon(env: Parameters<typeof sweepOutbox>[0]): Promise<void> {
  await sweepOutbox(env).catch((e: unknown) =>
    // The cron drain retries the rest; the line says why this early attempt failed.
    console.error(JSON.stringify({ msg: 'outbox drain after a calendar change failed', error: (e as Error).message })),
  );
}

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
    const [sweep, emails] = await Promise.all([sweepOutbox(c.env), deliverEmails(c.env)]);
    return c.json({ workflows: { done: sweep.done, failed: sweep.failed }, emails }, 200);
  },
);

const IdentityLevelRequestSchema = z.strictObject({ level: IdentityLevelSchema }).meta({ id: 'IdentityLevelRequest' });

/**
 * Sets the platform identity level of one account (the only level: every leg checks it), with
 * the previous level in the audit trail. One batch: the level and its audit row, or neither.
 */
async function setIdentityLevel(c: AppContext, user: { id: string; identity_level: IdentityLevel }, level: IdentityLevel) {
  const at = new Date().toISOString();
  await c.env.DB.batch([
    c.env.DB.prepare('UPDATE users SET identity_level = ? WHERE id = ?').bind(level, user.id),
    auditStatement(c.env.DB, {
      actorId: c.get('user')!.id,
      action: 'account.identity_level',
      target: `user:${user.id}`,
      detail: { level, previous: user.identity_level },
      at,
    }),
  ]);
}

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'put',
    path: '/users/{id}/identity-level',
    tags: ['Administration'],
    summary: "Set an account's platform identity level after an admin verification (an identity provider later).",
    request: { params: z.object({ id: z.string().min(1).max(64) }), ...jsonBody(IdentityLevelRequestSchema) },
    responses: { 200: jsonResponse(IdentityLevelRequestSchema, 'Saved.'), ...problems(400, 401, 403, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { level } = c.req.valid('json');
    const user = await c.env.DB.prepare('SELECT id, identity_level FROM users WHERE id = ?').bind(id).first<{ id: string; identity_level: IdentityLevel }>();
    if (!user) fail(404, 'user-not-found', `No account ${id}.`);
    await setIdentityLevel(c, user, level);
    return c.json({ level }, 200);
  },
);

const IdentityVerificationSchema = z
  .strictObject({ email: z.email().max(254), level: IdentityLevelSchema })
  .meta({ id: 'IdentityVerificationRequest' });

admin.openapi(
  createRoute({
    middleware: [adminOnly] as const,
    method: 'post',
    path: '/identity-verifications',
    tags: ['Administration'],
    summary: 'Record an admin verification by the account\'s e-mail address: sets its platform identity level (the admin page uses this).',
    request: jsonBody(IdentityVerificationSchema),
    responses: {
      200: jsonResponse(z.object({ level: IdentityLevelSchema, previous: IdentityLevelSchema }), 'Saved.'),
      ...problems(400, 401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { email, level } = c.req.valid('json');
    const user = await c.env.DB.prepare('SELECT id, identity_level FROM users WHERE lower(email) = lower(?)')
      .bind(email)
      .first<{ id: string; identity_level: IdentityLevel }>();
    if (!user) fail(404, 'user-not-found', 'No account has this e-mail address.');
    await setIdentityLevel(c, user, level);
    return c.json({ level, previous: user.identity_level }, 200);
  },
);

export default admin;
