/**
 * Typed SQL of the consultation leg: consultations and their draft, comments with supports,
 * reports and moderation, dispositions, follows and the workflow's projections.
 */
import type { Draft, DispositionOutcome, ModerationStatus } from '../../domain/consultations';
import type {
  ConsultationProjectionEvent,
  ConsultationState,
  ResponseState,
} from '../../workflows/consultation/contract';

export type { ConsultationState };
export type IdentityLevel = 'account' | 'email_verified';

export interface Attachment {
  name: string;
  url: string;
  mediaType?: string;
  bytes?: number;
}

export interface ConsultationRecord {
  id: string;
  agencyId: string;
  agencyNameZh: string;
  agencyNameEn: string;
  createdBy: string;
  title: string;
  legalBasis: string;
  summary: string;
  contact: string;
  attachments: Attachment[];
  draftSource: string;
  draft: Draft;
  draftKind: 'amendment' | 'new';
  identityLevel: IdentityLevel;
  commentPeriod: string | null;
  requestedOpensAt: string | null;
  requestedClosesAt: string | null;
  urgencyReason: string | null;
  responsePeriod: string;
  /** As stored (projected by the workflow); see {@link effectiveState}. */
  storedState: ConsultationState;
  opensAt: string | null;
  closesAt: string | null;
  responseDueAt: string | null;
  responseState: ResponseState | null;
  reportPublishedAt: string | null;
  reportJson: string | null;
  workflowStartedAt: string | null;
  comments: number;
  createdAt: string;
}

interface ConsultationRow {
  id: string;
  agency_id: string;
  agency_name_zh: string;
  agency_name_en: string;
  created_by: string;
  title: string;
  legal_basis: string;
  summary: string;
  contact: string;
  attachments: string;
  draft_source: string;
  draft_json: string;
  draft_kind: 'amendment' | 'new';
  identity_level: IdentityLevel;
  comment_period: string | null;
  requested_opens_at: string | null;
  requested_closes_at: string | null;
  urgency_reason: string | null;
  response_period: string;
  state: ConsultationState;
  opens_at: string | null;
  closes_at: string | null;
  response_due_at: string | null;
  response_state: ResponseState | null;
  report_published_at: string | null;
  report_json: string | null;
  workflow_started_at: string | null;
  comments: number;
  created_at: string;
}

const toRecord = (r: ConsultationRow): ConsultationRecord => ({
  id: r.id,
  agencyId: r.agency_id,
  agencyNameZh: r.agency_name_zh,
  agencyNameEn: r.agency_name_en,
  createdBy: r.created_by,
  title: r.title,
  legalBasis: r.legal_basis,
  summary: r.summary,
  contact: r.contact,
  attachments: JSON.parse(r.attachments) as Attachment[],
  draftSource: r.draft_source,
  draft: JSON.parse(r.draft_json) as Draft,
  draftKind: r.draft_kind,
  identityLevel: r.identity_level,
  commentPeriod: r.comment_period,
  requestedOpensAt: r.requested_opens_at,
  requestedClosesAt: r.requested_closes_at,
  urgencyReason: r.urgency_reason,
  responsePeriod: r.response_period,
  storedState: r.state,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  responseDueAt: r.response_due_at,
  responseState: r.response_state,
  reportPublishedAt: r.report_published_at,
  reportJson: r.report_json,
  workflowStartedAt: r.workflow_started_at,
  comments: r.comments,
  createdAt: r.created_at,
});

/**
 * The state a reader should see at `nowIso`: the instants decide, so a consultation whose
 * workflow is delayed (Temporal down) still reads as open or closed on time.
 */
export function effectiveState(c: Pick<ConsultationRecord, 'storedState' | 'opensAt' | 'closesAt' | 'reportPublishedAt'>, nowIso: string): ConsultationState {
  if (c.reportPublishedAt !== null) return 'reported';
  if (c.storedState === 'draft' || c.opensAt === null || c.closesAt === null) return c.storedState;
  if (nowIso >= c.closesAt) return 'closed';
  if (nowIso >= c.opensAt) return 'open';
  return 'scheduled';
}

/** Overdue: the response deadline passed and no report is out. */
export function isOverdue(c: Pick<ConsultationRecord, 'responseDueAt' | 'reportPublishedAt'>, nowIso: string): boolean {
  return c.reportPublishedAt === null && c.responseDueAt !== null && nowIso > c.responseDueAt;
}

const SELECT = `SELECT c.*, a.name_zh AS agency_name_zh, a.name_en AS agency_name_en,
    (SELECT COUNT(*) FROM consultation_comments k WHERE k.consultation_id = c.id AND k.parent_id IS NULL AND k.moderation <> 'removed') AS comments
  FROM consultations c JOIN agencies a ON a.id = c.agency_id`;

export async function findConsultation(db: D1Database, id: string): Promise<ConsultationRecord | null> {
  const row = await db.prepare(`${SELECT} WHERE c.id = ?`).bind(id).first<ConsultationRow>();
  return row ? toRecord(row) : null;
}

/** Published consultations (everyone), plus the drafts of `agencyId` when given. */
export async function listConsultations(db: D1Database, opts: { agencyId?: string | null; limit: number }): Promise<ConsultationRecord[]> {
  const { results } = await db
    .prepare(`${SELECT} WHERE c.state <> 'draft' OR c.agency_id = ? ORDER BY COALESCE(c.opens_at, c.created_at) DESC LIMIT ?`)
    .bind(opts.agencyId ?? null, opts.limit)
    .all<ConsultationRow>();
  return results.map(toRecord);
}

export interface NewConsultation {
  id: string;
  agencyId: string;
  createdBy: string;
  title: string;
  legalBasis: string;
  summary: string;
  contact: string;
  attachments: Attachment[];
  draftSource: string;
  draft: Draft;
  identityLevel: IdentityLevel;
  commentPeriod: string | null;
  requestedOpensAt: string | null;
  requestedClosesAt: string | null;
  urgencyReason: string | null;
  responsePeriod: string;
  at: string;
}

export function insertConsultationStatement(db: D1Database, c: NewConsultation): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO consultations (id, agency_id, created_by, title, legal_basis, summary, contact, attachments,
         draft_source, draft_json, draft_kind, identity_level, comment_period, requested_opens_at, requested_closes_at,
         urgency_reason, response_period, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
    )
    .bind(
      c.id,
      c.agencyId,
      c.createdBy,
      c.title,
      c.legalBasis,
      c.summary,
      c.contact,
      JSON.stringify(c.attachments),
      c.draftSource,
      JSON.stringify(c.draft),
      c.draft.kind,
      c.identityLevel,
      c.commentPeriod,
      c.requestedOpensAt,
      c.requestedClosesAt,
      c.urgencyReason,
      c.responsePeriod,
      c.at,
      c.at,
    );
}

/** Replaces the draft text while the consultation is still a draft; false otherwise. */
export async function replaceDraft(db: D1Database, id: string, source: string, draft: Draft, at: string): Promise<boolean> {
  const res = await db
    .prepare(`UPDATE consultations SET draft_source = ?, draft_json = ?, draft_kind = ?, updated_at = ? WHERE id = ? AND state = 'draft'`)
    .bind(source, JSON.stringify(draft), draft.kind, at, id)
    .run();
  return res.meta.changes === 1;
}

/** Fixes the period and leaves the draft state; guarded so a double publication changes nothing. */
export function publishStatement(
  db: D1Database,
  p: { id: string; opensAt: string; closesAt: string; urgencyReason: string | null; responseDueAt: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE consultations SET state = 'scheduled', opens_at = ?, closes_at = ?, urgency_reason = ?, response_due_at = ?, updated_at = ?
       WHERE id = ? AND state = 'draft'`,
    )
    .bind(p.opensAt, p.closesAt, p.urgencyReason, p.responseDueAt, p.at, p.id);
}

// ── Comments ──

export interface CommentRecord {
  id: string;
  consultationId: string;
  authorId: string;
  authorName: string;
  parentId: string | null;
  article: string | null;
  anchor: string | null;
  passage: { start: number; end: number; text: string } | null;
  proposedText: string | null;
  body: string;
  submittedAt: string;
  moderation: ModerationStatus;
  moderationReason: string | null;
  supports: number;
  supportedByViewer: boolean;
  dispositionId: string | null;
  outcome: DispositionOutcome | null;
  dispositionReason: string | null;
  dispositionAt: string | null;
  groupSize: number;
}

interface CommentRow {
  id: string;
  consultation_id: string;
  author_id: string;
  author_name: string;
  parent_id: string | null;
  article: string | null;
  anchor: string | null;
  passage_start: number | null;
  passage_end: number | null;
  passage_text: string | null;
  proposed_text: string | null;
  body: string;
  submitted_at: string;
  moderation: ModerationStatus;
  moderation_reason: string | null;
  supports: number;
  supported_by_viewer: number;
  disposition_id: string | null;
  outcome: DispositionOutcome | null;
  disposition_reason: string | null;
  disposition_at: string | null;
  group_size: number;
}

const toComment = (r: CommentRow): CommentRecord => ({
  id: r.id,
  consultationId: r.consultation_id,
  authorId: r.author_id,
  authorName: r.author_name,
  parentId: r.parent_id,
  article: r.article,
  anchor: r.anchor,
  passage: r.passage_start !== null && r.passage_end !== null ? { start: r.passage_start, end: r.passage_end, text: r.passage_text ?? '' } : null,
  proposedText: r.proposed_text,
  body: r.body,
  submittedAt: r.submitted_at,
  moderation: r.moderation,
  moderationReason: r.moderation_reason,
  supports: r.supports,
  supportedByViewer: r.supported_by_viewer === 1,
  dispositionId: r.disposition_id,
  outcome: r.outcome,
  dispositionReason: r.disposition_reason,
  dispositionAt: r.disposition_at,
  groupSize: r.group_size,
});

const COMMENT_SELECT = `SELECT k.*, u.display_name AS author_name,
    EXISTS (SELECT 1 FROM consultation_supports s WHERE s.comment_id = k.id AND s.user_id = ?) AS supported_by_viewer,
    d.id AS disposition_id, d.outcome, d.reason AS disposition_reason, d.decided_at AS disposition_at,
    (SELECT COUNT(*) FROM consultation_disposition_comments g WHERE g.disposition_id = d.id) AS group_size
  FROM consultation_comments k
  JOIN users u ON u.id = k.author_id
  LEFT JOIN consultation_disposition_comments dc ON dc.comment_id = k.id
  LEFT JOIN consultation_dispositions d ON d.id = dc.disposition_id`;

export async function listComments(db: D1Database, consultationId: string, viewerId: string | null): Promise<CommentRecord[]> {
  const { results } = await db
    .prepare(`${COMMENT_SELECT} WHERE k.consultation_id = ? ORDER BY k.submitted_at, k.id`)
    .bind(viewerId, consultationId)
    .all<CommentRow>();
  return results.map(toComment);
}

export async function findComment(db: D1Database, consultationId: string, commentId: string, viewerId: string | null): Promise<CommentRecord | null> {
  const row = await db
    .prepare(`${COMMENT_SELECT} WHERE k.consultation_id = ? AND k.id = ?`)
    .bind(viewerId, consultationId, commentId)
    .first<CommentRow>();
  return row ? toComment(row) : null;
}

export async function listCommentsOfAuthor(
  db: D1Database,
  authorId: string,
): Promise<(CommentRecord & { consultationTitle: string; consultation: Pick<ConsultationRecord, 'storedState' | 'opensAt' | 'closesAt' | 'reportPublishedAt'> })[]> {
  const { results } = await db
    .prepare(
      `SELECT x.*, c.title AS consultation_title, c.state AS c_state, c.opens_at AS c_opens_at, c.closes_at AS c_closes_at,
         c.report_published_at AS c_report_published_at
       FROM (${COMMENT_SELECT} WHERE k.author_id = ?) x JOIN consultations c ON c.id = x.consultation_id
       ORDER BY x.submitted_at DESC LIMIT 200`,
    )
    .bind(authorId, authorId)
    .all<CommentRow & { consultation_title: string; c_state: ConsultationState; c_opens_at: string | null; c_closes_at: string | null; c_report_published_at: string | null }>();
  return results.map((r) => ({
    ...toComment(r),
    consultationTitle: r.consultation_title,
    consultation: { storedState: r.c_state, opensAt: r.c_opens_at, closesAt: r.c_closes_at, reportPublishedAt: r.c_report_published_at },
  }));
}

export interface NewComment {
  id: string;
  consultationId: string;
  authorId: string;
  parentId: string | null;
  article: string | null;
  anchor: string | null;
  passage: { start: number; end: number; text: string } | null;
  proposedText: string | null;
  body: string;
  /** The server's receipt instant. */
  receivedAt: string;
}

/**
 * Inserts the comment only if its receipt instant lies in [opens_at, closes_at) of the stored
 * consultation: the close is decided in the same statement that writes, so a comment racing the
 * close (or the workflow's timer) cannot slip in. Returns whether it was written.
 */
export async function insertCommentInPeriod(db: D1Database, k: NewComment): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO consultation_comments (id, consultation_id, author_id, parent_id, article, anchor, passage_start, passage_end,
         passage_text, proposed_text, body, submitted_at)
       SELECT ?, c.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
       FROM consultations c
       WHERE c.id = ? AND c.state <> 'draft' AND c.opens_at <= ? AND c.closes_at > ?`,
    )
    .bind(
      k.id,
      k.authorId,
      k.parentId,
      k.article,
      k.anchor,
      k.passage?.start ?? null,
      k.passage?.end ?? null,
      k.passage?.text ?? null,
      k.proposedText,
      k.body,
      k.receivedAt,
      k.consultationId,
      k.receivedAt,
      k.receivedAt,
    )
    .run();
  return res.meta.changes === 1;
}

/** A support counts once per person, and only while the comment period is open. */
export async function addSupport(db: D1Database, consultationId: string, commentId: string, userId: string, at: string): Promise<boolean> {
  const [ins] = await db.batch([
    db
      .prepare(
        `INSERT INTO consultation_supports (comment_id, user_id, at)
         SELECT k.id, ?, ? FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
         WHERE k.id = ? AND k.consultation_id = ? AND k.moderation = 'visible' AND c.opens_at <= ? AND c.closes_at > ?
         ON CONFLICT (comment_id, user_id) DO NOTHING`,
      )
      .bind(userId, at, commentId, consultationId, at, at),
    db
      .prepare(`UPDATE consultation_comments SET supports = (SELECT COUNT(*) FROM consultation_supports WHERE comment_id = ?) WHERE id = ?`)
      .bind(commentId, commentId),
  ]);
  return (ins?.meta.changes ?? 0) === 1;
}

export interface ModerationHistory {
  authorId: string;
  reports: { reporterId: string; atMs: number }[];
  decisions: { action: 'restore' | 'remove'; moderatorId: string; atMs: number; reason: string }[];
}

export async function moderationHistory(db: D1Database, commentId: string): Promise<ModerationHistory | null> {
  const [author, reports, decisions] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT author_id FROM consultation_comments WHERE id = ?').bind(commentId),
    db.prepare('SELECT reporter_id, at FROM consultation_comment_reports WHERE comment_id = ? ORDER BY at').bind(commentId),
    db.prepare('SELECT action, moderator_id, reason, at FROM consultation_moderation_decisions WHERE comment_id = ? ORDER BY id').bind(commentId),
  ]);
  const a = author?.results?.[0] as { author_id: string } | undefined;
  if (!a) return null;
  return {
    authorId: a.author_id,
    reports: ((reports?.results ?? []) as { reporter_id: string; at: string }[]).map((r) => ({ reporterId: r.reporter_id, atMs: Date.parse(r.at) })),
    decisions: ((decisions?.results ?? []) as { action: 'restore' | 'remove'; moderator_id: string; reason: string; at: string }[]).map((d) => ({
      action: d.action,
      moderatorId: d.moderator_id,
      reason: d.reason,
      atMs: Date.parse(d.at),
    })),
  };
}

export function insertReportStatement(db: D1Database, commentId: string, reporterId: string, reason: string | null, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO consultation_comment_reports (comment_id, reporter_id, reason, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (comment_id, reporter_id) DO NOTHING`,
    )
    .bind(commentId, reporterId, reason, at);
}

export function setModerationStatement(db: D1Database, commentId: string, status: ModerationStatus, reason: string | null): D1PreparedStatement {
  return db.prepare('UPDATE consultation_comments SET moderation = ?, moderation_reason = ? WHERE id = ?').bind(status, reason, commentId);
}

export function insertDecisionStatement(
  db: D1Database,
  d: { commentId: string; moderatorId: string; action: 'restore' | 'remove'; reason: string; at: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO consultation_moderation_decisions (comment_id, moderator_id, action, reason, at) VALUES (?, ?, ?, ?, ?)')
    .bind(d.commentId, d.moderatorId, d.action, d.reason, d.at);
}

// ── Dispositions ──

export interface DispositionRecord {
  id: string;
  outcome: DispositionOutcome;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  commentIds: string[];
}

export async function listDispositions(db: D1Database, consultationId: string): Promise<DispositionRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id, d.outcome, d.reason, d.decided_by, d.decided_at, GROUP_CONCAT(dc.comment_id) AS comment_ids
       FROM consultation_dispositions d LEFT JOIN consultation_disposition_comments dc ON dc.disposition_id = d.id
       WHERE d.consultation_id = ? GROUP BY d.id ORDER BY d.decided_at, d.id`,
    )
    .bind(consultationId)
    .all<{ id: string; outcome: DispositionOutcome; reason: string; decided_by: string; decided_at: string; comment_ids: string | null }>();
  return results.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    commentIds: r.comment_ids ? r.comment_ids.split(',').sort() : [],
  }));
}

/** One disposition with its comments in one batch; throws a constraint error if a comment is already answered. */
export async function insertDisposition(
  db: D1Database,
  d: { id: string; consultationId: string; outcome: DispositionOutcome; reason: string; decidedBy: string; at: string; commentIds: string[] },
  extra: D1PreparedStatement[],
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO consultation_dispositions (id, consultation_id, outcome, reason, decided_by, decided_at)
         SELECT ?, id, ?, ?, ?, ? FROM consultations WHERE id = ? AND report_published_at IS NULL`,
      )
      .bind(d.id, d.outcome, d.reason, d.decidedBy, d.at, d.consultationId),
    ...d.commentIds.map((commentId) =>
      db.prepare('INSERT INTO consultation_disposition_comments (comment_id, disposition_id) VALUES (?, ?)').bind(commentId, d.id),
    ),
    ...extra,
  ]);
}

export async function deleteDisposition(db: D1Database, consultationId: string, dispositionId: string, extra: D1PreparedStatement[]): Promise<boolean> {
  const [res] = await db.batch([
    db
      .prepare(
        `DELETE FROM consultation_dispositions WHERE id = ? AND consultation_id = ?
           AND (SELECT report_published_at FROM consultations WHERE id = ?) IS NULL`,
      )
      .bind(dispositionId, consultationId, consultationId),
    ...extra,
  ]);
  // Cascaded link rows may be counted in `changes` too.
  return (res?.meta.changes ?? 0) >= 1;
}

/**
 * Publishes the report in one statement guarded by completeness: no top-level comment (not
 * removed) without a disposition and none hidden pending moderation, so a late moderation
 * change cannot slip between the check and the write.
 */
export function publishReportStatement(
  db: D1Database,
  r: { id: string; reportJson: string; finalSource: string | null; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE consultations SET report_published_at = ?, report_json = ?, final_source = ?, state = 'reported', updated_at = ?
       WHERE id = ? AND report_published_at IS NULL AND closes_at <= ?
         AND NOT EXISTS (SELECT 1 FROM consultation_comments k WHERE k.consultation_id = ? AND k.parent_id IS NULL
           AND (k.moderation = 'hidden' OR (k.moderation = 'visible'
             AND NOT EXISTS (SELECT 1 FROM consultation_disposition_comments dc WHERE dc.comment_id = k.id))))`,
    )
    .bind(r.at, r.reportJson, r.finalSource, r.at, r.id, r.at, r.id);
}

// ── Follows ──

export async function setFollow(db: D1Database, consultationId: string, userId: string, follow: boolean, at: string): Promise<void> {
  await (follow
    ? db
        .prepare('INSERT INTO consultation_follows (consultation_id, user_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
        .bind(consultationId, userId, at)
    : db.prepare('DELETE FROM consultation_follows WHERE consultation_id = ? AND user_id = ?').bind(consultationId, userId)
  ).run();
}

export async function isFollowing(db: D1Database, consultationId: string, userId: string): Promise<boolean> {
  const row = await db.prepare('SELECT 1 AS y FROM consultation_follows WHERE consultation_id = ? AND user_id = ?').bind(consultationId, userId).first();
  return row !== null;
}

// ── Workflow projections ──

const STATE_ORDER = `CASE state WHEN 'draft' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'open' THEN 2 WHEN 'closed' THEN 3 ELSE 4 END`;
const EVENT_ORDER = `CASE ? WHEN 'draft' THEN 0 WHEN 'scheduled' THEN 1 WHEN 'open' THEN 2 WHEN 'closed' THEN 3 ELSE 4 END`;

/**
 * Applies one workflow event once (by seq) and never moves the consultation backwards. Returns
 * whether it was new and whether the report is already published.
 */
export async function applyConsultationEvent(db: D1Database, ev: ConsultationProjectionEvent): Promise<{ applied: boolean; reportPublished: boolean }> {
  const body = { ...(ev.level !== undefined ? { level: ev.level } : {}), ...(ev.responseState ? { responseState: ev.responseState } : {}) };
  const [ins, , row] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `INSERT INTO consultation_events (consultation_id, seq, type, body, occurred_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (consultation_id, seq) DO NOTHING`,
      )
      .bind(ev.consultationId, ev.seq, ev.type, JSON.stringify(body), ev.occurredAt),
    db
      .prepare(
        `UPDATE consultations SET
           state = CASE WHEN ${EVENT_ORDER} > ${STATE_ORDER} THEN ? ELSE state END,
           response_due_at = COALESCE(?, response_due_at),
           response_state = CASE WHEN report_published_at IS NULL THEN COALESCE(?, response_state) ELSE response_state END,
           workflow_started_at = COALESCE(workflow_started_at, ?),
           last_seq = ?, updated_at = ?
         WHERE id = ? AND last_seq < ?`,
      )
      .bind(ev.state, ev.state, ev.responseDueAt ?? null, ev.responseState ?? null, ev.occurredAt, ev.seq, ev.occurredAt, ev.consultationId, ev.seq),
    db.prepare('SELECT report_published_at FROM consultations WHERE id = ?').bind(ev.consultationId),
  ]);
  const published = (row?.results?.[0] as { report_published_at: string | null } | undefined)?.report_published_at ?? null;
  return { applied: (ins?.meta.changes ?? 0) === 1, reportPublished: published !== null };
}

export async function consultationExists(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS y FROM consultations WHERE id = ?').bind(id).first()) !== null;
}
