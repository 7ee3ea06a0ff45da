/**
 * Rounds: creation (the round, its districts and the outbox start of its workflow in one batch),
 * public reads, phase extensions (a Temporal update), turnout, results, Pabulib import/export.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { PabulibParseError } from '../../domain/tally/pabulib-parse';
import { TallyInputError } from '../../domain/tally/election';
import { type BudgetRoundWorkflowInput, budgetRoundUpdates, budgetRoundWorkflowId } from '../../workflows/budget-round/contract';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { publishOutbox } from '../platform/outbox/queue';
import { enqueueStatement } from '../platform/outbox/db';
import { fail } from '../platform/problem';
import { runWorkflowUpdate } from '../platform/workflow-update';
import { createRouter, validate } from '../platform/validation';
import {
  EDITABLE_PHASES,
  districtsInUse,
  editRoundStatements,
  findRound,
  followStatement,
  insertBallotStatement,
  insertProjectStatement,
  insertRoundStatements,
  isFollowing,
  listBallots,
  listDistricts,
  listProjects,
  listResults,
  listRounds,
  turnoutByDistrict,
  unfollowStatement,
} from './db';
import { newRoundId } from './ids';
import { ImportError, exportDistrict, readImport } from './pabulib';
import { loadRound, requirePhase, roundDetail } from './rounds';
import { summarise } from './results-summary';
import {
  CreateRoundRequestSchema,
  DistrictParamSchema,
  ballotProblems,
  districtProblems,
  scheduleProblems,
  ExtendPhaseRequestSchema,
  FollowSchema,
  ResultsSchema,
  RoundDetailSchema,
  RoundListQuerySchema,
  RoundListSchema,
  RoundParamSchema,
  TurnoutSchema,
  UpdateRoundRequestSchema,
} from './schemas';
import { storeResults } from './tally-service';

const rounds = createRouter();
const managers = requireRole('manager', 'admin');

rounds.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Budgets'],
    summary: 'Participatory budgeting rounds, newest first, a page at a time (public).',
    request: { query: RoundListQuerySchema },
    responses: { 200: jsonResponse(RoundListSchema, 'One page of rounds and the cursor of the next.'), ...problems(422) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const cut = q.after?.indexOf('~') ?? -1;
    const after = q.after ? { createdAt: q.after.slice(0, cut), id: q.after.slice(cut + 1) } : undefined;
    const { rounds: items, more } = await listRounds(c.env.DB, { limit: q.limit, after });
    const last = items.at(-1);
    return c.json(
      {
        items: items.map((r) => ({ id: r.id, title: r.title, phase: r.phase, rule: r.rule, source: r.source, schedule: r.schedule })),
        next: more && last ? `${last.createdAt}~${last.id}` : null,
      },
      200,
    );
  },
);

rounds.openapi(
  createRoute({
    middleware: [managers] as const,
    method: 'post',
    path: '/',
    tags: ['Budgets'],
    summary: 'Create a round with its districts, ballot type, tally rule, eligibility and phase dates.',
    description: 'The round is committed with an outbox entry that starts its workflow `budget-round-<id>`.',
    request: jsonBody(CreateRoundRequestSchema),
    responses: { 202: jsonResponse(RoundDetailSchema, 'Created; the workflow starts as soon as Temporal is reachable.'), ...problems(400, 401, 403, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const errors = [...scheduleProblems(body.schedule), ...districtProblems(body.districts), ...ballotProblems(body.ballot)];
    if (errors.length) fail(422, 'validation', 'The request body is not valid.', { errors });
    const id = newRoundId();
    const now = new Date().toISOString();
    const schedule = Object.fromEntries(Object.entries(body.schedule).map(([k, v]) => [k, new Date(v).toISOString()])) as BudgetRoundWorkflowInput['schedule'];
    const input: BudgetRoundWorkflowInput = { roundId: id, schedule };
    const user = c.get('user')!;
    await c.env.DB.batch([
      ...insertRoundStatements(c.env.DB, {
        id,
        title: body.title,
        description: body.description,
        phase: 'proposals',
        rule: body.rule,
        ballot: body.ballot,
        minProjectScore: body.minProjectScore ?? null,
        currency: 'TWD',
        schedule,
        minAge: body.eligibility.minAge,
        minIdentityLevel: body.eligibility.identityLevel,
        districtRule: body.eligibility.districtRule,
        source: 'live',
        createdBy: user.id,
        createdAt: now,
        districts: body.districts,
      }),
      enqueueStatement(c.env.DB, { kind: 'start_budget_round_workflow', aggregateId: id, payload: input, now }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'budget.create_round', target: `budget-round:${id}`, at: now }),
    ]);
    // The queue starts the workflow within about a second; the cron sweep covers the rest.
    c.executionCtx.waitUntil(publishOutbox(c.env, [{ kind: 'start_budget_round_workflow', aggregateId: id }]));
    return c.json(await roundDetail(c.env.DB, (await findRound(c.env.DB, id))!), 202, { location: `/api/v1/budget-rounds/${id}` });
  },
);

rounds.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Budgets'],
    summary: 'A round with its districts, projects (costs, reviews, implementation updates) and phase timeline (public).',
    request: { params: RoundParamSchema },
    responses: { 200: jsonResponse(RoundDetailSchema, 'The round.'), ...problems(404, 422) },
  }),
  async (c) => c.json(await roundDetail(c.env.DB, await loadRound(c.env.DB, c.req.valid('param').id)), 200),
);

rounds.openapi(
  createRoute({
    middleware: [managers] as const,
    method: 'patch',
    path: '/{id}',
    tags: ['Budgets'],
    summary: 'Edit a round before voting opens (title, description, rule, ballot, districts and budgets, eligibility).',
    description: 'Phase dates move only by an extension with a public reason (`POST …/extend`). Districts left out of `districts` are removed if no project names them.',
    request: { params: RoundParamSchema, ...jsonBody(UpdateRoundRequestSchema) },
    responses: { 200: jsonResponse(RoundDetailSchema, 'The round after the edit.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = c.env.DB;
    const round = await loadRound(db, id);
    if (round.source !== 'live') fail(409, 'wrong-phase', 'An imported round cannot be edited.', { phase: round.phase });
    requirePhase(round, EDITABLE_PHASES, 'Editing a round');
    const ballot = body.ballot ?? round.ballot;
    const current = await listDistricts(db, id);
    const districts = body.districts ?? current;
    const errors = [...(body.ballot ? ballotProblems(ballot) : []), ...(body.districts ? districtProblems(body.districts) : [])];
    const removed = current.map((d) => d.code).filter((code) => !districts.some((d) => d.code === code));
    if (removed.length) {
      const used = await districtsInUse(db, id);
      for (const code of removed.filter((x) => used.has(x))) {
        errors.push({ pointer: '/districts', in: 'body', code: 'in_use', detail: `District ${code} has projects and cannot be removed.` });
      }
    }
    if (errors.length) fail(422, 'validation', 'The request body is not valid.', { errors });
    const e = body.eligibility;
    const user = c.get('user')!;
    const now = new Date().toISOString();
    const [updated] = await db.batch([
      ...editRoundStatements(
        db,
        id,
        {
          title: body.title ?? round.title,
          description: body.description ?? round.description,
          rule: body.rule ?? round.rule,
          minProjectScore: body.minProjectScore !== undefined ? body.minProjectScore : round.minProjectScore,
          ballot,
          minAge: e?.minAge ?? round.minAge,
          minIdentityLevel: e?.identityLevel ?? round.minIdentityLevel,
          districtRule: e?.districtRule ?? round.districtRule,
        },
        districts,
        removed,
      ),
      auditStatement(db, { actorId: user.id, action: 'budget.edit_round', target: `budget-round:${id}`, detail: body, at: now }),
    ]);
    // Voting opened between the read and the batch: every statement was guarded, nothing changed.
    if ((updated?.meta.changes ?? 0) === 0) fail(409, 'wrong-phase', 'Voting has opened; the round can no longer be edited.', { phase: 'voting' });
    return c.json(await roundDetail(db, await loadRound(db, id)), 200);
  },
);

const signedIn = requireRole('citizen', 'officer', 'supervisor', 'manager', 'admin');
const followRoute = (method: 'get' | 'put' | 'delete', summary: string) =>
  createRoute({
    middleware: [signedIn] as const,
    method,
    path: '/{id}/follow',
    tags: ['Budgets'],
    summary,
    request: { params: RoundParamSchema },
    responses: { 200: jsonResponse(FollowSchema, 'Whether you follow the round.'), ...problems(401, 403, 404, 422) },
  });

rounds.openapi(followRoute('get', 'Whether you follow this round.'), async (c) => {
  const round = await loadRound(c.env.DB, c.req.valid('param').id);
  return c.json({ following: await isFollowing(c.env.DB, round.id, c.get('user')!.id) }, 200);
});

rounds.openapi(
  followRoute('put', 'Follow a round: e-mail and in-app notices when voting opens, results are published and funded projects report progress.'),
  async (c) => {
    const round = await loadRound(c.env.DB, c.req.valid('param').id);
    await c.env.DB.batch([followStatement(c.env.DB, round.id, c.get('user')!.id, new Date().toISOString())]);
    return c.json({ following: true }, 200);
  },
);

rounds.openapi(followRoute('delete', 'Stop following a round.'), async (c) => {
  const round = await loadRound(c.env.DB, c.req.valid('param').id);
  await c.env.DB.batch([unfollowStatement(c.env.DB, round.id, c.get('user')!.id)]);
  return c.json({ following: false }, 200);
});

rounds.openapi(
  createRoute({
    middleware: [managers] as const,
    method: 'post',
    path: '/{id}/extend',
    tags: ['Budgets'],
    summary: 'Extend the current phase before it ends, with a public reason.',
    request: { params: RoundParamSchema, ...jsonBody(ExtendPhaseRequestSchema) },
    responses: { 200: jsonResponse(RoundDetailSchema, 'The round after the extension.'), ...problems(401, 403, 404, 409, 422, 503, 504) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const round = await loadRound(c.env.DB, id);
    if (!round.workflowStartedAt) fail(409, 'workflow-not-started', 'This round is still being set up; try again in a moment.');
    const user = c.get('user')!;
    await runWorkflowUpdate(
      c.env,
      {
        workflowId: budgetRoundWorkflowId(id),
        name: budgetRoundUpdates.extendPhase,
        idempotencyKey: crypto.randomUUID(),
        input: [{ actorId: user.id, phase: body.phase, until: new Date(body.until).toISOString(), reason: body.reason }],
      },
      () => 'round-rule',
    );
    await c.env.DB.batch([
      auditStatement(c.env.DB, { actorId: user.id, action: 'budget.extend_phase', target: `budget-round:${id}`, detail: body, at: new Date().toISOString() }),
    ]);
    return c.json(await roundDetail(c.env.DB, await loadRound(c.env.DB, id)), 200);
  },
);

rounds.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/turnout',
    tags: ['Budgets'],
    summary: 'Live turnout per district (public); never a partial tally.',
    request: { params: RoundParamSchema },
    responses: { 200: jsonResponse(TurnoutSchema, 'Voters per district.'), ...problems(404, 422) },
  }),
  async (c) => {
    const round = await loadRound(c.env.DB, c.req.valid('param').id);
    const [districts, counts] = await Promise.all([listDistricts(c.env.DB, round.id), turnoutByDistrict(c.env.DB, round.id)]);
    const rows = districts.map((d) => ({ code: d.code, name: d.name, voters: counts.get(d.code) ?? 0 }));
    return c.json({ phase: round.phase, districts: rows, total: rows.reduce((s, r) => s + r.voters, 0) }, 200);
  },
);

rounds.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/results',
    tags: ['Budgets'],
    summary: 'Results per district with per-project explanations (public once published).',
    request: { params: RoundParamSchema },
    responses: { 200: jsonResponse(ResultsSchema, 'Results.'), ...problems(404, 409, 422) },
  }),
  async (c) => {
    const round = await loadRound(c.env.DB, c.req.valid('param').id);
    requirePhase(round, ['results', 'implementation'], 'Reading the results');
    const [districts, results, projects, voters] = await Promise.all([
      listDistricts(c.env.DB, round.id),
      listResults(c.env.DB, round.id),
      listProjects(c.env.DB, round.id),
      turnoutByDistrict(c.env.DB, round.id),
    ]);
    return c.json(
      {
        rule: round.rule,
        summary: summarise(districts, results, projects, voters),
        districts: results.map((r) => {
          const d = districts.find((x) => x.code === r.districtCode);
          return { code: r.districtCode, name: d?.name ?? r.districtCode, budget: d?.budget ?? 0, ballots: r.ballots, selected: r.selected, totalCost: r.totalCost, explanation: r.explanation };
        }),
      },
      200,
    );
  },
);

// Pabulib files are text, outside the JSON OpenAPI routes.
rounds.get('/:id/districts/:code/export.pb', validate('param', DistrictParamSchema), async (c) => {
  const { id, code } = c.req.valid('param');
  const round = await loadRound(c.env.DB, id);
  // During voting an export of the box would be a partial tally.
  requirePhase(round, ['results', 'implementation'], 'Exporting ballots');
  const district = (await listDistricts(c.env.DB, id)).find((d) => d.code === code);
  if (!district) fail(404, 'district-not-found', `No district ${code} in round ${id}.`);
  const [projects, ballots] = await Promise.all([listProjects(c.env.DB, id), listBallots(c.env.DB, id)]);
  return c.body(exportDistrict(round, district, projects, ballots), 200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-disposition': `attachment; filename="${id}-${code}.pb"`,
  });
});

rounds.post('/import', managers, validate('header', z.object({ 'content-type': z.string().regex(/^text\/plain\b/i, 'Send the .pb file as text/plain.') })), async (c) => {
  const text = await c.req.text();
  let imported;
  try {
    imported = readImport(text);
  } catch (e) {
    if (e instanceof PabulibParseError || e instanceof ImportError || e instanceof TallyInputError) fail(422, 'invalid-pabulib', e.message);
    throw e;
  }
  const id = newRoundId();
  const now = new Date().toISOString();
  const user = c.get('user')!;
  const db = c.env.DB;
  const round = {
    id,
    title: imported.title,
    description: 'Imported from a Pabulib file.',
    phase: 'results' as const,
    rule: imported.rule,
    ballot: imported.ballot,
    minProjectScore: imported.minProjectScore,
    currency: imported.currency,
    schedule: { proposals: now, review: now, voting: now, results: now },
    minAge: 0,
    minIdentityLevel: 'basic' as const,
    districtRule: 'any' as const,
    source: 'pabulib' as const,
  };
  const districtCode = imported.district.code;
  await db.batch([
    ...insertRoundStatements(db, { ...round, createdBy: user.id, createdAt: now, districts: [imported.district] }),
    ...imported.projects.map((p) =>
      insertProjectStatement(db, { id: p.id, roundId: id, districtCode, title: p.title, description: '', estimatedCost: null, cost: p.cost, latitude: null, longitude: null, state: 'accepted', proposedBy: null, at: now }),
    ),
    ...imported.ballots.map((b) =>
      insertBallotStatement(db, { id: crypto.randomUUID(), roundId: id, districtCode, channel: 'import', projects: b.projects, points: b.points, receiptHash: null }),
    ),
    auditStatement(db, { actorId: user.id, action: 'budget.import_pabulib', target: `budget-round:${id}`, at: now }),
  ]);
  try {
    await storeResults(db, { ...round, seq: 0, workflowStartedAt: null });
  } catch (e) {
    // The file parsed but cannot be counted (a vote for an unknown project ...): keep nothing.
    await db.prepare(`DELETE FROM budget_rounds WHERE id = ?`).bind(id).run();
    if (e instanceof TallyInputError) fail(422, 'invalid-pabulib', e.message);
    throw e;
  }
  return c.json(await roundDetail(db, (await findRound(db, id))!), 201, { location: `/api/v1/budget-rounds/${id}` });
});

export default rounds;
