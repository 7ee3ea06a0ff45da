import { z } from 'zod';
import { consultationEventTypes, consultationStates, responseStates } from '../../workflows/consultation/contract';
import type { Bindings } from '../platform/env';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmails } from '../platform/notifications/email';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { applyConsultationEvent, findConsultation } from './db';
import { notifyConsultationEvent } from './notify';

/** The route the Temporal worker calls to project consultation events; HMAC-signed, not in OpenAPI. */
const internal = createRouter();

const EventSchema = z.strictObject({
  consultationId: z.string().min(1).max(40),
  seq: z.int().min(1),
  type: z.enum(consultationEventTypes),
  state: z.enum(consultationStates),
  occurredAt: z.iso.datetime(),
  responseDueAt: z.iso.datetime().optional(),
  responseState: z.enum(responseStates).optional(),
  level: z.union([z.literal(50), z.literal(75)]).optional(),
  notify: z.array(z.enum(['followers', 'agency_officers', 'supervisors', 'oversight'])).max(4).optional(),
});

internal.use('/consultation-events', requireInternalSignature());

internal.post('/consultation-events', validate('json', EventSchema), async (c) => {
  const ev = c.req.valid('json');
  const record = await findConsultation(c.env.DB, ev.consultationId);
  if (!record) fail(404, 'consultation-not-found', `No consultation ${ev.consultationId}.`);
  const { applied, reportPublished } = await applyConsultationEvent(c.env.DB, ev);
  // Warnings about a report that is already out would only mislead; a retried event adds nothing.
  const stale = reportPublished && (ev.type === 'response_warning' || ev.type === 'response_overdue');
  const notified = applied && !stale && ev.notify?.length ? await notifyConsultationEvent(c.env, record, ev) : 0;
  if (notified > 0) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
  return c.json({ applied, reportPublished, notified }, 200);
});

async function deliverEmailsSoon(env: Bindings): Promise<void> {
  await deliverEmails(env).catch(() => undefined);
}

export default internal;
