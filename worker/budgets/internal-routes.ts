/** Routes the Temporal worker process calls for budget rounds; HMAC-signed, not in OpenAPI. */
import { z } from 'zod';
import { budgetInternalRoutes, budgetRoundEventTypes, roundPhases } from '../../workflows/budget-round/contract';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { applyRoundEvent, findRound } from './db';
import { notifyRoundEvent } from './notify';
import { RoundIdSchema, ScheduleSchema } from './schemas';
import { storeResults } from './tally-service';

const internal = createRouter();
const base = '/internal/v1';

const EventSchema = z.strictObject({
  roundId: RoundIdSchema,
  seq: z.int().min(1),
  type: z.enum(budgetRoundEventTypes),
  phase: z.enum(roundPhases),
  occurredAt: z.iso.datetime(),
  schedule: ScheduleSchema,
  reason: z.string().max(500).optional(),
});

internal.use('*', requireInternalSignature());

internal.post(budgetInternalRoutes.events.slice(base.length), validate('json', EventSchema), async (c) => {
  const ev = c.req.valid('json');
  const round = await findRound(c.env.DB, ev.roundId);
  if (!round) fail(404, 'round-not-found', `No round ${ev.roundId}.`);
  const applied = await applyRoundEvent(c.env.DB, ev);
  const notified = applied ? await notifyRoundEvent(c.env, ev, round.title) : 0;
  if (notified > 0) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
  return c.json({ applied, notified }, 200);
});

internal.post(budgetInternalRoutes.tally.slice(base.length), validate('json', z.strictObject({ roundId: RoundIdSchema })), async (c) => {
  const round = await findRound(c.env.DB, c.req.valid('json').roundId);
  if (!round) fail(404, 'round-not-found', 'No such round.');
  const results = await storeResults(c.env.DB, round);
  return c.json({ districts: results.length }, 200);
});

export default internal;
