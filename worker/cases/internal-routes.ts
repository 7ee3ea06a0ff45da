import { z } from 'zod';
import { type Audience, type CaseProjectionEvent, caseStates, notProcessedCodes, slaStates } from '../../workflows/case/contract';
import { caseEventStatements } from './db';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { trackProjectionRefusals } from '../platform/projection-refusals';
import { caseOutcome } from './metrics';
import { caseNoticeStatements, readCaseForNotices } from './notify';

/**
 * Routes the Temporal worker process calls to write projections; HMAC-signed, not in OpenAPI.
 * Tolerant on purpose: during a rolling deploy a newer or older worker may send fields or event
 * types this edge does not know. Unknown fields are dropped and unknown event types stored on
 * the timeline as they are; only what the read model relies on is checked strictly.
 */
const internal = createRouter();

const instant = z.iso.datetime();
const LegSchema = z.object({
  agencyId: z.string().min(1).max(40),
  startedAt: instant,
  dueAt: instant,
  endedAt: instant.nullable(),
  timely: z.boolean().nullable(),
});

const SnapshotSchema = z.object({
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
  ackMissed: z.boolean().optional(),
  answerMissed: z.boolean().optional(),
});

const audiences: readonly Audience[] = ['citizen', 'assignee', 'agency_officers', 'supervisors', 'oversight'];

const CaseProjectionEventSchema = z.object({
  caseId: z.string().min(1).max(40),
  seq: z.int().min(1),
  type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  state: z.enum(caseStates),
  occurredAt: instant,
  actorId: z.string().max(64).optional(),
  ackDueDate: z.iso.date().optional(),
  resolutionDueDate: z.iso.date().optional(),
  repliedAt: instant.optional(),
  body: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()])).optional(),
  snapshot: SnapshotSchema.optional(),
  // Audiences this edge does not know are left out rather than refusing the event.
  notify: z
    .array(z.string().max(40))
    .max(10)
    .transform((list) => list.filter((a): a is Audience => (audiences as readonly string[]).includes(a)))
    .optional(),
});

/** Most events one request may carry (the worker sends up to 20, split to stay under 64 KB). */
const MAX_BATCH_EVENTS = 50;

/**
 * Several events of one case (issue 11): applied in seq order, whatever order they arrive in,
 * with their notices, in one D1 batch. Workers from before batching send one event alone.
 */
const CaseProjectionBatchSchema = z
  .object({
    caseId: z.string().min(1).max(40),
    events: z.array(CaseProjectionEventSchema).min(1).max(MAX_BATCH_EVENTS),
  })
  .superRefine((batch, ctx) => {
    const seqs = new Set<number>();
    batch.events.forEach((ev, i) => {
      if (ev.caseId !== batch.caseId) ctx.addIssue({ code: 'custom', path: ['events', i, 'caseId'], message: 'Every event of a batch belongs to its case.' });
      if (seqs.has(ev.seq)) ctx.addIssue({ code: 'custom', path: ['events', i, 'seq'], message: 'A seq appears twice in the batch.' });
      seqs.add(ev.seq);
    });
  });

const ProjectionBodySchema = z.union([CaseProjectionBatchSchema, CaseProjectionEventSchema]);

const caseIdOf = (body: unknown) => {
  const id = (body as { caseId?: unknown } | null)?.caseId;
  return typeof id === 'string' && id.length <= 40 ? id : null;
};

internal.use('*', trackProjectionRefusals(caseIdOf));
internal.use('*', requireInternalSignature());

internal.post('/case-events', validate('json', ProjectionBodySchema), async (c) => {
  const body = c.req.valid('json');
  const single = !('events' in body);
  const caseId = body.caseId;
  const events = (single ? [body] : [...body.events]) as CaseProjectionEvent[];
  events.sort((a, b) => a.seq - b.seq);
  const db = c.env.DB;
  // Three round trips whatever the batch size: the case row, the audiences, one write batch.
  const row = await readCaseForNotices(db, caseId);
  if (!row) fail(404, 'case-not-found', `No case ${caseId}.`);
  const writes = events.flatMap((ev) => caseEventStatements(db, ev, ev.snapshot ? caseOutcome(ev.snapshot) : undefined));
  // Notifications are keyed by (case, seq, user): a retried delivery adds nothing.
  const notices = await caseNoticeStatements(c.env, row, events);
  const results = await db.batch([...writes, ...notices.statements]);
  // Every event's first statement is its timeline insert, which changes a row only when the event is new.
  const applied = events.filter((_, i) => (results[i * 2]?.meta.changes ?? 0) === 1).length;
  if (notices.notified > 0) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
  return c.json(single ? { applied: applied === 1, notified: notices.notified } : { applied, notified: notices.notified }, 200);
});

export default internal;
