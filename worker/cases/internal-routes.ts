import { z } from 'zod';
import { type Audience, type CaseProjectionEvent, caseStates, notProcessedCodes, slaStates } from '../../workflows/case/contract';
import { caseEventStatements } from './db';
import { fail } from '../platform/problem';
import { createRouter, validate } from '../platform/validation';
import { requireInternalSignature } from '../platform/internal-signature';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { clearRefusalsStatement, refusalStatement, trackProjectionRefusals } from '../platform/projection-refusals';
import { caseOutcome } from './metrics';
import { caseNoticeStatements, readCasesForNotices } from './notify';

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

/** Most events one request may carry (the worker sends up to 50, split to stay under 64 KB). */
const MAX_BATCH_EVENTS = 50;

function checkBatch(batch: { caseId: string; events: { caseId: string; seq: number }[] }, ctx: z.RefinementCtx, path: (string | number)[]) {
  const seqs = new Set<number>();
  batch.events.forEach((ev, i) => {
    if (ev.caseId !== batch.caseId) ctx.addIssue({ code: 'custom', path: [...path, 'events', i, 'caseId'], message: 'Every event of a batch belongs to its case.' });
    if (seqs.has(ev.seq)) ctx.addIssue({ code: 'custom', path: [...path, 'events', i, 'seq'], message: 'A seq appears twice in the batch.' });
    seqs.add(ev.seq);
  });
}

const CaseBatchShape = z.object({
  caseId: z.string().min(1).max(40),
  events: z.array(CaseProjectionEventSchema).min(1).max(MAX_BATCH_EVENTS),
});

/**
 * Issue 11. Several events of one case, applied in seq order whatever order they arrive in, with
 * their notices, in one D1 batch. Workers from before batching send one event alone.
 */
const CaseProjectionBatchSchema = CaseBatchShape.superRefine((b, ctx) => checkBatch(b, ctx, []));

/**
 * The pending events of several cases, gathered by one worker from the projection activities
 * running at once: one request and one D1 batch for all. Each case is answered on its own (an
 * unknown case is a 404 in `results`, recorded as that case's stuck projection), so one bad case
 * never holds up the others; a malformed request is refused as a whole.
 */
const CaseProjectionGroupsSchema = z
  .object({ cases: z.array(CaseBatchShape).min(1).max(MAX_BATCH_EVENTS) })
  .superRefine((body, ctx) => {
    const ids = new Set<string>();
    let total = 0;
    body.cases.forEach((b, i) => {
      checkBatch(b, ctx, ['cases', i]);
      if (ids.has(b.caseId)) ctx.addIssue({ code: 'custom', path: ['cases', i, 'caseId'], message: 'A case appears twice in the request.' });
      ids.add(b.caseId);
      total += b.events.length;
    });
    if (total > MAX_BATCH_EVENTS) ctx.addIssue({ code: 'custom', path: ['cases'], message: `At most ${MAX_BATCH_EVENTS} events per request.` });
  });

const ProjectionBodySchema = z.union([CaseProjectionGroupsSchema, CaseProjectionBatchSchema, CaseProjectionEventSchema]);

const caseIdOf = (body: unknown) => {
  const id = (body as { caseId?: unknown } | null)?.caseId;
  return typeof id === 'string' && id.length <= 40 ? id : null;
};

internal.use('*', trackProjectionRefusals(caseIdOf));
internal.use('*', requireInternalSignature());

interface CaseResult {
  caseId: string;
  status: 200 | 404;
  applied: number;
}

internal.post('/case-events', validate('json', ProjectionBodySchema), async (c) => {
  const body = c.req.valid('json');
  const shape = 'cases' in body ? 'groups' : 'events' in body ? 'batch' : 'single';
  const groups = (
    'cases' in body ? body.cases : 'events' in body ? [body] : [{ caseId: body.caseId, events: [body] }]
  ).map((g) => ({ caseId: g.caseId, events: ([...g.events] as CaseProjectionEvent[]).sort((a, b) => a.seq - b.seq) }));
  const db = c.env.DB;
  // Three D1 round trips whatever the size: the case rows, the audiences, one write batch.
  const rows = await readCasesForNotices(
    db,
    groups.map((g) => g.caseId),
  );
  const missing = groups.filter((g) => !rows.has(g.caseId)).map((g) => g.caseId);
  if (shape !== 'groups' && missing.length) fail(404, 'case-not-found', `No case ${missing[0]}.`);
  const known = groups.filter((g) => rows.has(g.caseId)).map((g) => ({ ...g, row: rows.get(g.caseId)! }));
  const writes = known.flatMap((g) => g.events.flatMap((ev) => caseEventStatements(db, ev, ev.snapshot ? caseOutcome(ev.snapshot) : undefined)));
  // Notifications are keyed by (case, seq, user): a retried delivery adds nothing.
  const notices = await caseNoticeStatements(c.env, known);
  const now = new Date().toISOString();
  const bookkeeping =
    shape === 'groups'
      ? [
          ...(known.length ? [clearRefusalsStatement(db, known.map((g) => g.caseId))] : []),
          ...missing.map((id) => refusalStatement(db, { key: id, caseId: id, status: 404, code: 'case-not-found', at: now })),
        ]
      : [];
  const results = await db.batch([...writes, ...notices.statements, ...bookkeeping]);
  if (notices.notified > 0) c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
  // Every event's first statement is its timeline insert, which changes a row only when the event is new.
  let i = 0;
  const perCase = new Map<string, number>();
  for (const g of known) {
    let applied = 0;
    for (let k = 0; k < g.events.length; k++, i += 2) if ((results[i]?.meta.changes ?? 0) === 1) applied++;
    perCase.set(g.caseId, applied);
  }
  if (shape === 'single') return c.json({ applied: perCase.get(groups[0]!.caseId) === 1, notified: notices.notified }, 200);
  if (shape === 'batch') return c.json({ applied: perCase.get(groups[0]!.caseId) ?? 0, notified: notices.notified }, 200);
  if (missing.length) console.warn(JSON.stringify({ msg: 'projection refused', path: c.req.path, status: 404, code: 'case-not-found', cases: missing.length }));
  const answer: CaseResult[] = groups.map((g) =>
    rows.has(g.caseId) ? { caseId: g.caseId, status: 200, applied: perCase.get(g.caseId) ?? 0 } : { caseId: g.caseId, status: 404, applied: 0 },
  );
  return c.json({ results: answer, notified: notices.notified }, 200);
});

export default internal;
