/**
 * Citizens' comments: on the whole draft, an article, or a selected passage of an article, with
 * an optional alternative wording; replies; supports; reports (3 distinct reporters hide a comment)
 * and the moderators' restore / remove with a reason (audited).
 *
 * The close is enforced where the comment is written: the request is stamped once on arrival and
 * the INSERT itself compares that stamp with the stored close (see insertCommentInPeriod).
 */
import { createRoute } from '@hono/zod-openapi';
import {
  DEFAULT_REPORT_THRESHOLD,
  acceptsCommentAt,
  checkModeratorDecision,
  findArticle,
  moderationState,
  selectPassage,
} from '../../domain/consultations';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import type { AppContext } from '../platform/env';
import { type IdentityLevel, meetsLevel } from '../platform/identity';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import {
  type CommentRecord,
  type ConsultationRecord,
  addSupport,
  findComment,
  insertCommentInPeriod,
  insertDecisionStatement,
  insertReportStatement,
  listComments,
  moderationHistory,
  setModerationStatement,
} from './db';
import { newCommentId } from './ids';
import { loadVisibleConsultation } from './routes';
import {
  CommentListSchema,
  CommentParamSchema,
  CommentSchema,
  ConsultationIdParamSchema,
  CreateCommentRequestSchema,
  ModerationRequestSchema,
  ReplyRequestSchema,
  ReportCommentRequestSchema,
} from './schemas';
import { isModerator, toCommentView } from './views';

const comments = createRouter();

function bodyError(pointer: string, detail: string, slug = 'validation'): never {
  fail(422, slug, 'The request body is not valid.', { errors: [{ pointer, in: 'body', code: 'invalid', detail }] });
}

/** Refuses a comment outside the period with the reason; called only after the guarded INSERT failed. */
function refuseOutsidePeriod(record: ConsultationRecord, receivedMs: number): never {
  if (record.opensAt !== null && record.closesAt !== null) {
    const acceptance = acceptsCommentAt({ opensAt: Date.parse(record.opensAt), closesAt: Date.parse(record.closesAt) }, receivedMs);
    if (!acceptance.accepted && acceptance.reason === 'not_yet_open') {
      fail(409, 'consultation-not-open', `Comments are accepted from ${record.opensAt}.`);
    }
  }
  fail(409, 'consultation-closed', `The comment period closed at ${record.closesAt}; comments received after it are not accepted.`, {
    closesAt: record.closesAt,
  });
}

/**
 * A consultation's comment rule on the platform's identity levels: `account` asks nothing beyond
 * signing in, `email_verified` a confirmed address (or more).
 */
export const COMMENT_IDENTITY_LEVELS = { account: 'none', email_verified: 'email_verified' } as const satisfies Record<
  ConsultationRecord['identityLevel'],
  IdentityLevel
>;

/** The session's user row is read per request, so a level raised a moment ago counts at once. */
function checkIdentity(c: AppContext, record: ConsultationRecord): void {
  const required = COMMENT_IDENTITY_LEVELS[record.identityLevel];
  if (!meetsLevel(c.get('user')!.identityLevel, required)) {
    fail(403, 'identity-level', 'Commenting on this consultation needs a verified e-mail address.', { required });
  }
}

function view(c: AppContext, k: CommentRecord, record: ConsultationRecord) {
  const user = c.get('user');
  return toCommentView(k, record.draft, user, { staff: isModerator(user, record), reportPublished: record.reportPublishedAt !== null });
}

async function loadComment(c: AppContext, record: ConsultationRecord, commentId: string): Promise<CommentRecord> {
  const found = await findComment(c.env.DB, record.id, commentId, c.get('user')?.id ?? null);
  if (!found) fail(404, 'comment-not-found', `No comment ${commentId} on consultation ${record.id}.`);
  return found;
}

comments.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/comments',
    tags: ['Consultations'],
    summary: 'Comments and replies in order of receipt (bodies of hidden or removed comments blanked).',
    request: { params: ConsultationIdParamSchema },
    responses: { 200: jsonResponse(CommentListSchema, 'Comments.'), ...problems(404, 422) },
  }),
  async (c) => {
    const record = await loadVisibleConsultation(c, c.req.valid('param').id);
    const rows = await listComments(c.env.DB, record.id, c.get('user')?.id ?? null);
    return c.json({ items: rows.map((k) => view(c, k, record)) }, 200);
  },
);

comments.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/comments',
    tags: ['Consultations'],
    summary: 'Comment on the draft, on one article, or on a selected passage; optionally propose alternative wording.',
    description:
      'Accepted only while the period is open, judged by the instant the server received the request (`consultation-closed` otherwise, even if it raced the close).',
    request: { params: ConsultationIdParamSchema, ...jsonBody(CreateCommentRequestSchema) },
    responses: { 201: jsonResponse(CommentSchema, 'Recorded.'), ...problems(400, 401, 403, 404, 409, 413, 422) },
  }),
  async (c) => {
    // Stamped once on arrival: this instant alone decides the race at the close.
    const receivedMs = Date.now();
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const record = await loadVisibleConsultation(c, id);
    if (record.storedState === 'draft') fail(404, 'consultation-not-found', `No consultation ${id}.`);
    let article: string | null = null;
    let anchor: string | null = null;
    let passage: { start: number; end: number; text: string } | null = null;
    if (body.article !== undefined) {
      const found = findArticle(record.draft, body.article);
      if (!found) bodyError('/article', `Article ${body.article} is not in this draft.`, 'article-not-in-draft');
      article = found.number;
      anchor = found.anchor;
      if (body.passage !== undefined) {
        const selected = selectPassage(found, body.passage);
        if (!selected.ok) bodyError('/passage', selected.errors.map((e) => e.message).join(' '), 'passage-invalid');
        passage = { start: selected.value.start, end: selected.value.end, text: selected.value.text };
        anchor = selected.value.anchor;
      }
    } else if (body.passage !== undefined || body.proposedText !== undefined) {
      bodyError('/article', 'A passage or an alternative wording needs the article it belongs to.');
    }
    checkIdentity(c, record);
    const user = c.get('user')!;
    const commentId = newCommentId();
    const written = await insertCommentInPeriod(c.env.DB, {
      id: commentId,
      consultationId: id,
      authorId: user.id,
      parentId: null,
      article,
      anchor,
      passage,
      proposedText: body.proposedText ?? null,
      body: body.body,
      receivedAt: new Date(receivedMs).toISOString(),
    });
    if (!written) refuseOutsidePeriod(record, receivedMs);
    const k = (await findComment(c.env.DB, id, commentId, user.id))!;
    return c.json(view(c, k, record), 201, { location: `/api/v1/consultations/${id}/comments/${commentId}` });
  },
);

comments.openapi(
  createRoute({
    middleware: [requireRole('citizen', 'officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/comments/{commentId}/replies',
    tags: ['Consultations'],
    summary: 'Reply to a comment (while the period is open). Replies are discussion and get no disposition.',
    request: { params: CommentParamSchema, ...jsonBody(ReplyRequestSchema) },
    responses: { 201: jsonResponse(CommentSchema, 'Recorded.'), ...problems(400, 401, 403, 404, 409, 413, 422) },
  }),
  async (c) => {
    const receivedMs = Date.now();
    const { id, commentId } = c.req.valid('param');
    const record = await loadVisibleConsultation(c, id);
    const parent = await loadComment(c, record, commentId);
    if (parent.parentId !== null) fail(409, 'reply-to-reply', 'Reply to the comment itself, not to a reply.');
    if (parent.moderation !== 'visible') fail(409, 'comment-not-visible', 'This comment is hidden pending moderation or removed.');
    if (c.get('user')!.role === 'citizen') checkIdentity(c, record);
    const replyId = newCommentId();
    const written = await insertCommentInPeriod(c.env.DB, {
      id: replyId,
      consultationId: id,
      authorId: c.get('user')!.id,
      parentId: parent.id,
      article: parent.article,
      anchor: parent.anchor,
      passage: null,
      proposedText: null,
      body: c.req.valid('json').body,
      receivedAt: new Date(receivedMs).toISOString(),
    });
    if (!written) refuseOutsidePeriod(record, receivedMs);
    return c.json(view(c, (await findComment(c.env.DB, id, replyId, c.get('user')!.id))!, record), 201);
  },
);

comments.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/comments/{commentId}/support',
    tags: ['Consultations'],
    summary: 'Support a comment (once per person, while the period is open).',
    request: { params: CommentParamSchema },
    responses: { 200: jsonResponse(CommentSchema, 'Supported.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const receivedMs = Date.now();
    const { id, commentId } = c.req.valid('param');
    const record = await loadVisibleConsultation(c, id);
    const k = await loadComment(c, record, commentId);
    checkIdentity(c, record);
    const user = c.get('user')!;
    const added = await addSupport(c.env.DB, id, commentId, user.id, new Date(receivedMs).toISOString());
    if (!added && !k.supportedByViewer) {
      if (k.moderation !== 'visible') fail(409, 'comment-not-visible', 'This comment is hidden pending moderation or removed.');
      refuseOutsidePeriod(record, receivedMs);
    }
    return c.json(view(c, (await findComment(c.env.DB, id, commentId, user.id))!, record), 200);
  },
);

comments.openapi(
  createRoute({
    middleware: [requireRole('citizen')] as const,
    method: 'post',
    path: '/{id}/comments/{commentId}/report',
    tags: ['Consultations'],
    summary: `Report an abusive comment; ${DEFAULT_REPORT_THRESHOLD} distinct reporters hide it until a moderator decides.`,
    request: { params: CommentParamSchema, ...jsonBody(ReportCommentRequestSchema) },
    responses: { 200: jsonResponse(CommentSchema, 'Reported.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, commentId } = c.req.valid('param');
    const record = await loadVisibleConsultation(c, id);
    const k = await loadComment(c, record, commentId);
    const user = c.get('user')!;
    if (k.authorId === user.id) fail(409, 'own-comment', 'You cannot report your own comment.');
    const at = new Date().toISOString();
    await insertReportStatement(c.env.DB, commentId, user.id, c.req.valid('json').reason ?? null, at).run();
    const history = (await moderationHistory(c.env.DB, commentId))!;
    const state = moderationState({ reports: history.reports, decisions: history.decisions, authorId: history.authorId });
    if (state.status !== k.moderation) {
      await setModerationStatement(c.env.DB, commentId, state.status, state.lastDecision?.reason ?? null).run();
    }
    return c.json(view(c, (await findComment(c.env.DB, id, commentId, user.id))!, record), 200);
  },
);

comments.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor', 'manager', 'admin')] as const,
    method: 'post',
    path: '/{id}/comments/{commentId}/moderation',
    tags: ['Consultations'],
    summary: 'A moderator restores or removes a comment, with a reason (audited).',
    request: { params: CommentParamSchema, ...jsonBody(ModerationRequestSchema) },
    responses: { 200: jsonResponse(CommentSchema, 'Decided.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, commentId } = c.req.valid('param');
    const { action, reason } = c.req.valid('json');
    const record = await loadVisibleConsultation(c, id);
    const user = c.get('user')!;
    if (!isModerator(user, record)) fail(403, 'not-moderator', 'Only the issuing agency, managers and admins moderate its comments.');
    if (record.reportPublishedAt !== null) fail(409, 'report-published', 'The report is published; its comments are final.');
    const k = await loadComment(c, record, commentId);
    const refusal = checkModeratorDecision({ status: k.moderation }, { action, reason });
    if (refusal) fail(409, refusal.replaceAll('_', '-'), refusal === 'nothing_to_restore' ? 'The comment is visible.' : 'The comment is already removed.');
    const at = new Date().toISOString();
    await c.env.DB.batch([
      insertDecisionStatement(c.env.DB, { commentId, moderatorId: user.id, action, reason, at }),
      setModerationStatement(c.env.DB, commentId, action === 'restore' ? 'visible' : 'removed', action === 'remove' ? reason : null),
      auditStatement(c.env.DB, {
        actorId: user.id,
        action: `consultation.comment.${action}`,
        target: `consultation-comment:${commentId}`,
        detail: { consultationId: id, reason },
        at,
      }),
    ]);
    return c.json(view(c, (await findComment(c.env.DB, id, commentId, user.id))!, record), 200);
  },
);

export default comments;
