/**
 * Endorsing and withdrawing. No hot row: each endorsement is its own row keyed by
 * (petition, person), and the count is read through a covering index. The moment the count
 * reaches the threshold the workflow is signalled through the outbox (once per petition).
 */
import { createRoute } from '@hono/zod-openapi';
import { petitionSignals, petitionWorkflowId } from '../../workflows/petition/contract';
import { meetsIdentityLevel } from '../../domain/petitions/identity';
import { thresholdReached } from '../../domain/petitions/threshold';
import { requireRole } from '../platform/auth/middleware';
import { sha256Hex } from '../platform/crypto';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { enqueueStatement } from '../platform/outbox/db';
import { drainOutbox } from '../platform/outbox/drain';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { countValid, endorse, findEndorsement, findPetition, markThresholdReachedStatement, withdraw } from './db';
import { EndorseRequestSchema, EndorsementResultSchema, PetitionIdParamSchema } from './schemas';

const endorsements = createRouter();

/** Endorsements from one network on one petition within a minute beyond this are held as pending. */
export const BURST_WINDOW_MS = 60_000;
export const BURST_MAX = 50;

/**
 * The caller's network: the /24 (IPv4) or /48 (IPv6) prefix, hashed with the instance secret so
 * the stored value identifies no address.
 */
export async function networkOf(c: AppContext): Promise<string> {
  const ip = c.req.header('cf-connecting-ip') ?? '';
  const prefix = ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
  return (await sha256Hex(`${c.env.INTERNAL_SECRET}|net|${prefix || 'unknown'}`)).slice(0, 16);
}

async function rateLimit(c: AppContext, network: string): Promise<void> {
  const user = c.get('user')!;
  const [account, net] = await Promise.all([
    c.env.ENDORSE_ACCOUNT_LIMITER.limit({ key: user.id }),
    c.env.ENDORSE_NETWORK_LIMITER.limit({ key: network }),
  ]);
  if (!account.success) fail(429, 'rate-limited', 'Too many endorsements from this account; wait a minute and try again.');
  if (!net.success) fail(429, 'rate-limited', 'Too many endorsements from this network; wait a minute and try again.');
}

/** Signals the workflow once the threshold is reached (keyed outbox row: at most one per petition). */
function signalIfReached(c: AppContext, petitionId: string, valid: number, threshold: number | null, reachedBefore: boolean): void {
  if (threshold === null || reachedBefore || !thresholdReached(valid, threshold)) return;
  const at = new Date().toISOString();
  const send = async () => {
    await c.env.DB.batch([
      markThresholdReachedStatement(c.env.DB, petitionId, at),
      enqueueStatement(c.env.DB, {
        kind: 'signal_workflow',
        aggregateId: `${petitionWorkflowId(petitionId)}:threshold`,
        payload: { workflowId: petitionWorkflowId(petitionId), signalName: petitionSignals.thresholdReached, input: [{ validCount: valid }] },
        now: at,
      }),
    ]);
    await drainOutbox(c.env, { limit: 5 }).catch(() => undefined);
  };
  c.executionCtx.waitUntil(send());
}

endorsements.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/endorsement',
    tags: ['Petitions'],
    summary: 'Endorse a petition (one per person; needs the identity level the platform sets).',
    request: { params: PetitionIdParamSchema, ...jsonBody(EndorseRequestSchema) },
    responses: { 201: jsonResponse(EndorsementResultSchema, 'Endorsed (pending when held for review).'), ...problems(400, 401, 403, 404, 409, 422, 429) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { follow } = c.req.valid('json');
    const user = c.get('user')!;
    const network = await networkOf(c);
    await rateLimit(c, network);
    const now = Date.now();
    const r = await endorse(c.env.DB, {
      petitionId: id,
      userId: user.id,
      level: user.identityLevel,
      follow,
      network,
      at: new Date(now).toISOString(),
      burstSince: new Date(now - BURST_WINDOW_MS).toISOString(),
      burstMax: BURST_MAX,
    });
    if (!r.inserted) {
      // Find out why, for a precise answer; nothing was written.
      const p = await findPetition(c.env.DB, id);
      if (!p || !['open', 'not_passed', 'passed', 'awaiting_response', 'responded', 'closed'].includes(p.state)) fail(404, 'petition-not-found', `No petition ${id}.`);
      if (await findEndorsement(c.env.DB, id, user.id)) fail(409, 'already-endorsed', 'You have endorsed this petition already.');
      if (p.state !== 'open') fail(409, 'petition-not-open', 'This petition is not open for endorsement.');
      if (!meetsIdentityLevel(user.identityLevel, p.endorseLevel)) {
        fail(403, 'identity-level', `Endorsing needs a verified account (${p.endorseLevel}).`, { required: p.endorseLevel });
      }
      fail(409, 'petition-not-open', 'This petition is not open for endorsement.');
    }
    signalIfReached(c, id, r.valid, r.threshold, r.reachedBefore);
    return c.json({ state: r.inserted, endorsements: r.valid, threshold: r.threshold ?? 0 }, 201);
  },
);

endorsements.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'delete',
    path: '/{id}/endorsement',
    tags: ['Petitions'],
    summary: 'Withdraw your endorsement while the petition is open.',
    request: { params: PetitionIdParamSchema },
    responses: { 200: jsonResponse(EndorsementResultSchema, 'Withdrawn.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user')!;
    if (!(await withdraw(c.env.DB, id, user.id))) {
      const p = await findPetition(c.env.DB, id);
      if (!p) fail(404, 'petition-not-found', `No petition ${id}.`);
      if (p.state !== 'open') fail(409, 'petition-not-open', 'Endorsements can be withdrawn only while the petition is open.');
      fail(409, 'not-endorsed', 'You have no endorsement on this petition to withdraw.');
    }
    const p = (await findPetition(c.env.DB, id))!;
    return c.json({ state: null, endorsements: await countValid(c.env.DB, id), threshold: p.threshold }, 200);
  },
);

export default endorsements;
