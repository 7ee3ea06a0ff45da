/**
 * Casting a ballot, online or on paper at a polling station: the same phase, eligibility,
 * district and ballot-rule checks, and the same one-ballot rule.
 *
 * Secret ballot. The ballot row carries SHA-256('ballot:' || receipt) and the voter's has-voted
 * row SHA-256('voter:' || receipt); the receipt itself is random, shown once to the voter and
 * stored nowhere. To replace a ballot before the close the voter sends the receipt back: its
 * voter hash proves it is theirs (so nobody can replace someone else's ballot with a receipt
 * they were shown), its ballot hash finds the ballot to delete. Nothing staff can read links a
 * ballot to a voter; a voter who loses the receipt keeps the ballot they cast.
 */
import { validateBallot, type BallotError, type BallotSettings } from '../../domain/tally/ballot-validation';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import { bytesToBase64Url } from '../platform/base64';
import { sha256Hex } from '../platform/crypto';
import { type IdentityLevel, meetsLevel } from '../platform/identity';
import { fail } from '../platform/problem';
import {
  type District,
  type ResidentProfile,
  type RoundRecord,
  deleteBallotByReceiptStatement,
  findResidentProfile,
  insertBallotStatement,
  insertHasVotedStatement,
  loadBallotContext,
  retagHasVotedStatement,
} from './db';
import type { RoundBallotSettings } from './schemas';

/**
 * A round's eligibility setting on the platform's identity levels. `basic` keeps what it meant
 * before the levels were one: any account with a resident profile, nothing proved.
 */
export const ROUND_IDENTITY_LEVELS = { basic: 'none', verified: 'verified_person' } as const satisfies Record<
  RoundRecord['minIdentityLevel'],
  IdentityLevel
>;

export function requiredIdentityLevel(min: RoundRecord['minIdentityLevel']): IdentityLevel {
  return ROUND_IDENTITY_LEVELS[min];
}

export type IneligibleReason = 'no-profile' | 'identity-level' | 'too-young';

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibleReason[];
  districtCode: string | null;
}

export async function eligibilityOf(db: D1Database, round: RoundRecord, userId: string, now = new Date()): Promise<Eligibility> {
  return eligibilityFrom(round, await findResidentProfile(db, userId), now);
}

export function eligibilityFrom(round: RoundRecord, profile: ResidentProfile | null, now: Date): Eligibility {
  if (!profile) return { eligible: false, reasons: ['no-profile'], districtCode: null };
  const reasons: IneligibleReason[] = [];
  if (!meetsLevel(profile.identityLevel, requiredIdentityLevel(round.minIdentityLevel))) reasons.push('identity-level');
  // Age on the (Taipei) day of voting: born on or before today minus minAge years.
  const today = taipeiDateOf(now.getTime());
  const latestBirth = `${String(Number(today.slice(0, 4)) - round.minAge).padStart(4, '0')}${today.slice(4)}`;
  if (profile.birthDate > latestBirth) reasons.push('too-young');
  return { eligible: reasons.length === 0, reasons, districtCode: profile.districtCode };
}

export function settingsForDistrict(ballot: RoundBallotSettings, district: District): BallotSettings {
  return ballot.kind === 'knapsack' ? { ...ballot, budget: BigInt(district.budget) } : ballot;
}

/** Ballot rule breaches as JSON (bigints as strings) for problem+json. */
export function ballotErrorsJson(errors: readonly BallotError[]): Record<string, string | number>[] {
  return errors.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : (v as string | number)])));
}

/** One English sentence per breach; the UI words them in the reader's language from the codes. */
export function describeBallotError(e: BallotError): string {
  switch (e.code) {
    case 'unknown-project':
      return `Project ${e.project} is not on this district's ballot.`;
    case 'duplicate-project':
      return `Project ${e.project} is listed twice.`;
    case 'too-few-projects':
      return `Choose at least ${e.min} projects (you chose ${e.actual}).`;
    case 'too-many-projects':
      return `Choose at most ${e.max} projects (you chose ${e.actual}).`;
    case 'over-budget':
      return `The projects you chose cost ${e.total}, more than the budget of ${e.budget}.`;
    case 'points-missing':
      return 'Give points to each project you choose.';
    case 'points-not-allowed':
      return 'This ballot type takes no points.';
    case 'points-count-mismatch':
      return `${e.projects} projects but ${e.points} point values.`;
    case 'invalid-points':
      return `Points for ${e.project} must be a whole number above 0.`;
    case 'points-too-low':
      return `Give ${e.project} at least ${e.min} points.`;
    case 'points-too-high':
      return `Give ${e.project} at most ${e.max} points.`;
    case 'points-sum-too-low':
      return `Spend at least ${e.min} points (you spent ${e.actual}).`;
    case 'points-sum-too-high':
      return `Spend at most ${e.max} points (you spent ${e.actual}).`;
  }
}

function pointerOf(e: BallotError): string {
  return e.code.startsWith('points') || e.code === 'invalid-points' ? '/points' : '/projects';
}

export interface CastRequest {
  voterId: string;
  channel: 'online' | 'paper';
  districtCode?: string | undefined;
  projects: string[];
  points?: number[] | undefined;
  replaces?: string | undefined;
}

export interface CastResult {
  receipt: string;
  replaced: boolean;
  districtCode: string;
}

/** Casts (or replaces) a ballot in round `roundId`; returns the receipt and the round. */
export async function castBallot(db: D1Database, roundId: string, req: CastRequest, now = new Date()): Promise<CastResult & { round: RoundRecord }> {
  const ctx = await loadBallotContext(db, roundId, req.voterId);
  const round = ctx.round;
  if (!round) fail(404, 'round-not-found', `No budget round ${roundId}.`);
  if (round.phase !== 'voting' || now.getTime() >= Date.parse(round.schedule.voting)) {
    fail(409, 'voting-closed', 'This round is not open for voting.');
  }
  const eligibility = eligibilityFrom(round, ctx.profile, now);
  if (!eligibility.eligible) {
    fail(403, 'not-eligible', `Not eligible to vote in this round: ${eligibility.reasons.join(', ')}.`, { reasons: eligibility.reasons });
  }
  const districts = ctx.districts;
  const districtCode = req.districtCode ?? eligibility.districtCode!;
  const district = districts.find((d) => d.code === districtCode);
  if (!district) fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer: '/districtCode', in: 'body', code: 'unknown_reference', detail: 'No such district in this round.' }] });
  if (round.districtRule === 'residence' && districtCode !== eligibility.districtCode) {
    fail(403, 'wrong-district', 'You can vote only in your district of residence.');
  }

  const projects = ctx.projects.filter((p) => p.districtCode === districtCode);
  const errors = validateBallot({ projects: req.projects, ...(req.points ? { points: req.points } : {}) }, settingsForDistrict(round.ballot, district), projects);
  if (errors.length) {
    fail(422, 'invalid-ballot', 'The ballot breaks the rules of this round.', {
      errors: errors.map((e) => ({ pointer: pointerOf(e), in: 'body' as const, code: e.code, detail: describeBallotError(e) })),
      ballotErrors: ballotErrorsJson(errors),
    });
  }

  const receipt = bytesToBase64Url(crypto.getRandomValues(new Uint8Array(24)));
  const [ballotHash, voterTag] = await Promise.all([sha256Hex(`ballot:${receipt}`), sha256Hex(`voter:${receipt}`)]);
  const ballot = {
    id: bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    roundId: round.id,
    districtCode,
    channel: req.channel,
    projects: req.projects,
    points: req.points ?? null,
    receiptHash: ballotHash,
  };

  const voted = ctx.hasVoted;
  if (!voted) {
    try {
      await db.batch([
        insertHasVotedStatement(db, { roundId: round.id, voterId: req.voterId, districtCode, channel: req.channel, voterTag, votedOn: taipeiDateOf(now.getTime()) }),
        insertBallotStatement(db, ballot),
      ]);
    } catch (e) {
      // The primary key of the has-voted row refused a concurrent second ballot; nothing was written.
      if (String(e).includes('UNIQUE') || String(e).includes('PRIMARY KEY')) alreadyVoted();
      throw e;
    }
    return { receipt, replaced: false, districtCode, round };
  }

  if (!req.replaces) alreadyVoted();
  if ((await sha256Hex(`voter:${req.replaces}`)) !== voted.voterTag) {
    fail(409, 'receipt-mismatch', 'This receipt code is not the one of your current ballot.');
  }
  if (voted.districtCode !== districtCode) fail(409, 'district-changed', 'A replacement ballot must be for the same district.');
  const oldHash = await sha256Hex(`ballot:${req.replaces}`);
  // Delete, retag and insert each only if the step before changed a row: of two concurrent
  // replacements with the same receipt exactly one goes through.
  const results = await db.batch([
    deleteBallotByReceiptStatement(db, round.id, oldHash),
    retagHasVotedStatement(db, { roundId: round.id, voterId: req.voterId, oldTag: voted.voterTag, newTag: voterTag }),
    insertBallotStatement(db, ballot, true),
  ]);
  if ((results[2]?.meta.changes ?? 0) !== 1) fail(409, 'ballot-replaced-concurrently', 'Your ballot was just replaced by another request; use its receipt.');
  return { receipt, replaced: true, districtCode, round };
}

function alreadyVoted(): never {
  fail(409, 'already-voted', 'You have already voted in this round. To replace your ballot before the close, send your receipt code as "replaces".');
}
