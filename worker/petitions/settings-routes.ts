/** Platform settings of petitions (threshold, periods, identity level) and quiet periods. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { checkPetitionSettings } from '../../domain/petitions/settings';
import { petitionSignals, petitionWorkflowId } from '../../workflows/petition/contract';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { enqueueStatement } from '../platform/outbox/db';
import { publishOutbox } from '../platform/outbox/queue';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { getSettings, listQuietPeriods, putSettingsStatement } from './db';
import { QuietPeriodRequestSchema, QuietPeriodSchema, SettingsSchema } from './schemas';

const settings = createRouter();
const tags = ['Petition settings'];

settings.openapi(
  createRoute({
    method: 'get',
    path: '/settings',
    tags,
    summary: 'The platform rules: threshold, review period, endorsement window, response period, identity level.',
    responses: { 200: jsonResponse(SettingsSchema, 'Settings.') },
  }),
  async (c) => c.json(await getSettings(c.env.DB), 200),
);

settings.openapi(
  createRoute({
    middleware: [requireRole('admin')] as const,
    method: 'put',
    path: '/settings',
    tags,
    summary: 'Change the rules for petitions submitted from now on (running ones keep theirs).',
    request: jsonBody(SettingsSchema),
    responses: { 200: jsonResponse(SettingsSchema, 'Saved.'), ...problems(400, 401, 403, 422) },
  }),
  async (c) => {
    const s = c.req.valid('json');
    const bad = checkPetitionSettings(s);
    if (bad.length) fail(422, 'validation', 'The request body is not valid.', { errors: bad.map((detail) => ({ pointer: '', in: 'body' as const, code: 'invalid' as const, detail })) });
    const at = new Date().toISOString();
    await c.env.DB.batch([
      putSettingsStatement(c.env.DB, s, at),
      auditStatement(c.env.DB, { actorId: c.get('user')!.id, action: 'petition.settings', target: 'petition-settings', detail: { ...s }, at }),
    ]);
    return c.json(s, 200);
  },
);

settings.openapi(
  createRoute({
    method: 'get',
    path: '/quiet-periods',
    tags,
    summary: 'Quiet periods (no new petitions; endorsement windows suspended and resumed afterwards).',
    responses: { 200: jsonResponse(z.object({ items: z.array(QuietPeriodSchema) }), 'Quiet periods.') },
  }),
  async (c) => c.json({ items: await listQuietPeriods(c.env.DB) }, 200),
);

settings.openapi(
  createRoute({
    middleware: [requireRole('admin')] as const,
    method: 'post',
    path: '/quiet-periods',
    tags,
    summary: 'Declare a quiet period; every open petition is signalled and its window moves by the overlap.',
    request: jsonBody(QuietPeriodRequestSchema),
    responses: { 201: jsonResponse(QuietPeriodSchema, 'Declared.'), ...problems(400, 401, 403, 422) },
  }),
  async (c) => {
    const q = c.req.valid('json');
    const user = c.get('user')!;
    const at = new Date().toISOString();
    const row = await c.env.DB.prepare(
      'INSERT INTO petition_quiet_periods (starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    )
      .bind(q.from, q.until, q.reason, user.id, at)
      .first<{ id: number }>();
    const periods = (await listQuietPeriods(c.env.DB)).map((p) => ({ from: p.from, until: p.until }));
    const { results } = await c.env.DB.prepare(`SELECT id FROM petitions WHERE state IN ('in_review', 'open')`).all<{ id: string }>();
    await c.env.DB.batch([
      auditStatement(c.env.DB, { actorId: user.id, action: 'petition.quiet_period', target: `quiet-period:${row!.id}`, detail: q, at }),
      ...results.map((p) =>
        enqueueStatement(c.env.DB, {
          kind: 'signal_workflow',
          aggregateId: `${petitionWorkflowId(p.id)}:quiet:${row!.id}`,
          payload: { workflowId: petitionWorkflowId(p.id), signal: petitionSignals.quietPeriods, input: [{ periods }] },
          now: at,
        }),
      ),
    ]);
    c.executionCtx.waitUntil(
      publishOutbox(
        c.env,
        results.map((p) => ({ kind: 'signal_workflow' as const, aggregateId: `${petitionWorkflowId(p.id)}:quiet:${row!.id}` })),
      ),
    );
    return c.json({ id: row!.id, from: q.from, until: q.until, reason: q.reason }, 201);
  },
);

export default settings;
