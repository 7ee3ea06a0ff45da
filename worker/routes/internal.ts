import { z } from 'zod';
import { caseStates } from '../../workflows/contracts';
import { applyCaseEvent, caseExists } from '../db/cases';
import { fail } from '../lib/problem';
import { createRouter, validate } from '../lib/validation';
import { requireInternalSignature } from '../middleware/internal-signature';

/** Routes the Temporal worker process calls to write projections; HMAC-signed, not in OpenAPI. */
const internal = createRouter();

const CaseProjectionEventSchema = z.strictObject({
  caseId: z.string().min(1).max(40),
  seq: z.int().min(1),
  type: z.enum(['workflow_started', 'deadlines_computed', 'ack_overdue', 'replied', 'closed']),
  state: z.enum(caseStates),
  occurredAt: z.iso.datetime(),
  actorId: z.string().max(64).optional(),
  ackDueDate: z.iso.date().optional(),
  resolutionDueDate: z.iso.date().optional(),
  repliedAt: z.iso.datetime().optional(),
  body: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])).optional(),
});

internal.use('*', requireInternalSignature());

internal.post('/case-events', validate('json', CaseProjectionEventSchema), async (c) => {
  const ev = c.req.valid('json');
  if (!(await caseExists(c.env.DB, ev.caseId))) fail(404, 'case-not-found', `No case ${ev.caseId}.`);
  const applied = await applyCaseEvent(c.env.DB, ev);
  return c.json({ applied }, 200);
});

export default internal;
