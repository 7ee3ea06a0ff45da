import { z } from 'zod';
import { caseEventTypes, caseStates, notProcessedCodes, slaStates } from '../../workflows/case/contract';
import { applyCaseEvent, caseExists } from './db';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { caseOutcome } from './metrics';
import { notifyCaseEvent } from './notify';

/** Routes the Temporal worker process calls to write projections; HMAC-signed, not in OpenAPI. */
const internal = createRouter();

const instant = z.iso.datetime();
const LegSchema = z.strictObject({
  agencyId: z.string().min(1).max(40),
  startedAt: instant,
  dueAt: instant,
  endedAt: instant.nullable(),
  timely: z.boolean().nullable(),
});

const SnapshotSchema = z.strictObject({
  state: z.enum(caseStates),
  agencyId: z.string().min(1).max(40),
  assigneeId: z.string().max(64).nullable(),
  receivedAt: instant,
  acknowledgedAt: instant.nullable(),
  ackDueAt: instant,
  resolutionDueAt: instant,
  originalResolutionDueAt: instant,
  extended: z.boolean(),
  pausedSince: instant.nullable(),
  supplementDueAt: instant.nullable(),
  repliedAt: instant.nullable(),
  closedAt: instant.nullable(),
  notProcessedCode: z.enum(notProcessedCodes).nullable(),
  sla: z.enum(slaStates),
  escalations: z.int().min(0),
  legs: z.array(LegSchema).max(100),
});

const CaseProjectionEventSchema = z.strictObject({
  caseId: z.string().min(1).max(40),
  seq: z.int().min(1),
  type: z.enum(caseEventTypes),
  state: z.enum(caseStates),
  occurredAt: instant,
  actorId: z.string().max(64).optional(),
  ackDueDate: z.iso.date().optional(),
  resolutionDueDate: z.iso.date().optional(),
  repliedAt: instant.optional(),
  body: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])).optional(),
  snapshot: SnapshotSchema.optional(),
  notify: z.array(z.enum(['citizen', 'assignee', 'agency_officers', 'supervisors', 'oversight'])).max(5).optional(),
});

internal.use('*', requireInternalSignature());

internal.post('/case-events', validate('json', CaseProjectionEventSchema), async (c) => {
  const ev = c.req.valid('json');
  if (!(await caseExists(c.env.DB, ev.caseId))) fail(404, 'case-not-found', `No case ${ev.caseId}.`);
  const applied = await applyCaseEvent(c.env.DB, ev, ev.snapshot ? caseOutcome(ev.snapshot) : undefined);
  // Notifications are keyed by (case, seq, user): a retried delivery adds nothing.
  const notified = ev.notify?.length ? await notifyCaseEvent(c.env, ev) : 0;
  if (notified > 0) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
  return c.json({ applied, notified }, 200);
});

export default internal;
