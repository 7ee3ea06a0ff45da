/**
 * Typed SQL of the budgeting leg. Ballots and has-voted rows are written here and nowhere else;
 * no statement in this leg reads both tables together (tests/budgets/secret-ballot.api.test.ts).
 */
import type { BudgetRoundEvent, RoundPhase, RoundSchedule } from '../../workflows/budget-round/contract';
import type { TallyRule } from '../../domain/tally/rules';
import type { IdentityLevel } from '../platform/identity';
import type { BudgetProject, RoundBallotSettings } from './schemas';

export interface RoundRecord {
  id: string;
  title: string;
  description: string;
  phase: RoundPhase;
  rule: TallyRule;
  ballot: RoundBallotSettings;
  minProjectScore: number | null;
  currency: string;
  schedule: RoundSchedule;
  minAge: number;
  minIdentityLevel: 'basic' | 'verified';
  districtRule: 'residence' | 'any';
  source: 'live' | 'pabulib';
  seq: number;
  workflowStartedAt: string | null;
}

interface RoundRow {
  id: string;
  title: string;
  description: string;
  phase: RoundPhase;
  rule: TallyRule;
  ballot: string;
  min_project_score: number | null;
  currency: string;
  proposals_end_at: string;
  review_end_at: string;
  voting_end_at: string;
  results_end_at: string;
  min_age: number;
  min_identity_level: 'basic' | 'verified';
  district_rule: 'residence' | 'any';
  source: 'live' | 'pabulib';
  seq: number;
  workflow_started_at: string | null;
}

const toRound = (r: RoundRow): RoundRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  phase: r.phase,
  rule: r.rule,
  ballot: JSON.parse(r.ballot) as RoundBallotSettings,
  minProjectScore: r.min_project_score,
  currency: r.currency,
  schedule: { proposals: r.proposals_end_at, review: r.review_end_at, voting: r.voting_end_at, results: r.results_end_at },
  minAge: r.min_age,
  minIdentityLevel: r.min_identity_level,
  districtRule: r.district_rule,
  source: r.source,
  seq: r.seq,
  workflowStartedAt: r.workflow_started_at,
});

export interface District {
  code: string;
  name: string;
  budget: number;
}

export function insertRoundStatements(
  db: D1Database,
  r: Omit<RoundRecord, 'seq' | 'workflowStartedAt'> & { createdBy: string | null; createdAt: string; districts: District[] },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO budget_rounds (id, title, description, phase, rule, ballot, min_project_score, currency,
           proposals_end_at, review_end_at, voting_end_at, results_end_at, min_age, min_identity_level, district_rule,
           source, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        r.id, r.title, r.description, r.phase, r.rule, JSON.stringify(r.ballot), r.minProjectScore, r.currency,
        r.schedule.proposals, r.schedule.review, r.schedule.voting, r.schedule.results,
        r.minAge, r.minIdentityLevel, r.districtRule, r.source, r.createdBy, r.createdAt,
      ),
    ...r.districts.map((d) =>
      db.prepare(`INSERT INTO budget_districts (round_id, code, name, budget) VALUES (?, ?, ?, ?)`).bind(r.id, d.code, d.name, d.budget),
    ),
  ];
}

export async function findRound(db: D1Database, id: string): Promise<RoundRecord | null> {
  const row = await db.prepare(`SELECT * FROM budget_rounds WHERE id = ?`).bind(id).first<RoundRow>();
  return row ? toRound(row) : null;
}

/** Newest first, a page at a time (keyset on created_at, id); `more` says whether a page follows. */
export async function listRounds(
  db: D1Database,
  page: { limit: number; after?: { createdAt: string; id: string } | undefined },
): Promise<{ rounds: (RoundRecord & { createdAt: string })[]; more: boolean }> {
  const where = page.after ? 'WHERE created_at < ? OR (created_at = ? AND id < ?)' : '';
  const params = page.after ? [page.after.createdAt, page.after.createdAt, page.after.id] : [];
  const { results } = await db
    .prepare(`SELECT * FROM budget_rounds ${where} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...params, page.limit + 1)
    .all<RoundRow & { created_at: string }>();
  return { rounds: results.slice(0, page.limit).map((r) => ({ ...toRound(r), createdAt: r.created_at })), more: results.length > page.limit };
}

export async function listDistricts(db: D1Database, roundId: string): Promise<District[]> {
  const { results } = await db
    .prepare(`SELECT code, name, budget FROM budget_districts WHERE round_id = ? ORDER BY code`)
    .bind(roundId)
    .all<District>();
  return results;
}

interface ProjectRow {
  id: string;
  district_code: string;
  title: string;
  description: string;
  estimated_cost: number | null;
  cost: number | null;
  latitude: number | null;
  longitude: number | null;
  state: 'proposed' | 'accepted' | 'rejected';
  review_reason: string | null;
}

export type QueueProject = Omit<BudgetProject, 'updates'>;

/** A project row without its progress updates (the review queue's shape; the round page adds them). */
const toQueueProject = (p: ProjectRow): QueueProject => ({
  id: p.id,
  districtCode: p.district_code,
  title: p.title,
  description: p.description,
  estimatedCost: p.estimated_cost,
  cost: p.cost,
  latitude: p.latitude,
  longitude: p.longitude,
  state: p.state,
  reviewReason: p.review_reason,
});

interface UpdateRow {
  project_id: string;
  status: string;
  note: string;
  photos: string;
  created_at: string;
}

export async function listProjects(db: D1Database, roundId: string): Promise<BudgetProject[]> {
  const [projects, updates] = await db.batch([
    db.prepare(`SELECT * FROM budget_projects WHERE round_id = ? ORDER BY district_code, id`).bind(roundId),
    db
      .prepare(
        `SELECT project_id, status, note, photos, created_at FROM budget_project_updates WHERE round_id = ? ORDER BY id`,
      )
      .bind(roundId),
  ]);
  const byProject = new Map<string, BudgetProject['updates']>();
  for (const u of (updates?.results ?? []) as UpdateRow[]) {
    const list = byProject.get(u.project_id) ?? [];
    list.push({ status: u.status, note: u.note, photos: JSON.parse(u.photos) as BudgetProject['updates'][number]['photos'], createdAt: u.created_at });
    byProject.set(u.project_id, list);
  }
  return ((projects?.results ?? []) as ProjectRow[]).map((p) => ({ ...toQueueProject(p), updates: byProject.get(p.id) ?? [] }));
}

export function insertProjectStatement(
  db: D1Database,
  p: {
    id: string;
    roundId: string;
    districtCode: string;
    title: string;
    description: string;
    estimatedCost: number | null;
    cost: number | null;
    latitude: number | null;
    longitude: number | null;
    state: 'proposed' | 'accepted';
    proposedBy: string | null;
    at: string;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO budget_projects (id, round_id, district_code, title, description, estimated_cost, cost, latitude, longitude,
         state, proposed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(p.id, p.roundId, p.districtCode, p.title, p.description, p.estimatedCost, p.cost, p.latitude, p.longitude, p.state, p.proposedBy, p.at);
}

export async function findProjectState(db: D1Database, roundId: string, projectId: string): Promise<'proposed' | 'accepted' | 'rejected' | null> {
  const row = await db
    .prepare(`SELECT state FROM budget_projects WHERE round_id = ? AND id = ?`)
    .bind(roundId, projectId)
    .first<{ state: 'proposed' | 'accepted' | 'rejected' }>();
  return row?.state ?? null;
}

export function reviewProjectStatement(
  db: D1Database,
  r: { roundId: string; projectId: string; state: 'accepted' | 'rejected'; cost: number | null; reason: string; reviewerId: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(`UPDATE budget_projects SET state = ?, cost = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ? WHERE round_id = ? AND id = ?`)
    .bind(r.state, r.cost, r.reason, r.reviewerId, r.at, r.roundId, r.projectId);
}

export function projectUpdateStatement(
  db: D1Database,
  u: { roundId: string; projectId: string; status: string; note: string; photos: unknown[]; by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO budget_project_updates (round_id, project_id, status, note, photos, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .bind(u.roundId, u.projectId, u.status, u.note, JSON.stringify(u.photos), u.by, u.at);
}

export interface ResidentProfile {
  districtCode: string;
  birthDate: string;
  /** The platform's level of the account (users.identity_level), not the profile's: one notion. */
  identityLevel: IdentityLevel;
}

/** A resident profile with its account's identity level; `?` is the user id. */
const PROFILE_SELECT = `SELECT p.district_code, p.birth_date, u.identity_level
  FROM budget_resident_profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id = ?`;
type ProfileRow = { district_code: string; birth_date: string; identity_level: IdentityLevel };
const toProfile = (r: ProfileRow): ResidentProfile => ({ districtCode: r.district_code, birthDate: r.birth_date, identityLevel: r.identity_level });

export async function findResidentProfile(db: D1Database, userId: string): Promise<ResidentProfile | null> {
  const row = await db.prepare(PROFILE_SELECT).bind(userId).first<ProfileRow>();
  return row ? toProfile(row) : null;
}

// ---- The ballot box and the has-voted list: written side by side, never read together. ----

export interface HasVoted {
  voterTag: string;
  districtCode: string;
}

export async function findHasVoted(db: D1Database, roundId: string, voterId: string): Promise<HasVoted | null> {
  const row = await db
    .prepare(`SELECT voter_tag, district_code FROM budget_voters WHERE round_id = ? AND voter_id = ?`)
    .bind(roundId, voterId)
    .first<{ voter_tag: string; district_code: string }>();
  return row ? { voterTag: row.voter_tag, districtCode: row.district_code } : null;
}

/** Inserts the has-voted row; a concurrent first vote of the same voter fails on the primary key. */
export function insertHasVotedStatement(
  db: D1Database,
  v: { roundId: string; voterId: string; districtCode: string; channel: 'online' | 'paper'; voterTag: string; votedOn: string },
): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO budget_voters (round_id, voter_id, district_code, channel, voter_tag, voted_on) VALUES (?, ?, ?, ?, ?, ?)`)
    .bind(v.roundId, v.voterId, v.districtCode, v.channel, v.voterTag, v.votedOn);
}

/**
 * Moves the has-voted row to the new receipt, only if it still holds the old one and the delete
 * before it in the batch removed the old ballot (see ballots.ts).
 */
export function retagHasVotedStatement(
  db: D1Database,
  v: { roundId: string; voterId: string; oldTag: string; newTag: string },
): D1PreparedStatement {
  return db
    .prepare(`UPDATE budget_voters SET voter_tag = ? WHERE round_id = ? AND voter_id = ? AND voter_tag = ? AND changes() > 0`)
    .bind(v.newTag, v.roundId, v.voterId, v.oldTag);
}

/**
 * With `afterChange`, the ballot goes in only if the statement before it in the batch changed a
 * row: a replacement whose retag/delete lost a race inserts nothing.
 */
export function insertBallotStatement(
  db: D1Database,
  b: { id: string; roundId: string; districtCode: string; channel: 'online' | 'paper' | 'import'; projects: readonly string[]; points: readonly number[] | null; receiptHash: string | null },
  afterChange = false,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO budget_ballots (id, round_id, district_code, channel, projects, points, receipt_hash)
       SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${afterChange ? 'changes() > 0' : '1'}`,
    )
    .bind(b.id, b.roundId, b.districtCode, b.channel, JSON.stringify(b.projects), b.points ? JSON.stringify(b.points) : null, b.receiptHash);
}

/** Deletes the ballot a receipt belongs to; the hash alone cannot be traced to a voter. */
export function deleteBallotByReceiptStatement(db: D1Database, roundId: string, receiptHash: string): D1PreparedStatement {
  return db.prepare(`DELETE FROM budget_ballots WHERE round_id = ? AND receipt_hash = ?`).bind(roundId, receiptHash);
}

export async function ballotExistsByReceipt(db: D1Database, roundId: string, receiptHash: string): Promise<boolean> {
  const row = await db.prepare(`SELECT 1 AS one FROM budget_ballots WHERE round_id = ? AND receipt_hash = ?`).bind(roundId, receiptHash).first();
  return row !== null;
}

export interface StoredBallot {
  districtCode: string;
  projects: string[];
  points: number[] | null;
}

/** Ballots of a round, in the box's own (random id) order. */
export async function listBallots(db: D1Database, roundId: string): Promise<StoredBallot[]> {
  const { results } = await db
    .prepare(`SELECT district_code, projects, points FROM budget_ballots WHERE round_id = ? ORDER BY id`)
    .bind(roundId)
    .all<{ district_code: string; projects: string; points: string | null }>();
  return results.map((r) => ({
    districtCode: r.district_code,
    projects: JSON.parse(r.projects) as string[],
    points: r.points ? (JSON.parse(r.points) as number[]) : null,
  }));
}

export async function turnoutByDistrict(db: D1Database, roundId: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(`SELECT district_code, COUNT(*) AS n FROM budget_voters WHERE round_id = ? GROUP BY district_code`)
    .bind(roundId)
    .all<{ district_code: string; n: number }>();
  return new Map(results.map((r) => [r.district_code, r.n]));
}

// ---- Projections and results ----

/** Applies a workflow event once: older or repeated sequence numbers change nothing. */
export async function applyRoundEvent(db: D1Database, ev: BudgetRoundEvent): Promise<boolean> {
  const [update] = await db.batch([
    db
      .prepare(
        `UPDATE budget_rounds SET seq = ?, phase = ?, proposals_end_at = ?, review_end_at = ?, voting_end_at = ?, results_end_at = ?,
           workflow_started_at = COALESCE(workflow_started_at, ?)
         WHERE id = ? AND seq < ?`,
      )
      .bind(ev.seq, ev.phase, ev.schedule.proposals, ev.schedule.review, ev.schedule.voting, ev.schedule.results, ev.occurredAt, ev.roundId, ev.seq),
    db
      .prepare(
        `INSERT INTO budget_round_events (round_id, seq, type, phase, occurred_at, reason)
         SELECT ?, ?, ?, ?, ?, ? WHERE changes() > 0`,
      )
      .bind(ev.roundId, ev.seq, ev.type, ev.phase, ev.occurredAt, ev.reason ?? null),
  ]);
  return (update?.meta.changes ?? 0) > 0;
}

export async function listRoundEvents(db: D1Database, roundId: string) {
  const { results } = await db
    .prepare(`SELECT seq, type, phase, occurred_at, reason FROM budget_round_events WHERE round_id = ? ORDER BY seq`)
    .bind(roundId)
    .all<{ seq: number; type: string; phase: string; occurred_at: string; reason: string | null }>();
  return results.map((r) => ({ seq: r.seq, type: r.type, phase: r.phase, occurredAt: r.occurred_at, reason: r.reason }));
}

export interface ResultRecord {
  districtCode: string;
  rule: string;
  ballots: number;
  selected: string[];
  totalCost: number;
  explanation: unknown;
}

export function upsertResultStatement(db: D1Database, roundId: string, r: ResultRecord, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO budget_results (round_id, district_code, rule, ballots, selected, total_cost, explanation, computed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (round_id, district_code) DO UPDATE SET rule = excluded.rule, ballots = excluded.ballots,
         selected = excluded.selected, total_cost = excluded.total_cost, explanation = excluded.explanation, computed_at = excluded.computed_at`,
    )
    .bind(roundId, r.districtCode, r.rule, r.ballots, JSON.stringify(r.selected), r.totalCost, JSON.stringify(r.explanation), at);
}

export async function listResults(db: D1Database, roundId: string): Promise<ResultRecord[]> {
  const { results } = await db
    .prepare(`SELECT district_code, rule, ballots, selected, total_cost, explanation FROM budget_results WHERE round_id = ? ORDER BY district_code`)
    .bind(roundId)
    .all<{ district_code: string; rule: string; ballots: number; selected: string; total_cost: number; explanation: string }>();
  return results.map((r) => ({
    districtCode: r.district_code,
    rule: r.rule,
    ballots: r.ballots,
    selected: JSON.parse(r.selected) as string[],
    totalCost: r.total_cost,
    explanation: JSON.parse(r.explanation) as unknown,
  }));
}

export interface BallotContext {
  round: RoundRecord | null;
  profile: ResidentProfile | null;
  districts: District[];
  /** Accepted projects of the round: what a ballot may name. */
  projects: { id: string; districtCode: string; cost: bigint }[];
  hasVoted: HasVoted | null;
}

/** Everything casting a ballot reads, in one D1 round trip (ballots are the hot path of a round). */
export async function loadBallotContext(db: D1Database, roundId: string, voterId: string): Promise<BallotContext> {
  const [round, profile, districts, projects, voted] = await db.batch([
    db.prepare(`SELECT * FROM budget_rounds WHERE id = ?`).bind(roundId),
    db.prepare(PROFILE_SELECT).bind(voterId),
    db.prepare(`SELECT code, name, budget FROM budget_districts WHERE round_id = ? ORDER BY code`).bind(roundId),
    db.prepare(`SELECT id, district_code, cost FROM budget_projects WHERE round_id = ? AND state = 'accepted'`).bind(roundId),
    db.prepare(`SELECT voter_tag, district_code FROM budget_voters WHERE round_id = ? AND voter_id = ?`).bind(roundId, voterId),
  ]);
  const roundRow = (round?.results as RoundRow[] | undefined)?.[0];
  const p = (profile?.results as ProfileRow[] | undefined)?.[0];
  const v = (voted?.results as { voter_tag: string; district_code: string }[] | undefined)?.[0];
  return {
    round: roundRow ? toRound(roundRow) : null,
    profile: p ? toProfile(p) : null,
    districts: (districts?.results ?? []) as District[],
    projects: ((projects?.results ?? []) as { id: string; district_code: string; cost: number | null }[]).map((r) => ({
      id: r.id,
      districtCode: r.district_code,
      cost: BigInt(r.cost ?? 0),
    })),
    hasVoted: v ? { voterTag: v.voter_tag, districtCode: v.district_code } : null,
  };
}

// ---- Counting off the Worker: pages for the count activity, results stored once per round ----

/** Accepted projects in (district, id) order after a keyset position ('' sorts before every code). */
export async function pageAcceptedProjects(
  db: D1Database,
  roundId: string,
  after: { districtCode: string; id: string } | null,
  limit: number,
): Promise<{ id: string; districtCode: string; cost: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, district_code, cost FROM budget_projects
       WHERE round_id = ? AND state = 'accepted' AND (district_code, id) > (?, ?)
       ORDER BY district_code, id LIMIT ?`,
    )
    .bind(roundId, after?.districtCode ?? '', after?.id ?? '', limit)
    .all<{ id: string; district_code: string; cost: number | null }>();
  return results.map((r) => ({ id: r.id, districtCode: r.district_code, cost: r.cost ?? 0 }));
}

/** A page of the ballot box in (district, random id) order: the index budget_ballots_round walks it, no sort. */
export async function pageBallots(
  db: D1Database,
  roundId: string,
  after: { districtCode: string; id: string } | null,
  limit: number,
): Promise<{ id: string; districtCode: string; projects: string[]; points: number[] | null }[]> {
  const { results } = await db
    .prepare(
      `SELECT id, district_code, projects, points FROM budget_ballots
       WHERE round_id = ? AND (district_code, id) > (?, ?)
       ORDER BY district_code, id LIMIT ?`,
    )
    .bind(roundId, after?.districtCode ?? '', after?.id ?? '', limit)
    .all<{ id: string; district_code: string; projects: string; points: string | null }>();
  return results.map((r) => ({
    id: r.id,
    districtCode: r.district_code,
    projects: JSON.parse(r.projects) as string[],
    points: r.points ? (JSON.parse(r.points) as number[]) : null,
  }));
}

export async function findRoundCount(db: D1Database, roundId: string): Promise<{ countId: string; parts: number; storedAt: string } | null> {
  const row = await db
    .prepare(`SELECT count_id, parts, stored_at FROM budget_round_counts WHERE round_id = ?`)
    .bind(roundId)
    .first<{ count_id: string; parts: number; stored_at: string }>();
  return row ? { countId: row.count_id, parts: row.parts, storedAt: row.stored_at } : null;
}

/** Keeps one part of a chunked count; a resent part changes nothing. Answers how many parts are in. */
export async function addResultPart(
  db: D1Database,
  p: { roundId: string; countId: string; part: number; parts: number; chunk: string; at: string },
): Promise<number> {
  const [, counted] = await db.batch([
    db
      .prepare(`INSERT OR IGNORE INTO budget_result_parts (round_id, count_id, part, parts, chunk, received_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .bind(p.roundId, p.countId, p.part, p.parts, p.chunk, p.at),
    db.prepare(`SELECT COUNT(*) AS n FROM budget_result_parts WHERE round_id = ? AND count_id = ? AND part < ?`).bind(p.roundId, p.countId, p.parts),
  ]);
  return (counted?.results as { n: number }[] | undefined)?.[0]?.n ?? 0;
}

export async function readResultText(db: D1Database, roundId: string, countId: string, parts: number): Promise<string> {
  const { results } = await db
    .prepare(`SELECT chunk FROM budget_result_parts WHERE round_id = ? AND count_id = ? AND part < ? ORDER BY part`)
    .bind(roundId, countId, parts)
    .all<{ chunk: string }>();
  return results.map((r) => r.chunk).join('');
}

/**
 * Stores a round's results once, in one batch: the count row goes in only if the round has none,
 * and each result row only if the statement before it wrote (changes() > 0), so a second count
 * (a retried activity) writes nothing. The parts are dropped in the same batch.
 */
export async function storeRoundCount(
  db: D1Database,
  c: { roundId: string; countId: string; parts: number; at: string },
  results: readonly ResultRecord[],
): Promise<boolean> {
  const [count] = await db.batch([
    db
      .prepare(`INSERT INTO budget_round_counts (round_id, count_id, parts, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT (round_id) DO NOTHING`)
      .bind(c.roundId, c.countId, c.parts, c.at),
    ...results.map((r) =>
      db
        .prepare(
          `INSERT INTO budget_results (round_id, district_code, rule, ballots, selected, total_cost, explanation, computed_at)
           SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0
           ON CONFLICT (round_id, district_code) DO UPDATE SET rule = excluded.rule, ballots = excluded.ballots,
             selected = excluded.selected, total_cost = excluded.total_cost, explanation = excluded.explanation, computed_at = excluded.computed_at`,
        )
        .bind(c.roundId, r.districtCode, r.rule, r.ballots, JSON.stringify(r.selected), r.totalCost, JSON.stringify(r.explanation), c.at),
    ),
    db.prepare(`DELETE FROM budget_result_parts WHERE round_id = ?`).bind(c.roundId),
  ]);
  return (count?.meta.changes ?? 0) > 0;
}

// ---- Editing a round before voting, the feasibility-review queue, followers ----

/** Phases in which a round's settings may still change (nobody has voted yet). */
export const EDITABLE_PHASES = ['proposals', 'review'] as const;
const editable = `phase IN ('proposals', 'review')`;

export interface RoundEdit {
  title: string;
  description: string;
  rule: TallyRule;
  minProjectScore: number | null;
  ballot: RoundBallotSettings;
  minAge: number;
  minIdentityLevel: 'basic' | 'verified';
  districtRule: 'residence' | 'any';
}

/**
 * The edit as one batch, every statement guarded by the phase: a round whose voting opened in the
 * meantime changes not at all (the first statement reports 0 changes). Removed districts go only
 * if no project names them.
 */
export function editRoundStatements(db: D1Database, id: string, e: RoundEdit, districts: District[], removed: string[]): D1PreparedStatement[] {
  const guard = `EXISTS (SELECT 1 FROM budget_rounds WHERE id = ? AND ${editable})`;
  return [
    db
      .prepare(
        `UPDATE budget_rounds SET title = ?, description = ?, rule = ?, min_project_score = ?, ballot = ?, min_age = ?, min_identity_level = ?,
           district_rule = ? WHERE id = ? AND ${editable}`,
      )
      .bind(e.title, e.description, e.rule, e.minProjectScore, JSON.stringify(e.ballot), e.minAge, e.minIdentityLevel, e.districtRule, id),
    ...districts.map((d) =>
      db
        .prepare(
          `INSERT INTO budget_districts (round_id, code, name, budget) SELECT ?, ?, ?, ? WHERE ${guard}
           ON CONFLICT (round_id, code) DO UPDATE SET name = excluded.name, budget = excluded.budget`,
        )
        .bind(id, d.code, d.name, d.budget, id),
    ),
    ...removed.map((code) =>
      db
        .prepare(
          `DELETE FROM budget_districts WHERE round_id = ? AND code = ? AND ${guard}
             AND NOT EXISTS (SELECT 1 FROM budget_projects WHERE round_id = ? AND district_code = ?)`,
        )
        .bind(id, code, id, id, code),
    ),
  ];
}

/** Districts of a round that projects name (they cannot be removed). */
export async function districtsInUse(db: D1Database, roundId: string): Promise<Set<string>> {
  const { results } = await db.prepare(`SELECT DISTINCT district_code FROM budget_projects WHERE round_id = ?`).bind(roundId).all<{ district_code: string }>();
  return new Set(results.map((r) => r.district_code));
}


/** One page of a round's projects in one review state, ordered by (district, id); keyset paging. */
export async function reviewQueuePage(
  db: D1Database,
  roundId: string,
  q: { state: 'proposed' | 'accepted' | 'rejected'; district?: string | undefined; after?: { district: string; id: string } | undefined; limit: number },
): Promise<{ items: QueueProject[]; counts: Record<'proposed' | 'accepted' | 'rejected', number>; more: boolean }> {
  const where = ['round_id = ?', 'state = ?'];
  const params: unknown[] = [roundId, q.state];
  if (q.district) {
    where.push('district_code = ?');
    params.push(q.district);
  }
  if (q.after) {
    where.push('(district_code > ? OR (district_code = ? AND id > ?))');
    params.push(q.after.district, q.after.district, q.after.id);
  }
  const [page, counts] = await db.batch([
    db
      .prepare(
        `SELECT id, district_code, title, description, estimated_cost, cost, latitude, longitude, state, review_reason
         FROM budget_projects WHERE ${where.join(' AND ')} ORDER BY district_code, id LIMIT ?`,
      )
      .bind(...params, q.limit + 1),
    db
      .prepare(`SELECT state, COUNT(*) AS n FROM budget_projects WHERE round_id = ? ${q.district ? 'AND district_code = ?' : ''} GROUP BY state`)
      .bind(...(q.district ? [roundId, q.district] : [roundId])),
  ]);
  const rows = (page?.results ?? []) as ProjectRow[];
  const byState = { proposed: 0, accepted: 0, rejected: 0 };
  for (const r of (counts?.results ?? []) as { state: keyof typeof byState; n: number }[]) byState[r.state] = r.n;
  return { items: rows.slice(0, q.limit).map(toQueueProject), counts: byState, more: rows.length > q.limit };
}

export interface ProjectForNotice {
  title: string;
  proposedBy: string | null;
}

export async function findProjectForNotice(db: D1Database, roundId: string, projectId: string): Promise<ProjectForNotice | null> {
  const row = await db
    .prepare(`SELECT title, proposed_by FROM budget_projects WHERE round_id = ? AND id = ?`)
    .bind(roundId, projectId)
    .first<{ title: string; proposed_by: string | null }>();
  return row ? { title: row.title, proposedBy: row.proposed_by } : null;
}

export function followStatement(db: D1Database, roundId: string, userId: string, at: string): D1PreparedStatement {
  return db.prepare(`INSERT INTO budget_round_follows (round_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).bind(roundId, userId, at);
}

export function unfollowStatement(db: D1Database, roundId: string, userId: string): D1PreparedStatement {
  return db.prepare(`DELETE FROM budget_round_follows WHERE round_id = ? AND user_id = ?`).bind(roundId, userId);
}

export async function isFollowing(db: D1Database, roundId: string, userId: string): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS one FROM budget_round_follows WHERE round_id = ? AND user_id = ?`).bind(roundId, userId).first()) !== null;
}
