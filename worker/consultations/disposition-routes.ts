/**
 * The agency's answers after the close: a disposition for every comment (one answer may cover a
 * group of similar comments), progress n of m per article, and the summary report, which cannot
 * be published while any comment lacks a disposition or awaits moderation.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  articleLabelOf,
  buildConsultationReport,
  canPublishReport,
  dispositionProgress,
  groupIdenticalComments,
  validateDisposition,
  type ConsultationComment,
  type Disposition,
} from '../../domain/consultations';
import { auditStatement } from '../platform/audit';
import { requireRole } from '../platform/auth/middleware';
import type { AppContext } from '../platform/env';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import {
  type CommentRecord,
  type ConsultationRecord,
  deleteDisposition,
  findConsultation,
  insertDisposition,
  listComments,
  listDispositions,
  publishReportStatement,
} from './db';
import { newDispositionId } from './ids';
import { notifyReportPublished } from './notify';
import { loadOwnConsultation, loadVisibleConsultation, parseDraftOrFail } from './routes';
import {
  ConsultationIdParamSchema,
  CreateDispositionRequestSchema,
  DispositionParamSchema,
  ProgressSchema,
  PublishReportRequestSchema,
  ReportSchema,
} from './schemas';

const dispositions = createRouter();

/** Top-level comments (replies need no answer) as the domain sees them. */
function domainComments(rows: readonly CommentRecord[]): ConsultationComment[] {
  return rows
    .filter((k) => k.parentId === null)
    .map((k) => ({ id: k.id, article: k.article, body: k.body, submittedAt: Date.parse(k.submittedAt), moderation: k.moderation, ...(k.anchor ? { anchor: k.anchor } : {}) }));
}

function domainDispositions(rows: Awaited<ReturnType<typeof listDispositions>>): Disposition[] {
  return rows.map((d) => ({ id: d.id, outcome: d.outcome, reason: d.reason, commentIds: d.commentIds }));
}

function requireClosed(record: ConsultationRecord): void {
  if (record.closesAt === null || new Date().toISOString() < record.closesAt) {
    fail(409, 'consultation-not-closed', 'Dispositions are given after the comment period closes.');
  }
}

async function progressOf(c: AppContext, record: ConsultationRecord) {
  const [rows, ds] = await Promise.all([listComments(c.env.DB, record.id, null), listDispositions(c.env.DB, record.id)]);
  const comments = domainComments(rows);
  const answers = domainDispositions(ds);
  const progress = dispositionProgress(comments, answers);
  const check = canPublishReport(comments, answers);
  return {
    total: progress.total,
    answered: progress.answered,
    unanswered: progress.unanswered,
    hidden: progress.hidden,
    removed: progress.removed,
    byOutcome: { ...progress.byOutcome },
    perArticle: progress.perArticle.map((p) => ({ ...p, label: p.article === null ? null : articleLabelOf(p.article) })),
    suggestedGroups: groupIdenticalComments(comments.filter((k) => k.moderation === 'visible' && !ds.some((d) => d.commentIds.includes(k.id)))),
    canPublish: check.canPublish,
    missingDisposition: [...check.missingDisposition],
    pendingModeration: [...check.pendingModeration],
  };
}

dispositions.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'get',
    path: '/{id}/progress',
    tags: ['Consultations'],
    summary: 'How far the agency is: n of m comments answered, per article; suggested groups; whether the report may be published.',
    request: { params: ConsultationIdParamSchema },
    responses: { 200: jsonResponse(ProgressSchema, 'Progress.'), ...problems(401, 403, 404, 422) },
  }),
  async (c) => {
    const record = await loadOwnConsultation(c, c.req.valid('param').id);
    return c.json(await progressOf(c, record), 200);
  },
);

dispositions.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/dispositions',
    tags: ['Consultations'],
    summary: 'Answer one comment, or a group of similar comments together: adopted / partly adopted / not adopted / out of scope, with a reason.',
    request: { params: ConsultationIdParamSchema, ...jsonBody(CreateDispositionRequestSchema) },
    responses: { 201: jsonResponse(ProgressSchema, 'Recorded; the progress after it.'), ...problems(400, 401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const record = await loadOwnConsultation(c, id);
    requireClosed(record);
    if (record.reportPublishedAt !== null) fail(409, 'report-published', 'The report is published; its dispositions are final.');
    const dispositionId = newDispositionId();
    const own = validateDisposition({ id: dispositionId, outcome: body.outcome, reason: body.reason, commentIds: body.commentIds });
    if (!own.ok) {
      fail(422, 'validation', 'The disposition is not valid.', {
        errors: own.errors.map((e) => ({
          pointer: e.code === 'reason_too_short' ? '/reason' : '/commentIds',
          in: 'body' as const,
          detail: e.message,
          code: e.code,
        })),
      });
    }
    const rows = await listComments(c.env.DB, id, null);
    const byId = new Map(rows.map((k) => [k.id, k]));
    const errors = body.commentIds.flatMap((commentId, i) => {
      const k = byId.get(commentId);
      const pointer = `/commentIds/${i}`;
      if (!k) return [{ pointer, in: 'body' as const, detail: `Comment ${commentId} is not on this consultation.`, code: 'unknown_comment' }];
      if (k.parentId !== null) return [{ pointer, in: 'body' as const, detail: `${commentId} is a reply; replies need no disposition.`, code: 'reply' }];
      if (k.moderation === 'removed') return [{ pointer, in: 'body' as const, detail: `Comment ${commentId} was removed by moderation.`, code: 'removed' }];
      return [];
    });
    if (errors.length) fail(422, 'validation', 'The disposition names comments it cannot answer.', { errors });
    const answered = body.commentIds.filter((commentId) => byId.get(commentId)!.dispositionId !== null);
    if (answered.length) fail(409, 'already-answered', `Already answered: ${answered.join(', ')}. Withdraw that answer first.`, { commentIds: answered });
    const user = c.get('user')!;
    const at = new Date().toISOString();
    try {
      await insertDisposition(
        c.env.DB,
        { id: dispositionId, consultationId: id, outcome: body.outcome, reason: body.reason, decidedBy: user.id, at, commentIds: body.commentIds },
        [
          auditStatement(c.env.DB, {
            actorId: user.id,
            action: 'consultation.disposition',
            target: `consultation:${id}`,
            detail: { dispositionId, outcome: body.outcome, comments: body.commentIds.length },
            at,
          }),
        ],
      );
    } catch (e) {
      // Two officers answering the same comment at once: the second batch fails as a whole.
      if (/UNIQUE|constraint/i.test((e as Error).message)) fail(409, 'already-answered', 'One of these comments was just answered by someone else.');
      throw e;
    }
    return c.json(await progressOf(c, record), 201);
  },
);

dispositions.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'delete',
    path: '/{id}/dispositions/{dispositionId}',
    tags: ['Consultations'],
    summary: 'Withdraw an answer (before the report is published) to give another.',
    request: { params: DispositionParamSchema },
    responses: { 200: jsonResponse(ProgressSchema, 'Withdrawn; the progress after it.'), ...problems(401, 403, 404, 409, 422) },
  }),
  async (c) => {
    const { id, dispositionId } = c.req.valid('param');
    const record = await loadOwnConsultation(c, id);
    if (record.reportPublishedAt !== null) fail(409, 'report-published', 'The report is published; its dispositions are final.');
    const user = c.get('user')!;
    const at = new Date().toISOString();
    const ok = await deleteDisposition(c.env.DB, id, dispositionId, [
      auditStatement(c.env.DB, { actorId: user.id, action: 'consultation.disposition.withdraw', target: `consultation:${id}`, detail: { dispositionId }, at }),
    ]);
    if (!ok) fail(404, 'disposition-not-found', `No disposition ${dispositionId} on consultation ${id}.`);
    return c.json(await progressOf(c, record), 200);
  },
);

dispositions.openapi(
  createRoute({
    middleware: [requireRole('officer', 'supervisor')] as const,
    method: 'post',
    path: '/{id}/report',
    tags: ['Consultations'],
    summary: 'Publish the summary report: per article the comments, their dispositions and reasons, and the final text against the draft.',
    description: 'Refused with `report-incomplete` (listing the comments) while any comment lacks a disposition or awaits moderation.',
    request: { params: ConsultationIdParamSchema, ...jsonBody(PublishReportRequestSchema) },
    responses: { 201: jsonResponse(ReportSchema, 'Published.'), ...problems(400, 401, 403, 404, 409, 413, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const record = await loadOwnConsultation(c, id);
    requireClosed(record);
    if (record.reportPublishedAt !== null) fail(409, 'report-published', 'The report is already published.');
    const final = body.finalText !== undefined ? parseDraftOrFail(body.finalText, record.draftKind, '/finalText') : undefined;
    const [rows, ds] = await Promise.all([listComments(c.env.DB, id, null), listDispositions(c.env.DB, id)]);
    const comments = domainComments(rows);
    const answers = domainDispositions(ds);
    const check = canPublishReport(comments, answers);
    if (!check.canPublish) {
      fail(409, 'report-incomplete', `${check.missingDisposition.length} comment(s) lack a disposition and ${check.pendingModeration.length} await moderation.`, {
        missingDisposition: check.missingDisposition,
        pendingModeration: check.pendingModeration,
      });
    }
    const report = buildConsultationReport({ draft: record.draft, ...(final ? { final } : {}), comments, dispositions: answers });
    const user = c.get('user')!;
    const at = new Date().toISOString();
    const [res] = await c.env.DB.batch([
      publishReportStatement(c.env.DB, { id, reportJson: JSON.stringify(report), finalSource: body.finalText ?? null, at }),
      auditStatement(c.env.DB, { actorId: user.id, action: 'consultation.report.publish', target: `consultation:${id}`, at }),
    ]);
    if ((res?.meta.changes ?? 0) !== 1) fail(409, 'report-incomplete', 'The comments changed meanwhile; check the progress and try again.');
    const published = (await findConsultation(c.env.DB, id))!;
    c.executionCtx.waitUntil(notifyReportPublished(c.env, published).catch(() => undefined));
    return c.json(reportView(published), 201);
  },
);

function reportView(record: ConsultationRecord) {
  return {
    consultationId: record.id,
    title: record.title,
    agencyId: record.agencyId,
    publishedAt: record.reportPublishedAt!,
    onTime: record.responseDueAt === null || record.reportPublishedAt! <= record.responseDueAt,
    report: JSON.parse(record.reportJson!) as Record<string, unknown>,
  };
}

dispositions.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/report',
    tags: ['Consultations'],
    summary: 'The published summary report (public).',
    request: { params: ConsultationIdParamSchema },
    responses: { 200: jsonResponse(ReportSchema, 'The report.'), ...problems(404, 422) },
  }),
  async (c) => {
    const record = await loadVisibleConsultation(c, c.req.valid('param').id);
    if (record.reportPublishedAt === null) fail(404, 'report-not-published', 'The report is not published yet.');
    return c.json(reportView(record), 200);
  },
);

export default dispositions;
