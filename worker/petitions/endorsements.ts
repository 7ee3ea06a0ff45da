/**
 * Endorsing and withdrawing. No hot row: each endorsement is its own row keyed by
 * (petition, person), and the count is read through a covering index. The moment the count
 * reaches the threshold the workflow is signalled through the outbox (once per petition).
 */
import { createRoute } from '@hono/zod-openapi';
import { petitionSignals, petitionWorkflowId } from '../../workflows/petition/contract';
import { meetsLevel } from '../platform/identity';
import { thresholdReached } from '../../domain/petitions/threshold';
import type { CredentialKind } from '../platform/auth/credentials';
import { deferredCredential, failUnknownCredential, requireCredential, requireRole } from '../platform/auth/middleware';
import { sha256Hex } from '../platform/crypto';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { enqueueStatement } from '../platform/outbox/db';
import { publishOutbox } from '../platform/outbox/queue';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { type EndorseOutcome, countValid, endorse, findPetition, markThresholdReachedStatement, publicStates, withdraw } from './db';
import { sendConfirmation } from './endorsement-confirmation';
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

/**
 * Rate limits, counted from the endorsements themselves inside the endorsing statement (no
 * separate counter and no extra round trip): per account and per network in a sliding minute.
 * Only endorsements made count; refused attempts write nothing and cost one read.
 */
export const RATE_WINDOW_MS = 60_000;
export const ACCOUNT_MAX_PER_MINUTE = 30;
export const NETWORK_MAX_PER_MINUTE = 1000;

/** Signals the workflow once the threshold is reached (keyed outbox row: at most one per petition). */
export function signalIfReached(c: AppContext, petitionId: string, valid: number, threshold: number | null, reachedBefore: boolean): void {
  if (threshold === null || reachedBefore || !thresholdReached(valid, threshold)) return;
  const at = new Date().toISOString();
  const send = async () => {
    await c.env.DB.batch([
      markThresholdReachedStatement(c.env.DB, petitionId, at),
      enqueueStatement(c.env.DB, {
        kind: 'signal_workflow',
        aggregateId: `${petitionWorkflowId(petitionId)}:threshold`,
        payload: { workflowId: petitionWorkflowId(petitionId), signal: petitionSignals.thresholdReached, input: [{ validCount: valid }] },
        now: at,
      }),
    ]);
    await publishOutbox(c.env, [{ kind: 'signal_workflow', aggregateId: `${petitionWorkflowId(petitionId)}:threshold` }]);
  };
  c.executionCtx.waitUntil(send());
}

/** The endorsing request resolves its caller inside its own batch (see `authenticate`). */
export function endorsementDefersAuth(c: AppContext): boolean {
  return c.req.method === 'POST' && /^\/api\/v1\/petitions\/[^/]+\/endorsement$/.test(c.req.path);
}

endorsements.openapi(
  createRoute({
    // Signed out is a 401 before the body is read, as with requireRole; who it is, is resolved
    // in the endorsing statement itself.
    middleware: [requireCredential()] as const,
    method: 'post',
    path: '/{id}/endorsement',
    tags: ['Petitions'],
    summary: 'Endorse a petition (one per person; needs the identity level the platform sets, or an e-mailed confirmation when the settings ask for one).',
    request: { params: PetitionIdParamSchema, ...jsonBody(EndorseRequestSchema) },
    responses: {
      201: jsonResponse(EndorsementResultSchema, 'Endorsed (pending when held for review or until the e-mailed link is confirmed).'),
      ...problems(400, 401, 403, 404, 409, 422, 429),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { follow } = c.req.valid('json');
    const credential = deferredCredential(c);
    const network = await networkOf(c);
    const now = Date.now();
    const r = await endorse(c.env.DB, {
      petitionId: id,
      credential,
      follow,
      network,
      at: new Date(now).toISOString(),
      burstSince: new Date(now - BURST_WINDOW_MS).toISOString(),
      burstMax: BURST_MAX,
      limitSince: new Date(now - RATE_WINDOW_MS).toISOString(),
      accountMax: ACCOUNT_MAX_PER_MINUTE,
      networkMax: NETWORK_MAX_PER_MINUTE,
    });
    if (!r.inserted) refuse(r, credential.kind, id, now);
    if (r.confirmBy) await sendConfirmation(c, { petitionId: id, title: r.petition!.title, user: r.user!, at: new Date(now).toISOString(), expiresAt: r.confirmBy });
    else signalIfReached(c, id, r.valid, r.threshold, r.reachedBefore);
    return c.json({ state: r.inserted, awaitingConfirmation: r.confirmBy !== null, endorsements: r.valid, threshold: r.threshold ?? 0 }, 201);
  },
);

/** Why nothing was written, from what the same batch read; the order is the old middleware's. */
function refuse(r: EndorseOutcome, kind: CredentialKind, id: string, now: number): never {
  if (!r.user) failUnknownCredential(kind);
  if (r.user.role !== 'citizen') fail(403, 'forbidden', 'This needs one of the roles: citizen.');
  if (!r.petition || !publicStates.includes(r.petition.state)) fail(404, 'petition-not-found', `No petition ${id}.`);
  const expired = r.mine?.state === 'pending' && r.mine.confirmBy !== null && Date.parse(r.mine.confirmBy) <= now;
  if (r.mine && !expired) fail(409, 'already-endorsed', 'You have endorsed this petition already.');
  if (r.petition.state !== 'open') fail(409, 'petition-not-open', 'This petition is not open for endorsement.');
  if (r.accountRecent >= ACCOUNT_MAX_PER_MINUTE) fail(429, 'rate-limited', 'Too many endorsements from this account; wait a minute and try again.');
  if (r.networkRecent >= NETWORK_MAX_PER_MINUTE) fail(429, 'rate-limited', 'Too many endorsements from this network; wait a minute and try again.');
  if (!meetsLevel(r.user.level, r.petition.endorseLevel)) {
    fail(403, 'identity-level', `Endorsing needs a verified account (${r.petition.endorseLevel}).`, { required: r.petition.endorseLevel });
  }
  fail(409, 'petition-not-open', 'This petition is not open for endorsement.');
}

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
    return c.json({ state: null, awaitingConfirmation: false, endorsements: await countValid(c.env.DB, id), threshold: p.threshold }, 200);
  },
);

export default endorsements;
