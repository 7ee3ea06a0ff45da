/**
 * Open data and accountability without login: petitions with counts, outcomes and responses
 * (CSV and JSON, no personal data: no proposer, endorser or staff ids, no meeting attendees),
 * and per agency the responses due, overdue and the on-time response rate.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { csvResponse, toCsv } from '../platform/csv';
import { jsonResponse } from '../platform/openapi';
import { createRouter } from '../platform/validation';
import { type PetitionRecord, accountability, exportPetitions } from './db';
import { AccountabilitySchema, PetitionResponseSchema, PetitionStateSchema } from './schemas';

const openData = createRouter();
const tags = ['Open data'];
const CACHE = 'public, max-age=300';

const ExportItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  state: PetitionStateSchema,
  publishedAt: z.string().nullable(),
  windowEndsAt: z.string().nullable(),
  threshold: z.int(),
  endorsements: z.int(),
  passedAt: z.string().nullable(),
  agencyId: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  extended: z.boolean(),
  extensionReason: z.string().nullable(),
  responseOverdue: z.boolean(),
  respondedAt: z.string().nullable(),
  respondedOnTime: z.boolean().nullable(),
  response: PetitionResponseSchema.nullable(),
  meetingDate: z.string().nullable(),
});

function exportItem(p: PetitionRecord): z.infer<typeof ExportItemSchema> {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    body: p.body,
    state: p.state,
    publishedAt: p.publishedAt,
    windowEndsAt: p.windowEndsAt,
    threshold: p.threshold,
    endorsements: p.endorsements,
    passedAt: p.passedAt,
    agencyId: p.agencyId,
    responseDueAt: p.responseDueAt,
    extended: p.extended,
    extensionReason: p.extensionReason,
    responseOverdue: p.responseOverdue,
    respondedAt: p.respondedAt,
    respondedOnTime: p.respondedOnTime,
    response: p.response,
    meetingDate: p.meeting?.date ?? null,
  };
}

openData.openapi(
  createRoute({
    method: 'get',
    path: '/export.json',
    tags,
    summary: 'Every published petition with its count, outcome and response (no personal data).',
    responses: { 200: jsonResponse(z.object({ generatedAt: z.string(), items: z.array(ExportItemSchema) }), 'Petitions.') },
  }),
  async (c) => c.json({ generatedAt: new Date().toISOString(), items: (await exportPetitions(c.env.DB)).map(exportItem) }, 200, { 'cache-control': CACHE }),
);

openData.openapi(
  createRoute({
    method: 'get',
    path: '/export.csv',
    tags,
    summary: 'The same as CSV (the response as its summary and points joined).',
    responses: { 200: { description: 'CSV.', content: { 'text/csv': { schema: { type: 'string' } } } } },
  }),
  async (c) => {
    const items = (await exportPetitions(c.env.DB)).map(exportItem);
    const header = ['id', 'title', 'summary', 'state', 'published_at', 'window_ends_at', 'threshold', 'endorsements', 'passed_at', 'agency_id', 'response_due_at', 'extended', 'extension_reason', 'response_overdue', 'responded_at', 'responded_on_time', 'response', 'meeting_date'];
    const rows = items.map((i) => [
      i.id, i.title, i.summary, i.state, i.publishedAt, i.windowEndsAt, i.threshold, i.endorsements, i.passedAt, i.agencyId, i.responseDueAt,
      i.extended ? 1 : 0, i.extensionReason, i.responseOverdue ? 1 : 0, i.respondedAt, i.respondedOnTime === null ? null : i.respondedOnTime ? 1 : 0,
      i.response ? [i.response.summary, ...i.response.points.map((p, n) => `${n + 1}. ${p.heading}: ${p.answer}`)].join('\n') : null,
      i.meetingDate,
    ]);
    return csvResponse(toCsv(header, rows), 'petitions.csv', CACHE);
  },
);

openData.openapi(
  createRoute({
    method: 'get',
    path: '/accountability',
    tags,
    summary: 'Petitions awaiting review, and per agency the responses due, overdue and the on-time response rate.',
    responses: { 200: jsonResponse(AccountabilitySchema, 'Figures.') },
  }),
  async (c) => c.json(await accountability(c.env.DB, new Date().toISOString()), 200),
);

export default openData;
