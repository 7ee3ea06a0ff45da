/**
 * Voting: a resident's own ballot, paper ballots entered by staff at a polling station for a
 * voter checked in at the counter (assisted voting), and a voter's own status.
 */
import { createRoute } from '@hono/zod-openapi';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import { findUserByEmail } from '../platform/auth/users';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { castBallot, eligibilityOf } from './ballots';
import { findHasVoted } from './db';
import { loadRound, requirePhase } from './rounds';
import { BallotRequestSchema, CheckInRequestSchema, CheckInSchema, PaperBallotRequestSchema, ReceiptSchema, RoundParamSchema, VoterStatusSchema } from './schemas';

const ballots = createRouter();

ballots.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/ballots',
    tags: ['Budgets'],
    summary: 'Cast (or, with your receipt code, replace) your ballot during voting.',
    description:
      'One ballot per eligible voter per round. The answer carries a receipt code shown only to you: keep it to replace your ballot before the close. Ballots are stored without any link to you.',
    request: { params: RoundParamSchema, ...jsonBody(BallotRequestSchema) },
    responses: { 201: jsonResponse(ReceiptSchema, 'Counted.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const { receipt, replaced, districtCode } = await castBallot(c.env.DB, c.req.valid('param').id, { voterId: c.get('user')!.id, channel: 'online', ...body });
    return c.json({ receipt, replaced, districtCode }, 201, { 'cache-control': 'no-store' });
  },
);

ballots.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/paper-ballots',
    tags: ['Budgets'],
    summary: 'Enter a paper ballot for a voter checked in at a polling station (same rules, same one-ballot rule).',
    request: { params: RoundParamSchema, ...jsonBody(PaperBallotRequestSchema) },
    responses: { 201: jsonResponse(ReceiptSchema, 'Counted; hand the receipt code to the voter.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { voterEmail, ...ballot } = c.req.valid('json');
    const voter = await findUserByEmail(c.env.DB, voterEmail);
    if (!voter || voter.role !== 'citizen') {
      fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer: '/voterEmail', in: 'body', code: 'unknown_reference', detail: 'No resident account with this e-mail.' }] });
    }
    const { round, receipt, replaced, districtCode } = await castBallot(c.env.DB, c.req.valid('param').id, { voterId: voter.id, channel: 'paper', ...ballot });
    const staff = c.get('user')!;
    // The audit names who entered a paper ballot for whom, never what it says.
    await c.env.DB.batch([
      auditStatement(c.env.DB, { actorId: staff.id, action: 'budget.paper_ballot', target: `budget-round:${round.id}`, detail: { voterId: voter.id }, at: new Date().toISOString() }),
    ]);
    return c.json({ receipt, replaced, districtCode }, 201, { 'cache-control': 'no-store' });
  },
);

ballots.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/check-in',
    tags: ['Budgets'],
    summary: 'Check in a resident at a polling station: may they vote, in which district, have they voted (during voting).',
    description: 'Audited (who checked in whom). Says only whether the person has voted, never how.',
    request: { params: RoundParamSchema, ...jsonBody(CheckInRequestSchema) },
    responses: { 200: jsonResponse(CheckInSchema, 'The resident\'s status.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const round = await loadRound(c.env.DB, c.req.valid('param').id);
    requirePhase(round, ['voting'], 'Checking in a voter');
    const voter = await findUserByEmail(c.env.DB, c.req.valid('json').voterEmail);
    if (!voter || voter.role !== 'citizen') {
      fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer: '/voterEmail', in: 'body', code: 'unknown_reference', detail: 'No resident account with this e-mail.' }] });
    }
    const [eligibility, voted] = await Promise.all([eligibilityOf(c.env.DB, round, voter.id), findHasVoted(c.env.DB, round.id, voter.id)]);
    const staff = c.get('user')!;
    await c.env.DB.batch([
      auditStatement(c.env.DB, { actorId: staff.id, action: 'budget.check_in', target: `budget-round:${round.id}`, detail: { voterId: voter.id }, at: new Date().toISOString() }),
    ]);
    return c.json({ ...eligibility, hasVoted: voted !== null, voterName: voter.displayName }, 200, { 'cache-control': 'no-store' });
  },
);

ballots.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'get',
    path: '/{id}/me',
    tags: ['Budgets'],
    summary: 'Whether you may vote in this round, in which district, and whether you have voted.',
    request: { params: RoundParamSchema },
    responses: { 200: jsonResponse(VoterStatusSchema, 'Your status.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => {
    const round = await loadRound(c.env.DB, c.req.valid('param').id);
    const user = c.get('user')!;
    const [eligibility, voted] = await Promise.all([eligibilityOf(c.env.DB, round, user.id), findHasVoted(c.env.DB, round.id, user.id)]);
    return c.json({ ...eligibility, hasVoted: voted !== null }, 200);
  },
);

export default ballots;
