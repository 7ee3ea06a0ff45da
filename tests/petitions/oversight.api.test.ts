/**
 * Drill-downs of the petition accountability figures: a manager opens the petitions behind a
 * figure of one agency, a page at a time with the total; the public overdue list filters by agency.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, seedDemo } from '../support/api-helpers';

interface Row {
  id: string;
  state: string;
  agencyId: string | null;
  responseOverdue: boolean;
  respondedOnTime: boolean | null;
  reviewOverdue: boolean;
}
interface Page {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
}

const tag = crypto.randomUUID().slice(0, 4).toUpperCase().replace(/[^0-9A-Z]/g, 'X');
const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Petitions straight into the read model, as their workflows would have left them. */
async function seedPetitions(): Promise<void> {
  const now = Date.now();
  const rows: D1PreparedStatement[] = [];
  const add = (n: number, kind: string, agency: string | null, fields: Record<string, unknown>) => {
    for (let i = 0; i < n; i++) {
      const id = `P-20260102-${tag}${kind}${String(i).padStart(2, '0')}`.slice(0, 22);
      const f = { state: 'awaiting_response', agency_id: agency, ...fields };
      const cols = Object.keys(f);
      rows.push(
        env.DB.prepare(
          `INSERT INTO petitions (id, proposer_id, title, summary, body, threshold, endorse_level, created_at, updated_at, ${cols.join(', ')})
           VALUES (?, 'u-citizen', ?, 's', 'b', 5000, 'verified_person', ?, ?, ${cols.map(() => '?').join(', ')})`,
        ).bind(id, `${kind} ${i}`, iso(now - 90 * day), iso(now), ...Object.values(f)),
      );
    }
  };
  // TPE-DOT: 55 overdue, 3 due later, 4 answered on time, 2 late. TPE-DEP: 1 overdue.
  add(55, 'O', 'TPE-DOT', { response_due_at: iso(now - day), published_at: iso(now - 80 * day) });
  add(3, 'W', 'TPE-DOT', { response_due_at: iso(now + 10 * day), published_at: iso(now - 80 * day) });
  add(4, 'T', 'TPE-DOT', { state: 'responded', responded_at: iso(now - 5 * day), responded_on_time: 1, published_at: iso(now - 80 * day) });
  add(2, 'L', 'TPE-DOT', { state: 'responded', responded_at: iso(now - 5 * day), responded_on_time: 0, published_at: iso(now - 80 * day) });
  add(1, 'D', 'TPE-DEP', { response_due_at: iso(now - day), published_at: iso(now - 80 * day) });
  add(2, 'R', null, { state: 'in_review', submitted_at: iso(now - 9 * day), review_due_at: iso(now - 2 * day) });
  for (let i = 0; i < rows.length; i += 50) await env.DB.batch(rows.slice(i, i + 50));
}

beforeAll(async () => {
  await seedDemo();
  await seedPetitions();
});

const mine = (items: Row[]) => items.filter((r) => r.id.includes(tag));

describe('manager drill-down from an accountability figure', () => {
  it("one agency's overdue responses, 50 a page with the total, then the second page", async () => {
    const manager = await login('manager@demo.civic.tw');
    const figures = (await (await call('/api/v1/petitions/accountability')).json()) as { agencies: { agencyId: string; overdue: number }[] };
    const dotOverdue = figures.agencies.find((a) => a.agencyId === 'TPE-DOT')!.overdue;
    const first = (await (await call('/api/v1/petitions/oversight?figure=overdue&agency=TPE-DOT', { cookie: manager })).json()) as Page;
    // The list behind a figure has exactly the figure's count.
    expect(first.total).toBe(dotOverdue);
    expect(first).toMatchObject({ page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.items.every((r) => r.agencyId === 'TPE-DOT' && r.state === 'awaiting_response' && r.responseOverdue)).toBe(true);
    const second = (await (await call('/api/v1/petitions/oversight?figure=overdue&agency=TPE-DOT&page=2', { cookie: manager })).json()) as Page;
    expect(second.items).toHaveLength(dotOverdue - 50);
    expect(new Set([...first.items, ...second.items].map((r) => r.id)).size).toBe(dotOverdue);
  });

  it('every figure lists what it counts', async () => {
    const manager = await login('manager@demo.civic.tw');
    const get = async (q: string) => mine(((await (await call(`/api/v1/petitions/oversight?${q}`, { cookie: manager })).json()) as Page).items);
    expect(await get('figure=awaiting_response&agency=TPE-DOT&pageSize=100')).toHaveLength(58);
    expect(await get('figure=responded&agency=TPE-DOT')).toHaveLength(6);
    expect((await get('figure=responded_on_time&agency=TPE-DOT')).every((r) => r.respondedOnTime === true)).toBe(true);
    expect(await get('figure=responded_late&agency=TPE-DOT')).toHaveLength(2);
    expect(await get('figure=overdue&agency=TPE-DEP')).toHaveLength(1);
    const review = await get('figure=review_overdue');
    expect(review).toHaveLength(2);
    expect(review.every((r) => r.state === 'in_review' && r.reviewOverdue)).toBe(true);
    expect(await get('figure=awaiting_review')).toHaveLength(2);
  });

  it('managers only; a bad figure or page is a 422', async () => {
    expect((await call('/api/v1/petitions/oversight?figure=overdue')).status).toBe(401);
    expect((await call('/api/v1/petitions/oversight?figure=overdue', { cookie: await login('citizen@demo.civic.tw') })).status).toBe(403);
    expect((await call('/api/v1/petitions/oversight?figure=overdue', { cookie: await login('officer.dot@demo.civic.tw') })).status).toBe(403);
    const manager = await login('manager@demo.civic.tw');
    for (const q of ['figure=everything', 'figure=overdue&page=0', 'figure=overdue&pageSize=500', '']) {
      const res = await call(`/api/v1/petitions/oversight?${q}`, { cookie: manager });
      expect(res.status, q).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('public overdue list by agency', () => {
  it('filters the public list by the agency, with the total', async () => {
    const res = (await (await call('/api/v1/petitions?filter=overdue&agency=TPE-DEP&limit=100')).json()) as { items: Row[]; total: number };
    expect(mine(res.items)).toHaveLength(1);
    expect(res.items.every((r) => r.agencyId === 'TPE-DEP')).toBe(true);
    const dot = (await (await call('/api/v1/petitions?filter=overdue&agency=TPE-DOT&limit=20')).json()) as { items: Row[]; total: number };
    expect(dot.items).toHaveLength(20);
    expect(dot.total).toBeGreaterThanOrEqual(55);
    expect((await call(`/api/v1/petitions?agency=${'x'.repeat(41)}`)).status).toBe(422);
  });
});
