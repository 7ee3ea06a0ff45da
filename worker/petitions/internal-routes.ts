import { z } from 'zod';
import { petitionAudiences, petitionEventTypes, petitionStates, rejectionGrounds } from '../../workflows/petition/contract';
import type { Bindings } from '../platform/env';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmails } from '../platform/notifications/email';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { applyProjectionStatements, countValid, petitionExists } from './db';
import { notifyPetitionEvent } from './notify';

/** Routes the Temporal worker process calls: projections and the settled count. HMAC-signed. */
const internal = createRouter();
const instant = z.iso.datetime();

const SnapshotSchema = z.strictObject({
  state: z.enum(petitionStates),
  agencyId: z.string().max(40).nullable(),
  submittedAt: instant,
  reviewDueAt: instant,
  reviewOverdue: z.boolean(),
  publishedAt: instant.nullable(),
  windowEndsAt: instant.nullable(),
  passedAt: instant.nullable(),
  endedAt: instant.nullable(),
  assignedAt: instant.nullable(),
  responseDueAt: instant.nullable(),
  originalResponseDueAt: instant.nullable(),
  extended: z.boolean(),
  responseOverdue: z.boolean(),
  respondedAt: instant.nullable(),
  respondedOnTime: z.boolean().nullable(),
  closedAt: instant.nullable(),
  rejectionGround: z.enum(rejectionGrounds).nullable(),
});

const EventSchema = z.strictObject({
  petitionId: z.string().min(1).max(40),
  seq: z.int().min(1),
  type: z.enum(petitionEventTypes),
  occurredAt: instant,
  actorId: z.string().max(64).optional(),
  body: z.record(z.string(), z.union([z.string().max(200_000), z.number(), z.boolean()])).optional(),
  snapshot: SnapshotSchema,
  notify: z.array(z.enum(petitionAudiences)).max(5).optional(),
});

internal.use('*', requireInternalSignature());

internal.post('/petition-events', validate('json', EventSchema), async (c) => {
  const ev = c.req.valid('json');
  if (!(await petitionExists(c.env.DB, ev.petitionId))) fail(404, 'petition-not-found', `No petition ${ev.petitionId}.`);
  const [, upd] = await c.env.DB.batch(applyProjectionStatements(c.env.DB, ev, new Date().toISOString()));
  const notified = ev.notify?.length ? await notifyPetitionEvent(c.env, ev) : 0;
  if (notified > 0) c.executionCtx.waitUntil(deliverSoon(c.env));
  return c.json({ applied: (upd?.meta.changes ?? 0) === 1, notified }, 200);
});

internal.post('/petition-count', validate('json', z.strictObject({ petitionId: z.string().min(1).max(40) })), async (c) => {
  const { petitionId } = c.req.valid('json');
  if (!(await petitionExists(c.env.DB, petitionId))) fail(404, 'petition-not-found', `No petition ${petitionId}.`);
  return c.json({ valid: await countValid(c.env.DB, petitionId) }, 200);
});

async function deliverSoon(env: Bindings): Promise<void> {
  await deliverEmails(env).catch(() => undefined);
}

export default internal;
