/** Routes the Temporal worker process calls for budget rounds; HMAC-signed, not in OpenAPI. */
import { z } from 'zod';
import { budgetInternalRoutes, budgetRoundEventTypes, countPageLimit, roundPhases } from '../../workflows/budget-round/contract';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { countRoundInfo, countable, receiveResults } from './count-store';
import { applyRoundEvent, findRound, pageAcceptedProjects, pageBallots } from './db';
import { notifyRoundEvent } from './notify';
import { requirePhase } from './rounds';
import { DistrictCodeSchema, RoundIdSchema, ScheduleSchema } from './schemas';

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

const CursorSchema = z.strictObject({ districtCode: DistrictCodeSchema, id: z.string().min(1).max(64) });

internal.post(budgetInternalRoutes.countRound.slice(base.length), validate('json', z.strictObject({ roundId: RoundIdSchema })), async (c) => {
  const round = await findRound(c.env.DB, c.req.valid('json').roundId);
  if (!round) fail(404, 'round-not-found', 'No such round.');
  return c.json(await countRoundInfo(c.env.DB, round), 200);
});

internal.post(
  budgetInternalRoutes.countPage.slice(base.length),
  validate(
    'json',
    z.strictObject({ roundId: RoundIdSchema, of: z.enum(['projects', 'ballots']), after: CursorSchema.nullable(), limit: z.int().min(1).max(countPageLimit) }),
  ),
  async (c) => {
    const { roundId, of, after, limit } = c.req.valid('json');
    const round = await findRound(c.env.DB, roundId);
    if (!round) fail(404, 'round-not-found', 'No such round.');
    requirePhase(round, countable, 'Counting');
    const items = of === 'projects' ? await pageAcceptedProjects(c.env.DB, roundId, after, limit) : await pageBallots(c.env.DB, roundId, after, limit);
    const last = items.length === limit ? items[items.length - 1]! : null;
    return c.json({ items, next: last ? { districtCode: last.districtCode, id: last.id } : null }, 200);
  },
);

internal.post(
  budgetInternalRoutes.results.slice(base.length),
  validate(
    'json',
    z.strictObject({
      roundId: RoundIdSchema,
      countId: z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 in hex.'),
      part: z.int().min(0).max(9_999),
      parts: z.int().min(1).max(10_000),
      // ASCII JSON text (count-round.ts); the 64 KB body limit bounds it too.
      chunk: z.string().min(1).max(60_000).regex(/^[\x20-\x7e]*$/, 'Not ASCII text.'),
    }),
  ),
  async (c) => {
    const body = c.req.valid('json');
    const round = await findRound(c.env.DB, body.roundId);
    if (!round) fail(404, 'round-not-found', 'No such round.');
    return c.json(await receiveResults(c.env.DB, round, body), 200);
  },
);

export default internal;
