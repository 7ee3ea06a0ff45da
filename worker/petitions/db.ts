/**
 * Typed SQL of the petition leg: the read model, endorsements, settings, quiet periods, search.
 * Plain statements with bound parameters; row mappers turn snake_case rows into records.
 */
import { identityRankSql as levelRank, type IdentityLevel } from '../platform/identity';
import type { EmailConfirmationMode, EndorsementConfirmationSettings, PetitionSettings } from '../../domain/petitions/settings';
import { CREDENTIAL_USER_JOIN } from '../platform/auth/middleware';
import type { PetitionEventType, PetitionProjectionEvent, PetitionState, RejectionGround } from '../../workflows/petition/contract';
import type { OversightFigure, petitionFilters, petitionSorts } from './schemas';

export const publicStates: readonly PetitionState[] = ['open', 'not_passed', 'passed', 'awaiting_response', 'responded', 'closed'];
const PUBLIC_IN = publicStates.map((s) => `'${s}'`).join(', ');

export interface PetitionRecord {
  id: string;
  proposerId: string;
  title: string;
  summary: string;
  body: string;
  state: PetitionState;
  threshold: number;
  endorseLevel: IdentityLevel;
  agencyId: string | null;
  createdAt: string;
  submittedAt: string | null;
  reviewDueAt: string | null;
  reviewOverdue: boolean;
  publishedAt: string | null;
  windowEndsAt: string | null;
  passedAt: string | null;
  endedAt: string | null;
  finalCount: number | null;
  assignedAt: string | null;
  responseDueAt: string | null;
  originalResponseDueAt: string | null;
  extended: boolean;
  extensionReason: string | null;
  responseOverdue: boolean;
  respondedAt: string | null;
  respondedOnTime: boolean | null;
  response: { summary: string; points: { heading: string; answer: string }[] } | null;
  meeting: { date: string; attendees: string; minutes: string } | null;
  closedAt: string | null;
  rejectionGround: RejectionGround | null;
  rejectionMessage: string | null;
  duplicateOf: string | null;
  workflowStartedAt: string | null;
  endorsements: number;
}

export interface PetitionRow {
  id: string;
  proposer_id: string;
  title: string;
  summary: string;
  body: string;
  state: PetitionState;
  threshold: number;
  endorse_level: IdentityLevel;
  agency_id: string | null;
  created_at: string;
  submitted_at: string | null;
  review_due_at: string | null;
  review_overdue: number;
  published_at: string | null;
  window_ends_at: string | null;
  passed_at: string | null;
  ended_at: string | null;
  final_count: number | null;
  assigned_at: string | null;
  response_due_at: string | null;
  original_response_due_at: string | null;
  extended: number;
  extension_reason: string | null;
  response_overdue: number;
  responded_at: string | null;
  responded_on_time: number | null;
  response: string | null;
  meeting: string | null;
  closed_at: string | null;
  rejection_ground: RejectionGround | null;
  rejection_message: string | null;
  duplicate_of: string | null;
  workflow_started_at: string | null;
  endorsements: number;
}

export function toPetition(r: PetitionRow, nowIso = new Date().toISOString()): PetitionRecord {
  return {
    id: r.id,
    proposerId: r.proposer_id,
    title: r.title,
    summary: r.summary,
    body: r.body,
    state: r.state,
    threshold: r.threshold,
    endorseLevel: r.endorse_level,
    agencyId: r.agency_id,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    reviewDueAt: r.review_due_at,
    reviewOverdue: r.review_overdue === 1 || (r.state === 'in_review' && r.review_due_at !== null && r.review_due_at < nowIso),
    publishedAt: r.published_at,
    windowEndsAt: r.window_ends_at,
    passedAt: r.passed_at,
    endedAt: r.ended_at,
    finalCount: r.final_count,
    assignedAt: r.assigned_at,
    responseDueAt: r.response_due_at,
    originalResponseDueAt: r.original_response_due_at,
    extended: r.extended === 1,
    extensionReason: r.extension_reason,
    // Live as well as projected: the public flag never waits for a timer to be delivered.
    responseOverdue:
      r.response_overdue === 1 || (r.state === 'awaiting_response' && r.response_due_at !== null && r.response_due_at < nowIso),
    respondedAt: r.responded_at,
    respondedOnTime: r.responded_on_time === null ? null : r.responded_on_time === 1,
    response: r.response ? (JSON.parse(r.response) as PetitionRecord['response']) : null,
    meeting: r.meeting ? (JSON.parse(r.meeting) as PetitionRecord['meeting']) : null,
    closedAt: r.closed_at,
    rejectionGround: r.rejection_ground,
    rejectionMessage: r.rejection_message,
    duplicateOf: r.duplicate_of,
    workflowStartedAt: r.workflow_started_at,
    endorsements: r.endorsements,
  };
}

/** The exact live count: distinct valid endorsers, through the covering index (no counter row). */
const COUNT_SQL = `(SELECT COUNT(*) FROM petition_endorsements e WHERE e.petition_id = p.id AND e.state = 'valid')`;
const SELECT_PETITION = `SELECT p.*, ${COUNT_SQL} AS endorsements FROM petitions p`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newPetitionId(taipeiDate: string): string {
  let suffix = '';
  for (const b of crypto.getRandomValues(new Uint8Array(6))) suffix += CROCKFORD[b & 31];
  return `P-${taipeiDate.replaceAll('-', '')}-${suffix}`;
}

// ---- settings and quiet periods --------------------------------------------------------------

interface SettingsRow {
  threshold: number;
  review_period: string;
  endorsement_window: string;
  response_period: string;
  close_after: string;
  endorse_level: IdentityLevel;
  email_confirmation: EmailConfirmationMode;
  confirmation_seconds: number;
}

export async function getSettings(db: D1Database): Promise<PetitionSettings & EndorsementConfirmationSettings> {
  const r = (await db.prepare('SELECT * FROM petition_settings WHERE id = 1').first<SettingsRow>())!;
  return {
    threshold: r.threshold,
    reviewPeriod: r.review_period,
    endorsementWindow: r.endorsement_window,
    responsePeriod: r.response_period,
    closeAfter: r.close_after,
    endorseLevel: r.endorse_level,
    emailConfirmation: r.email_confirmation,
    confirmationSeconds: r.confirmation_seconds,
  };
}

export function putSettingsStatement(db: D1Database, s: PetitionSettings & EndorsementConfirmationSettings, at: string): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE petition_settings SET threshold = ?, review_period = ?, endorsement_window = ?, response_period = ?,
         close_after = ?, endorse_level = ?, email_confirmation = ?, confirmation_seconds = ?, updated_at = ? WHERE id = 1`,
    )
    .bind(s.threshold, s.reviewPeriod, s.endorsementWindow, s.responsePeriod, s.closeAfter, s.endorseLevel, s.emailConfirmation, s.confirmationSeconds, at);
}

export interface QuietPeriodRecord {
  id: number;
  from: string;
  until: string;
  reason: string;
}

export async function listQuietPeriods(db: D1Database): Promise<QuietPeriodRecord[]> {
  const { results } = await db
    .prepare('SELECT id, starts_at, ends_at, reason FROM petition_quiet_periods ORDER BY starts_at')
    .all<{ id: number; starts_at: string; ends_at: string; reason: string }>();
  return results.map((r) => ({ id: r.id, from: r.starts_at, until: r.ends_at, reason: r.reason }));
}

// ---- petitions -------------------------------------------------------------------------------

export async function insertDraft(
  db: D1Database,
  p: { id: string; proposerId: string; title: string; summary: string; body: string; threshold: number; endorseLevel: IdentityLevel; at: string },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO petitions (id, proposer_id, title, summary, body, state, threshold, endorse_level, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    )
    .bind(p.id, p.proposerId, p.title, p.summary, p.body, p.threshold, p.endorseLevel, p.at, p.at)
    .run();
}

export async function findPetition(db: D1Database, id: string): Promise<PetitionRecord | null> {
  const row = await db.prepare(`${SELECT_PETITION} WHERE p.id = ?`).bind(id).first<PetitionRow>();
  return row ? toPetition(row) : null;
}

/** Moves a draft to review with the rules fixed now; false when it is not the proposer's draft. */
export function submitStatements(
  db: D1Database,
  s: { id: string; proposerId: string; at: string; threshold: number; endorseLevel: IdentityLevel },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE petitions SET state = 'in_review', submitted_at = ?, threshold = ?, endorse_level = ?, updated_at = ?
         WHERE id = ? AND proposer_id = ? AND state = 'draft'`,
      )
      .bind(s.at, s.threshold, s.endorseLevel, s.at, s.id, s.proposerId),
    // Keyed by (petition, 0): a losing double submit adds nothing.
    db
      .prepare(
        `INSERT INTO petition_events (petition_id, seq, type, actor_id, body, occurred_at) VALUES (?, 0, 'submitted', ?, '{}', ?)
         ON CONFLICT (petition_id, seq) DO NOTHING`,
      )
      .bind(s.id, s.proposerId, s.at),
  ];
}

export interface ListOptions {
  filter?: (typeof petitionFilters)[number];
  agency?: string;
  sort: (typeof petitionSorts)[number];
  q?: string;
  limit: number;
  offset: number;
  now: string;
}

/** An FTS5 phrase: the trigram tokenizer then matches it as a substring. */
export function ftsPhrase(q: string): string {
  return `"${q.replaceAll('"', '""')}"`;
}

/** The distinct trigrams of a text, OR-ed: ranks petitions sharing most of its wording first. */
export function ftsTrigramsAny(text: string, max = 40): string | null {
  const chars = [...text.replace(/[\s\p{P}\p{S}]+/gu, ' ').trim()];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && grams.size < max; i++) {
    const g = chars.slice(i, i + 3).join('');
    if (!g.includes(' ')) grams.add(g);
  }
  return grams.size ? [...grams].map(ftsPhrase).join(' OR ') : null;
}

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

function filterSql(filter: ListOptions['filter'], now: string): { sql: string; binds: unknown[] } {
  switch (filter) {
    case undefined:
      return { sql: `p.state IN (${PUBLIC_IN})`, binds: [] };
    case 'open':
    case 'not_passed':
    case 'closed':
      return { sql: 'p.state = ?', binds: [filter] };
    case 'passed':
      return { sql: 'p.passed_at IS NOT NULL', binds: [] };
    case 'awaiting_response':
      return { sql: `p.state IN ('passed', 'awaiting_response')`, binds: [] };
    case 'responded':
      return { sql: `p.responded_at IS NOT NULL`, binds: [] };
    case 'overdue':
      return { sql: `p.state = 'awaiting_response' AND (p.response_overdue = 1 OR p.response_due_at < ?)`, binds: [now] };
  }
}

const orderSql: Record<ListOptions['sort'], string> = {
  newest: 'p.published_at DESC, p.id',
  most_endorsed: 'endorsements DESC, p.published_at DESC',
  ending_soon: 'p.window_ends_at IS NULL, p.window_ends_at ASC',
  response_due: 'p.response_due_at IS NULL, p.response_due_at ASC',
};

export async function listPetitions(db: D1Database, o: ListOptions): Promise<{ items: PetitionRecord[]; total: number }> {
  const f = filterSql(o.filter, o.now);
  const where = [f.sql];
  const binds = [...f.binds];
  if (o.q) {
    if ([...o.q].length >= 3) {
      where.push('p.rowid IN (SELECT rowid FROM petitions_fts WHERE petitions_fts MATCH ?)');
      binds.push(ftsPhrase(o.q));
    } else {
      // Under three characters the trigram index cannot answer: LIKE over public petitions.
      where.push(`(p.title LIKE ? ESCAPE '\\' OR p.summary LIKE ? ESCAPE '\\' OR p.body LIKE ? ESCAPE '\\')`);
      binds.push(likeEscape(o.q), likeEscape(o.q), likeEscape(o.q));
    }
    if (o.filter === undefined) where.push(`p.state IN (${PUBLIC_IN})`);
  }
  if (o.agency) {
    where.push('p.agency_id = ?');
    binds.push(o.agency);
  }
  const whereSql = where.join(' AND ');
  const [list, count] = await db.batch<PetitionRow | { n: number }>([
    db.prepare(`${SELECT_PETITION} WHERE ${whereSql} ORDER BY ${orderSql[o.sort]} LIMIT ? OFFSET ?`).bind(...binds, o.limit, o.offset),
    db.prepare(`SELECT COUNT(*) AS n FROM petitions p WHERE ${whereSql}`).bind(...binds),
  ]);
  return {
    items: ((list?.results ?? []) as PetitionRow[]).map((r) => toPetition(r, o.now)),
    total: ((count?.results?.[0] as { n: number } | undefined)?.n ?? 0),
  };
}

/** Public petitions worded like `text` (the same trigram index), best first. */
export async function similarPetitions(db: D1Database, text: string, limit = 5): Promise<PetitionRecord[]> {
  const any = ftsTrigramsAny(text);
  const stmt = any
    ? db
        .prepare(
          `SELECT p.*, ${COUNT_SQL} AS endorsements FROM petitions_fts f JOIN petitions p ON p.rowid = f.rowid
           WHERE petitions_fts MATCH ? AND p.state IN (${PUBLIC_IN}) ORDER BY f.rank LIMIT ?`,
        )
        .bind(any, limit)
    : db.prepare(`${SELECT_PETITION} WHERE p.state IN (${PUBLIC_IN}) AND p.title LIKE ? ESCAPE '\\' ORDER BY p.published_at DESC LIMIT ?`).bind(likeEscape(text.trim()), limit);
  const { results } = await stmt.all<PetitionRow>();
  return results.map((r) => toPetition(r));
}

export async function listOfProposer(db: D1Database, proposerId: string): Promise<PetitionRecord[]> {
  const { results } = await db.prepare(`${SELECT_PETITION} WHERE p.proposer_id = ? ORDER BY p.created_at DESC LIMIT 200`).bind(proposerId).all<PetitionRow>();
  return results.map((r) => toPetition(r));
}

export async function listReviewQueue(db: D1Database): Promise<PetitionRecord[]> {
  const { results } = await db.prepare(`${SELECT_PETITION} WHERE p.state = 'in_review' ORDER BY p.review_due_at IS NULL, p.review_due_at LIMIT 500`).all<PetitionRow>();
  return results.map((r) => toPetition(r));
}

/** Passed petitions waiting for an agency (for staff), or an agency's petitions to answer. */
export async function listResponseQueue(db: D1Database, agencyId: string | null): Promise<PetitionRecord[]> {
  const stmt = agencyId
    ? db.prepare(`${SELECT_PETITION} WHERE p.agency_id = ? AND p.state IN ('awaiting_response', 'responded') ORDER BY p.state, p.response_due_at LIMIT 500`).bind(agencyId)
    : db.prepare(`${SELECT_PETITION} WHERE p.state IN ('passed', 'awaiting_response') ORDER BY p.state DESC, p.response_due_at LIMIT 500`);
  const { results } = await stmt.all<PetitionRow>();
  return results.map((r) => toPetition(r));
}

export interface PetitionEventRecord {
  seq: number;
  type: PetitionEventType | 'submitted';
  occurredAt: string;
  body: Record<string, unknown>;
}

/** The public timeline: no actor ids, and the response text lives in its own field. */
export async function listPetitionEvents(db: D1Database, id: string): Promise<PetitionEventRecord[]> {
  const { results } = await db
    .prepare('SELECT seq, type, body, occurred_at FROM petition_events WHERE petition_id = ? ORDER BY seq')
    .bind(id)
    .all<{ seq: number; type: PetitionEventRecord['type']; body: string; occurred_at: string }>();
  return results.map((r) => {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    delete body.response;
    return { seq: r.seq, type: r.type, occurredAt: r.occurred_at, body };
  });
}

/** Valid endorsements per Taipei day (the +08:00 shift is exact: Taiwan has no daylight saving). */
export async function dailyCounts(db: D1Database, id: string): Promise<{ day: string; count: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT date(endorsed_at, '+8 hours') AS day, COUNT(*) AS count FROM petition_endorsements
       WHERE petition_id = ? AND state = 'valid' GROUP BY day ORDER BY day`,
    )
    .bind(id)
    .all<{ day: string; count: number }>();
  return results;
}

export function applyProjectionStatements(db: D1Database, ev: PetitionProjectionEvent, at: string): D1PreparedStatement[] {
  const s = ev.snapshot;
  const b = ev.body ?? {};
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : null);
  const finalCount = ev.type === 'passed' || ev.type === 'not_passed' ? Number(b.validCount) : null;
  const meeting = ev.type === 'meeting_recorded' ? JSON.stringify({ date: b.date, attendees: b.attendees, minutes: b.minutes }) : null;
  return [
    db
      .prepare(
        `INSERT INTO petition_events (petition_id, seq, type, actor_id, body, occurred_at)
         SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM petitions WHERE id = ?)
         ON CONFLICT (petition_id, seq) DO NOTHING`,
      )
      .bind(ev.petitionId, ev.seq, ev.type, ev.actorId ?? null, JSON.stringify(b), ev.occurredAt, ev.petitionId),
    db
      .prepare(
        `UPDATE petitions SET state = ?, agency_id = ?, review_due_at = ?, review_overdue = ?, published_at = ?,
           window_ends_at = ?, passed_at = ?, ended_at = ?, assigned_at = ?, response_due_at = ?,
           original_response_due_at = ?, extended = ?, response_overdue = ?, responded_at = ?, responded_on_time = ?,
           closed_at = ?, rejection_ground = ?,
           final_count = COALESCE(?, final_count), extension_reason = COALESCE(?, extension_reason),
           response = COALESCE(?, response), meeting = COALESCE(?, meeting),
           rejection_message = COALESCE(?, rejection_message), duplicate_of = COALESCE(?, duplicate_of),
           workflow_started_at = COALESCE(workflow_started_at, ?), last_seq = ?, updated_at = ?
         WHERE id = ? AND last_seq < ?`,
      )
      .bind(
        s.state,
        s.agencyId,
        s.reviewDueAt,
        s.reviewOverdue ? 1 : 0,
        s.publishedAt,
        s.windowEndsAt,
        s.passedAt,
        s.endedAt,
        s.assignedAt,
        s.responseDueAt,
        s.originalResponseDueAt,
        s.extended ? 1 : 0,
        s.responseOverdue ? 1 : 0,
        s.respondedAt,
        s.respondedOnTime === null ? null : s.respondedOnTime ? 1 : 0,
        s.closedAt,
        s.rejectionGround,
        Number.isSafeInteger(finalCount) ? finalCount : null,
        ev.type === 'extended' ? str('reason') : null,
        ev.type === 'responded' ? str('response') : null,
        meeting,
        ev.type === 'rejected' ? str('message') : null,
        ev.type === 'rejected' ? str('duplicateOf') : null,
        at,
        ev.seq,
        at,
        ev.petitionId,
        ev.seq,
      ),
  ];
}

export async function petitionExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS one FROM petitions WHERE id = ?').bind(id).first()) !== null;
}

// ---- endorsements ----------------------------------------------------------------------------

export async function countValid(db: D1Database, id: string): Promise<number> {
  const r = await db.prepare(`SELECT COUNT(*) AS n FROM petition_endorsements WHERE petition_id = ? AND state = 'valid'`).bind(id).first<{ n: number }>();
  return r?.n ?? 0;
}

export interface EndorseInput {
  petitionId: string;
  /** The caller's credential, resolved in the same statement (deferred authentication). */
  credential: { tokenHash: string; kind: 'session' | 'api_token' };
  follow: boolean;
  network: string;
  at: string;
  /** Endorsements from one network on one petition since this instant count towards a burst. */
  burstSince: string;
  burstMax: number;
  /** Rate limits: endorsements per account and per network since this instant. */
  limitSince: string;
  accountMax: number;
  networkMax: number;
}

export interface EndorseOutcome {
  inserted: 'pending' | 'valid' | null;
  /** Set when the endorsement waits for its e-mailed confirmation until this instant. */
  confirmBy: string | null;
  valid: number;
  threshold: number | null;
  reachedBefore: boolean;
  /** Why nothing was inserted (read in the same transaction; null when inserted). */
  user: { id: string; role: string; level: IdentityLevel; locale: 'zh-TW' | 'en' } | null;
  petition: { state: PetitionState; endorseLevel: IdentityLevel; title: string } | null;
  mine: { state: 'pending' | 'valid' | 'invalidated'; confirmBy: string | null } | null;
  accountRecent: number;
  networkRecent: number;
  emailConfirmation: 'off' | 'below_level' | 'always';
}

/**
 * One D1 round trip for everything an endorsement needs: the caller's session, the per-account
 * and per-network rate limits (counted from recent endorsements through their indexes, exact
 * because D1 runs one writer at a time), the burst rule, the identity level or the e-mail
 * confirmation the settings ask for, the row itself (a second one by the same person is a no-op,
 * unless an unconfirmed one has expired), then the exact count, and, only when nothing was
 * inserted, what the refusal needs. A burst from one network enters as `pending`, flagged for
 * staff; an endorsement awaiting its e-mail confirmation enters as `pending` with `confirm_by`.
 * Neither is counted.
 */
export async function endorse(db: D1Database, e: EndorseInput): Promise<EndorseOutcome> {
  const cred = [e.credential.tokenHash, e.credential.kind, e.at];
  const needsConfirm = `(s.email_confirmation = 'always' OR (s.email_confirmation = 'below_level' AND ${levelRank('u.identity_level')} < ${levelRank('p.endorse_level')}))`;
  const [ins, after] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `INSERT INTO petition_endorsements (petition_id, user_id, state, follow, network, flagged, endorsed_at, confirm_by)
         SELECT p.id, u.id, CASE WHEN ${needsConfirm} OR b.n >= ? THEN 'pending' ELSE 'valid' END, ?, ?,
           CASE WHEN b.n >= ? THEN 1 ELSE 0 END, ?, CASE WHEN ${needsConfirm} THEN strftime('%Y-%m-%dT%H:%M:%fZ', ?, '+' || s.confirmation_seconds || ' seconds') END
         FROM ${CREDENTIAL_USER_JOIN}
           JOIN petitions p ON p.id = ?
           JOIN petition_settings s ON s.id = 1,
           (SELECT COUNT(*) AS n FROM petition_endorsements WHERE petition_id = ? AND network = ? AND endorsed_at > ?) b
         WHERE u.role = 'citizen' AND p.state = 'open'
           AND (${levelRank('u.identity_level')} >= ${levelRank('p.endorse_level')} OR s.email_confirmation != 'off')
           AND (SELECT COUNT(*) FROM petition_endorsements WHERE user_id = u.id AND endorsed_at > ?) < ?
           AND (SELECT COUNT(*) FROM petition_endorsements WHERE network = ? AND endorsed_at > ?) < ?
         ON CONFLICT (petition_id, user_id) DO UPDATE SET state = excluded.state, follow = excluded.follow, network = excluded.network,
           flagged = excluded.flagged, endorsed_at = excluded.endorsed_at, confirm_by = excluded.confirm_by
         WHERE petition_endorsements.state = 'pending' AND petition_endorsements.confirm_by <= excluded.endorsed_at
         RETURNING state, confirm_by`,
      )
      .bind(
        e.burstMax,
        e.follow ? 1 : 0,
        e.network,
        e.burstMax,
        e.at,
        e.at,
        ...cred,
        e.petitionId,
        e.petitionId,
        e.network,
        e.burstSince,
        e.limitSince,
        e.accountMax,
        e.network,
        e.limitSince,
        e.networkMax,
      ),
    // The exact count after this endorsement, in the same transaction; the reasons for a refusal
    // are computed only when the caller has no endorsement (CASE evaluates them lazily).
    db
      .prepare(
        `SELECT p.state, p.endorse_level, p.title, p.threshold, p.threshold_reached_at,
           (SELECT COUNT(*) FROM petition_endorsements WHERE petition_id = p.id AND state = 'valid') AS n,
           u.id AS user_id, u.role, u.identity_level, u.locale, e.state AS mine, e.confirm_by AS mine_confirm_by,
           CASE WHEN e.state IS NULL AND u.id IS NOT NULL THEN (SELECT COUNT(*) FROM petition_endorsements WHERE user_id = u.id AND endorsed_at > ?) END AS account_recent,
           CASE WHEN e.state IS NULL THEN (SELECT COUNT(*) FROM petition_endorsements WHERE network = ? AND endorsed_at > ?) END AS network_recent,
           s.email_confirmation
         FROM petition_settings s
           LEFT JOIN (SELECT u.id, u.role, u.identity_level, u.locale FROM ${CREDENTIAL_USER_JOIN}) u ON 1 = 1
           LEFT JOIN petitions p ON p.id = ?
           LEFT JOIN petition_endorsements e ON e.petition_id = p.id AND e.user_id = u.id
         WHERE s.id = 1`,
      )
      .bind(e.limitSince, e.network, e.limitSince, ...cred, e.petitionId),
  ]);
  const r = (ins?.results?.[0] ?? null) as { state: 'pending' | 'valid'; confirm_by: string | null } | null;
  const a = (after?.results?.[0] ?? {}) as Record<string, string | number | null>;
  return {
    inserted: r?.state ?? null,
    confirmBy: r?.confirm_by ?? null,
    valid: Number(a.n ?? 0),
    threshold: a.threshold == null ? null : Number(a.threshold),
    reachedBefore: a.threshold_reached_at != null,
    user: a.user_id == null ? null : { id: String(a.user_id), role: String(a.role), level: a.identity_level as IdentityLevel, locale: a.locale as 'zh-TW' | 'en' },
    petition: a.state == null ? null : { state: a.state as PetitionState, endorseLevel: a.endorse_level as IdentityLevel, title: String(a.title) },
    mine: a.mine == null ? null : { state: a.mine as 'pending' | 'valid' | 'invalidated', confirmBy: (a.mine_confirm_by as string | null) ?? null },
    accountRecent: Number(a.account_recent ?? 0),
    networkRecent: Number(a.network_recent ?? 0),
    emailConfirmation: (a.email_confirmation as EndorseOutcome['emailConfirmation']) ?? 'off',
  };
}

export async function findEndorsement(
  db: D1Database,
  petitionId: string,
  userId: string,
): Promise<{ state: 'pending' | 'valid' | 'invalidated'; follow: boolean; confirmBy: string | null } | null> {
  const r = await db
    .prepare('SELECT state, follow, confirm_by FROM petition_endorsements WHERE petition_id = ? AND user_id = ?')
    .bind(petitionId, userId)
    .first<{ state: 'pending' | 'valid' | 'invalidated'; follow: number; confirm_by: string | null }>();
  return r ? { state: r.state, follow: r.follow === 1, confirmBy: r.confirm_by } : null;
}

// ---- e-mail confirmation of endorsements ------------------------------------------------------

export function insertConfirmationStatement(
  db: D1Database,
  c: { tokenHash: string; petitionId: string; userId: string; at: string; expiresAt: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO petition_endorsement_confirmations (token_hash, petition_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .bind(c.tokenHash, c.petitionId, c.userId, c.at, c.expiresAt);
}

export type ConfirmOutcome =
  | { kind: 'confirmed'; petitionId: string; title: string; state: 'pending' | 'valid'; valid: number; threshold: number; reachedBefore: boolean }
  | { kind: 'unknown' | 'expired' | 'already-confirmed' | 'petition-closed' | 'withdrawn'; petitionId: string | null; title: string | null };

/**
 * Uses a confirmation token: one batch marks the token used and turns the pending endorsement
 * valid (or keeps it pending for staff when a burst flagged it), only while the token is unused
 * and unexpired, the endorsement still awaits it and the petition is open; then reads what the
 * answer needs. A second use, an expired link or a petition closed meanwhile changes nothing.
 */
export async function confirmEndorsement(db: D1Database, tokenHash: string, at: string): Promise<ConfirmOutcome> {
  const usable = `t.token_hash = ?1 AND t.used_at IS NULL AND t.expires_at > ?2
    AND EXISTS (SELECT 1 FROM petitions p WHERE p.id = t.petition_id AND p.state = 'open')
    AND EXISTS (SELECT 1 FROM petition_endorsements e WHERE e.petition_id = t.petition_id AND e.user_id = t.user_id
                AND e.state = 'pending' AND e.confirm_by IS NOT NULL AND e.confirm_by > ?2)`;
  const [used, , after] = await db.batch<Record<string, unknown>>([
    db.prepare(`UPDATE petition_endorsement_confirmations AS t SET used_at = ?2 WHERE ${usable} RETURNING petition_id`).bind(tokenHash, at),
    db
      .prepare(
        `UPDATE petition_endorsements SET state = CASE WHEN flagged = 1 THEN 'pending' ELSE 'valid' END, confirm_by = NULL
         WHERE (petition_id, user_id) = (SELECT petition_id, user_id FROM petition_endorsement_confirmations WHERE token_hash = ?1 AND used_at = ?2)
           AND state = 'pending' AND confirm_by IS NOT NULL`,
      )
      .bind(tokenHash, at),
    db
      .prepare(
        `SELECT t.petition_id, t.used_at, t.expires_at, p.title, p.state AS petition_state, p.threshold, p.threshold_reached_at,
           (SELECT COUNT(*) FROM petition_endorsements WHERE petition_id = p.id AND state = 'valid') AS n,
           e.state, e.confirm_by
         FROM petition_endorsement_confirmations t JOIN petitions p ON p.id = t.petition_id
           LEFT JOIN petition_endorsements e ON e.petition_id = t.petition_id AND e.user_id = t.user_id
         WHERE t.token_hash = ?1`,
      )
      .bind(tokenHash),
  ]);
  const a = (after?.results?.[0] ?? null) as Record<string, string | number | null> | null;
  if (!a) return { kind: 'unknown', petitionId: null, title: null };
  const petitionId = String(a.petition_id);
  const title = String(a.title);
  if (used?.results?.length) {
    return {
      kind: 'confirmed',
      petitionId,
      title,
      state: a.state === 'valid' ? 'valid' : 'pending',
      valid: Number(a.n ?? 0),
      threshold: Number(a.threshold),
      reachedBefore: a.threshold_reached_at != null,
    };
  }
  if (a.used_at != null) return { kind: 'already-confirmed', petitionId, title };
  // Withdrawn, or invalidated by staff meanwhile: nothing to confirm.
  if (a.state == null || a.state === 'invalidated') return { kind: 'withdrawn', petitionId, title };
  if (a.state !== 'pending' || a.confirm_by == null) return { kind: 'already-confirmed', petitionId, title };
  if (String(a.expires_at) <= at || String(a.confirm_by) <= at) return { kind: 'expired', petitionId, title };
  if (a.petition_state !== 'open') return { kind: 'petition-closed', petitionId, title };
  return { kind: 'unknown', petitionId, title };
}

/** Withdraws while the petition is open; invalidated endorsements stay on record. */
export async function withdraw(db: D1Database, petitionId: string, userId: string): Promise<boolean> {
  const r = await db
    .prepare(
      `DELETE FROM petition_endorsements WHERE petition_id = ? AND user_id = ? AND state != 'invalidated'
         AND EXISTS (SELECT 1 FROM petitions WHERE id = ? AND state = 'open')`,
    )
    .bind(petitionId, userId, petitionId)
    .run();
  return r.meta.changes === 1;
}

export function markThresholdReachedStatement(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare('UPDATE petitions SET threshold_reached_at = ? WHERE id = ? AND threshold_reached_at IS NULL').bind(at, id);
}

// ---- integrity -------------------------------------------------------------------------------

export interface InvalidationCriteria {
  from?: string;
  until?: string;
  network?: string;
  accountsCreatedAfter?: string;
  flaggedOnly?: boolean;
}

function criteriaSql(petitionId: string, c: InvalidationCriteria): { sql: string; binds: unknown[] } {
  const where = [`e.petition_id = ?`, `e.state IN ('valid', 'pending')`];
  const binds: unknown[] = [petitionId];
  const add = (sql: string, value?: unknown) => {
    where.push(sql);
    if (value !== undefined) binds.push(value);
  };
  if (c.from) add('e.endorsed_at >= ?', c.from);
  if (c.until) add('e.endorsed_at < ?', c.until);
  if (c.network) add('e.network = ?', c.network);
  if (c.flaggedOnly) add('e.flagged = 1');
  if (c.accountsCreatedAfter) add('e.user_id IN (SELECT id FROM users WHERE created_at > ?)', c.accountsCreatedAfter);
  return { sql: where.join(' AND '), binds };
}

export async function countMatching(db: D1Database, petitionId: string, c: InvalidationCriteria): Promise<number> {
  const w = criteriaSql(petitionId, c);
  const r = await db.prepare(`SELECT COUNT(*) AS n FROM petition_endorsements e WHERE ${w.sql}`).bind(...w.binds).first<{ n: number }>();
  return r?.n ?? 0;
}

/** Invalidates by criteria in one transaction with its record; returns the record id and count. */
export async function invalidate(
  db: D1Database,
  i: { petitionId: string; criteria: InvalidationCriteria; reason: string; actorId: string; at: string },
  audit: (invalidationId: number, affected: number) => D1PreparedStatement,
): Promise<{ id: number; affected: number }> {
  const w = criteriaSql(i.petitionId, i.criteria);
  const row = await db
    .prepare(`INSERT INTO petition_invalidations (petition_id, criteria, reason, affected, actor_id, created_at) VALUES (?, ?, ?, 0, ?, ?) RETURNING id`)
    .bind(i.petitionId, JSON.stringify(i.criteria), i.reason, i.actorId, i.at)
    .first<{ id: number }>();
  const id = row!.id;
  const [upd] = await db.batch([
    db
      .prepare(`UPDATE petition_endorsements AS e SET state_before_invalidation = e.state, state = 'invalidated', invalidation_id = ? WHERE ${w.sql}`)
      .bind(id, ...w.binds),
    db
      .prepare(`UPDATE petition_invalidations SET affected = (SELECT COUNT(*) FROM petition_endorsements WHERE invalidation_id = ?) WHERE id = ?`)
      .bind(id, id),
  ]);
  const affected = upd?.meta.changes ?? 0;
  await audit(id, affected).run();
  return { id, affected };
}

/** Undoes one invalidation: its endorsements return to the state they had. */
export async function undoInvalidation(db: D1Database, petitionId: string, id: number, at: string, audit: D1PreparedStatement): Promise<number | null> {
  const [mark, upd] = await db.batch([
    db.prepare('UPDATE petition_invalidations SET undone_at = ? WHERE id = ? AND petition_id = ? AND undone_at IS NULL').bind(at, id, petitionId),
    db
      .prepare(
        `UPDATE petition_endorsements SET state = COALESCE(state_before_invalidation, 'valid'), state_before_invalidation = NULL, invalidation_id = NULL
         WHERE invalidation_id = ? AND petition_id = ? AND EXISTS (SELECT 1 FROM petition_invalidations WHERE id = ? AND undone_at = ?)`,
      )
      .bind(id, petitionId, id, at),
    audit,
  ]);
  if (!mark?.meta.changes) return null;
  return upd?.meta.changes ?? 0;
}

/** Staff accept the flagged (pending) endorsements of a petition that proved genuine. */
export async function approvePending(db: D1Database, petitionId: string): Promise<number> {
  // Never one that still waits for its e-mail confirmation: only the endorser can confirm it.
  const r = await db
    .prepare(`UPDATE petition_endorsements SET state = 'valid' WHERE petition_id = ? AND state = 'pending' AND confirm_by IS NULL`)
    .bind(petitionId)
    .run();
  return r.meta.changes;
}

export async function integrityReport(db: D1Database, petitionId: string) {
  const [counts, networks, invs] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT SUM(state = 'pending') AS pending, SUM(state = 'valid') AS valid, SUM(state = 'invalidated') AS invalidated, SUM(flagged) AS flagged
         FROM petition_endorsements WHERE petition_id = ?`,
      )
      .bind(petitionId),
    db
      .prepare(
        `SELECT network, COUNT(*) AS endorsements, SUM(flagged) AS flagged, MIN(endorsed_at) AS firstAt, MAX(endorsed_at) AS lastAt
         FROM petition_endorsements WHERE petition_id = ? GROUP BY network ORDER BY endorsements DESC LIMIT 20`,
      )
      .bind(petitionId),
    db.prepare('SELECT id, criteria, reason, affected, created_at, undone_at FROM petition_invalidations WHERE petition_id = ? ORDER BY id DESC').bind(petitionId),
  ]);
  const c = (counts?.results?.[0] ?? {}) as Record<string, number | null>;
  return {
    counts: { pending: c.pending ?? 0, valid: c.valid ?? 0, invalidated: c.invalidated ?? 0, flagged: c.flagged ?? 0 },
    networks: (networks?.results ?? []) as { network: string; endorsements: number; flagged: number; firstAt: string; lastAt: string }[],
    invalidations: ((invs?.results ?? []) as { id: number; criteria: string; reason: string; affected: number; created_at: string; undone_at: string | null }[]).map((r) => ({
      id: r.id,
      criteria: JSON.parse(r.criteria) as Record<string, unknown>,
      reason: r.reason,
      affected: r.affected,
      createdAt: r.created_at,
      undoneAt: r.undone_at,
    })),
  };
}

// ---- accountability and open data ------------------------------------------------------------

export async function accountability(db: D1Database, now: string) {
  const [review, agencies] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT COUNT(*) AS n, SUM(review_overdue = 1 OR review_due_at < ?) AS overdue FROM petitions WHERE state = 'in_review'`)
      .bind(now),
    db
      .prepare(
        `SELECT a.id AS agencyId, a.name_zh AS nameZh, a.name_en AS nameEn,
           SUM(p.state = 'awaiting_response') AS awaitingResponse,
           SUM(p.state = 'awaiting_response' AND (p.response_overdue = 1 OR p.response_due_at < ?)) AS overdue,
           SUM(p.responded_at IS NOT NULL) AS responded,
           SUM(p.responded_on_time = 1) AS respondedOnTime
         FROM petitions p JOIN agencies a ON a.id = p.agency_id
         WHERE p.agency_id IS NOT NULL GROUP BY a.id ORDER BY overdue DESC, a.id`,
      )
      .bind(now),
  ]);
  const r = (review?.results?.[0] ?? {}) as { n?: number; overdue?: number | null };
  return {
    awaitingReview: r.n ?? 0,
    reviewOverdue: r.overdue ?? 0,
    agencies: ((agencies?.results ?? []) as Record<string, number | string>[]).map((a) => {
      const responded = Number(a.responded ?? 0);
      const overdue = Number(a.overdue ?? 0);
      const onTime = Number(a.respondedOnTime ?? 0);
      return {
        agencyId: String(a.agencyId),
        nameZh: String(a.nameZh),
        nameEn: String(a.nameEn),
        awaitingResponse: Number(a.awaitingResponse ?? 0),
        overdue,
        responded,
        respondedOnTime: onTime,
        onTimeRate: responded + overdue === 0 ? null : onTime / (responded + overdue),
      };
    }),
  };
}

/**
 * The petitions behind one figure of the accountability table (the same conditions as
 * `accountability`), optionally of one agency, a page at a time with the total.
 */
export async function listOversight(
  db: D1Database,
  o: { figure: OversightFigure; agency?: string; limit: number; offset: number; now: string },
): Promise<{ items: PetitionRecord[]; total: number }> {
  const overdueResponse = `p.state = 'awaiting_response' AND (p.response_overdue = 1 OR p.response_due_at < ?)`;
  const figures: Record<OversightFigure, { sql: string; binds: unknown[]; order: string }> = {
    awaiting_review: { sql: `p.state = 'in_review'`, binds: [], order: 'p.review_due_at IS NULL, p.review_due_at, p.id' },
    review_overdue: { sql: `p.state = 'in_review' AND (p.review_overdue = 1 OR p.review_due_at < ?)`, binds: [o.now], order: 'p.review_due_at, p.id' },
    awaiting_response: { sql: `p.state = 'awaiting_response'`, binds: [], order: 'p.response_due_at IS NULL, p.response_due_at, p.id' },
    overdue: { sql: overdueResponse, binds: [o.now], order: 'p.response_due_at, p.id' },
    responded: { sql: 'p.responded_at IS NOT NULL', binds: [], order: 'p.responded_at DESC, p.id' },
    responded_on_time: { sql: 'p.responded_on_time = 1', binds: [], order: 'p.responded_at DESC, p.id' },
    responded_late: { sql: 'p.responded_on_time = 0', binds: [], order: 'p.responded_at DESC, p.id' },
  };
  const f = figures[o.figure];
  const where = [f.sql];
  const binds = [...f.binds];
  if (o.agency) {
    where.push('p.agency_id = ?');
    binds.push(o.agency);
  }
  const whereSql = where.join(' AND ');
  const [list, count] = await db.batch<PetitionRow | { n: number }>([
    db.prepare(`${SELECT_PETITION} WHERE ${whereSql} ORDER BY ${f.order} LIMIT ? OFFSET ?`).bind(...binds, o.limit, o.offset),
    db.prepare(`SELECT COUNT(*) AS n FROM petitions p WHERE ${whereSql}`).bind(...binds),
  ]);
  return {
    items: ((list?.results ?? []) as PetitionRow[]).map((r) => toPetition(r, o.now)),
    total: (count?.results?.[0] as { n: number } | undefined)?.n ?? 0,
  };
}

/** Every public petition for open data (no proposer, no endorser, no staff ids). */
export async function exportPetitions(db: D1Database): Promise<PetitionRecord[]> {
  const { results } = await db.prepare(`${SELECT_PETITION} WHERE p.state IN (${PUBLIC_IN}) ORDER BY p.published_at`).all<PetitionRow>();
  return results.map((r) => toPetition(r));
}
