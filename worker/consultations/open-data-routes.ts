/**
 * Public, login-free figures and open data: consultations, comments and dispositions as JSON or
 * CSV without personal data (no author, no e-mail; removed or hidden comments without their
 * text), and per-agency accountability figures (awaiting disposition, overdue reports).
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { csvResponse, toCsv } from '../platform/csv';
import { jsonResponse, problems } from '../platform/openapi';
import { createRouter } from '../platform/validation';
import { AgencyConsultationFiguresSchema, OpenDataQuerySchema } from './schemas';

const openData = createRouter();

const PUBLIC_CACHE = 'public, max-age=300';

const OpenConsultationSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  title: z.string(),
  legalBasis: z.string(),
  draftKind: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  urgencyReason: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  reportPublishedAt: z.string().nullable(),
  comments: z.int(),
});
const OpenCommentSchema = z.object({
  id: z.string(),
  consultationId: z.string(),
  replyTo: z.string().nullable(),
  article: z.string().nullable(),
  anchor: z.string().nullable(),
  submittedAt: z.string(),
  moderation: z.string(),
  supports: z.int(),
  body: z.string().meta({ description: 'Empty for comments hidden or removed by moderation.' }),
  dispositionId: z.string().nullable(),
});
const OpenDispositionSchema = z.object({
  id: z.string(),
  consultationId: z.string(),
  outcome: z.string(),
  reason: z.string(),
  decidedAt: z.string(),
  commentIds: z.string().meta({ description: 'Space-separated ids of the comments answered.' }),
});

type Cell = string | number | null;

/** JSON (`?format=json`, default) or CSV (`?format=csv`). */
const dataResponse = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/csv': { schema: { type: 'string' as const } } },
});

function respond<T extends Record<string, Cell>>(format: 'json' | 'csv', name: string, items: T[], header: (keyof T & string)[]): Response {
  if (format === 'csv') return csvResponse(toCsv(header, items.map((i) => header.map((h) => i[h] ?? null))), `${name}.csv`, PUBLIC_CACHE);
  return new Response(JSON.stringify({ items }), { headers: { 'content-type': 'application/json', 'cache-control': PUBLIC_CACHE } });
}

openData.openapi(
  createRoute({
    method: 'get',
    path: '/consultations',
    tags: ['Open data'],
    summary: 'Published consultations (JSON or CSV).',
    request: { query: OpenDataQuerySchema },
    responses: { 200: dataResponse(z.object({ items: z.array(OpenConsultationSchema) }), 'Consultations (or text/csv).'), ...problems(422) },
  }),
  async (c) => {
    const { results } = await c.env.DB.prepare(
      `SELECT c.id, c.agency_id AS agencyId, c.title, c.legal_basis AS legalBasis, c.draft_kind AS draftKind, c.opens_at AS opensAt,
         c.closes_at AS closesAt, c.urgency_reason AS urgencyReason, c.response_due_at AS responseDueAt,
         c.report_published_at AS reportPublishedAt,
         (SELECT COUNT(*) FROM consultation_comments k WHERE k.consultation_id = c.id AND k.parent_id IS NULL AND k.moderation <> 'removed') AS comments
       FROM consultations c WHERE c.state <> 'draft' ORDER BY c.opens_at DESC`,
    ).all<z.infer<typeof OpenConsultationSchema>>();
    return respond(c.req.valid('query').format, 'consultations', results, [
      'id', 'agencyId', 'title', 'legalBasis', 'draftKind', 'opensAt', 'closesAt', 'urgencyReason', 'responseDueAt', 'reportPublishedAt', 'comments',
    ]);
  },
);

openData.openapi(
  createRoute({
    method: 'get',
    path: '/consultation-comments',
    tags: ['Open data'],
    summary: 'Comments on published consultations, without personal data (JSON or CSV).',
    request: { query: OpenDataQuerySchema },
    responses: { 200: dataResponse(z.object({ items: z.array(OpenCommentSchema) }), 'Comments (or text/csv).'), ...problems(422) },
  }),
  async (c) => {
    const { results } = await c.env.DB.prepare(
      `SELECT k.id, k.consultation_id AS consultationId, k.parent_id AS replyTo, k.article, k.anchor, k.submitted_at AS submittedAt,
         k.moderation, k.supports, CASE WHEN k.moderation = 'visible' THEN k.body ELSE '' END AS body,
         CASE WHEN c.report_published_at IS NOT NULL THEN dc.disposition_id END AS dispositionId
       FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id
       LEFT JOIN consultation_disposition_comments dc ON dc.comment_id = k.id
       WHERE c.state <> 'draft' ORDER BY k.consultation_id, k.submitted_at, k.id`,
    ).all<z.infer<typeof OpenCommentSchema>>();
    return respond(c.req.valid('query').format, 'consultation-comments', results, [
      'id', 'consultationId', 'replyTo', 'article', 'anchor', 'submittedAt', 'moderation', 'supports', 'body', 'dispositionId',
    ]);
  },
);

openData.openapi(
  createRoute({
    method: 'get',
    path: '/consultation-dispositions',
    tags: ['Open data'],
    summary: 'Dispositions of published reports (JSON or CSV).',
    request: { query: OpenDataQuerySchema },
    responses: { 200: dataResponse(z.object({ items: z.array(OpenDispositionSchema) }), 'Dispositions (or text/csv).'), ...problems(422) },
  }),
  async (c) => {
    const { results } = await c.env.DB.prepare(
      `SELECT d.id, d.consultation_id AS consultationId, d.outcome, d.reason, d.decided_at AS decidedAt,
         (SELECT GROUP_CONCAT(comment_id, ' ') FROM (SELECT comment_id FROM consultation_disposition_comments WHERE disposition_id = d.id ORDER BY comment_id)) AS commentIds
       FROM consultation_dispositions d JOIN consultations c ON c.id = d.consultation_id
       WHERE c.report_published_at IS NOT NULL ORDER BY d.consultation_id, d.decided_at, d.id`,
    ).all<z.infer<typeof OpenDispositionSchema>>();
    return respond(c.req.valid('query').format, 'consultation-dispositions', results, ['id', 'consultationId', 'outcome', 'reason', 'decidedAt', 'commentIds']);
  },
);

/** Per-agency accountability: mounted at /consultation-figures (public). */
export const consultationFigureRoutes = createRouter();

consultationFigureRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Consultations'],
    summary: 'Per agency: open consultations, consultations awaiting disposition, overdue reports, reports published (on time).',
    responses: { 200: jsonResponse(AgencyConsultationFiguresSchema, 'Figures.') },
  }),
  async (c) => {
    const now = new Date().toISOString();
    const { results } = await c.env.DB.prepare(
      `SELECT a.id AS agencyId, a.name_zh AS nameZh, a.name_en AS nameEn,
         SUM(c.report_published_at IS NULL AND c.opens_at <= ?1 AND c.closes_at > ?1) AS open,
         SUM(c.report_published_at IS NULL AND c.closes_at <= ?1) AS awaitingDisposition,
         SUM(c.report_published_at IS NULL AND c.response_due_at < ?1) AS overdueReports,
         SUM(c.report_published_at IS NOT NULL) AS reported,
         SUM(c.report_published_at IS NOT NULL AND c.report_published_at <= c.response_due_at) AS reportedOnTime
       FROM consultations c JOIN agencies a ON a.id = c.agency_id
       WHERE c.state <> 'draft' GROUP BY a.id ORDER BY a.id`,
    )
      .bind(now)
      .all<{ agencyId: string; nameZh: string; nameEn: string; open: number; awaitingDisposition: number; overdueReports: number; reported: number; reportedOnTime: number }>();
    return c.json({ items: results }, 200, { 'cache-control': 'public, max-age=60' });
  },
);

export default openData;
