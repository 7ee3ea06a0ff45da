/**
 * Dashboard aggregations on a crafted dataset with known answers: met, replied late, open and
 * overdue, open on time, paused, extended, transferred, reopened, not processed; an agency with
 * a sub-agency; and who may see what.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const taipeiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

interface Crafted {
  id: string;
  agency: string;
  state: string;
  sla?: string;
  receivedDaysAgo: number;
  dueInDays: number;
  outcome?: 'met' | 'breached' | 'not_processed';
  days?: number;
  repliedDaysAgo?: number;
  transfers?: number;
  reopens?: number;
  extended?: boolean;
  satisfaction?: number;
}

const crafted: Crafted[] = [
  { id: '20261001-000001', agency: 'TPE-DOT', state: 'replied', receivedDaysAgo: 40, dueInDays: -10, outcome: 'met', days: 2, repliedDaysAgo: 38, satisfaction: 5 },
  { id: '20261001-000002', agency: 'TPE-DOT', state: 'closed', receivedDaysAgo: 40, dueInDays: -10, outcome: 'met', days: 4, repliedDaysAgo: 35 },
  { id: '20261001-000003', agency: 'TPE-DOT', state: 'replied', receivedDaysAgo: 50, dueInDays: -20, outcome: 'breached', days: 40, repliedDaysAgo: 2, transfers: 1, satisfaction: 2 },
  { id: '20261001-000004', agency: 'TPE-DOT', state: 'in_progress', sla: 'breached', receivedDaysAgo: 45, dueInDays: -15 },
  { id: '20261001-000005', agency: 'TPE-DOT', state: 'accepted', sla: 'on_track', receivedDaysAgo: 5, dueInDays: 25 },
  { id: '20261001-000006', agency: 'TPE-DOT', state: 'not_processed', receivedDaysAgo: 30, dueInDays: 0, outcome: 'not_processed' },
  { id: '20261001-000007', agency: 'TPE-DOT', state: 'awaiting_supplement', sla: 'paused', receivedDaysAgo: 20, dueInDays: 10 },
  { id: '20261001-000008', agency: 'TPE-DOT', state: 'replied', receivedDaysAgo: 70, dueInDays: -1, outcome: 'met', days: 50, repliedDaysAgo: 5, extended: true },
  { id: '20261001-000009', agency: 'TPE-DOT', state: 'replied', receivedDaysAgo: 25, dueInDays: 5, outcome: 'met', days: 10, repliedDaysAgo: 3, reopens: 1 },
  { id: '20261001-000010', agency: 'TPE-DOT-PARK', state: 'replied', receivedDaysAgo: 10, dueInDays: 20, outcome: 'met', days: 1, repliedDaysAgo: 9 },
  { id: '20261001-000011', agency: 'TPE-DEP', state: 'replied', receivedDaysAgo: 60, dueInDays: -25, outcome: 'breached', days: 35, repliedDaysAgo: 20 },
];

beforeAll(async () => {
  await seedDemo();
  const db = env.DB;
  await db.batch([
    db.prepare(`INSERT OR IGNORE INTO agencies (id, name_zh, name_en, parent_id, oversight_agency_id) VALUES ('TPE-DOT-PARK', '臺北市停車管理工程處', 'Taipei City Parking Management Office', 'TPE-DOT', 'TPE-RDEC')`),
    db.prepare(`INSERT OR IGNORE INTO service_types (code, agency_id, kind, name_zh, name_en, ack_period, resolution_period) VALUES ('GRV-PARK', 'TPE-DOT-PARK', 'grievance', '停車陳情', 'Parking', '3wd', '30d')`),
    ...crafted.map((c) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, state, received_at, updated_at,
             resolution_due_at, sla_state, outcome, handling_working_days, replied_at, transfers, reopen_count, extended, workflow_started_at, satisfaction_score,
             missed_deadline)
           VALUES (?, ?, ?, 'u-citizen', '測試案件', '測試用的案件內容。', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          c.id,
          c.agency === 'TPE-DOT' ? 'GRV-TRAFFIC' : c.agency === 'TPE-DEP' ? 'GRV-NOISE' : 'GRV-PARK',
          c.agency,
          c.state,
          iso(now - c.receivedDaysAgo * DAY),
          iso(now),
          iso(now + c.dueInDays * DAY),
          c.sla ?? 'on_track',
          c.outcome ?? null,
          c.days ?? null,
          c.repliedDaysAgo === undefined ? null : iso(now - c.repliedDaysAgo * DAY),
          c.transfers ?? 0,
          c.reopens ?? 0,
          c.extended ? 1 : 0,
          iso(now - c.receivedDaysAgo * DAY),
          c.satisfaction ?? null,
          c.outcome === 'breached' ? 'answer' : null,
        ),
    ),
  ]);
});

const period = `from=${taipeiDate(now - 80 * DAY)}&to=${taipeiDate(now)}`;

interface Row {
  key: string;
  cases: number;
  met: number;
  breached: number;
  openOverdue: number;
  notProcessed: number;
  onTimeRate: number | null;
  p50HandlingDays: number | null;
  p90HandlingDays: number | null;
  transfersPerCase: number | null;
  reopenRate: number | null;
}

describe('performance', () => {
  it("a supervisor's agency tree: on-time = met ÷ (met + late + open overdue), not-processed excluded", async () => {
    const cookie = await login('supervisor.dot@demo.civic.tw');
    const res = await call(`/api/v1/dashboard/performance?${period}&groupBy=agency`, { cookie });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { total: Row; rows: Row[]; trend: { weekStart: string; met: number; breached: number }[] };
    expect(r.total).toMatchObject({ cases: 10, met: 5, breached: 1, openOverdue: 1, notProcessed: 1, p50HandlingDays: 4, p90HandlingDays: 50 });
    expect(r.total.onTimeRate).toBeCloseTo(5 / 7, 10);
    expect(r.total.transfersPerCase).toBeCloseTo(0.1, 10);
    expect(r.total.reopenRate).toBeCloseTo(0.1, 10);
    expect(r.total).toMatchObject({ satisfaction: 3.5, satisfactionResponses: 2 });
    expect(r.rows.map((x) => x.key)).toEqual(['TPE-DOT', 'TPE-DOT-PARK']);
    expect(r.rows[1]).toMatchObject({ cases: 1, met: 1, onTimeRate: 1, p50HandlingDays: 1 });
    expect(r.trend.reduce((n, w) => n + w.met + w.breached, 0)).toBe(6);
    expect(r.trend.every((w) => new Date(`${w.weekStart}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it('managers see every agency; grouping by service type works', async () => {
    const cookie = await login('manager@demo.civic.tw');
    const r = (await (await call(`/api/v1/dashboard/performance?${period}&groupBy=service_type`, { cookie })).json()) as { total: Row; rows: Row[] };
    expect(r.total).toMatchObject({ cases: 11, met: 5, breached: 2, openOverdue: 1 });
    expect(r.rows.find((x) => x.key === 'GRV-NOISE')).toMatchObject({ breached: 1, onTimeRate: 0 });
  });

  it('exports CSV with the same numbers', async () => {
    const cookie = await login('supervisor.dot@demo.civic.tw');
    const res = await call(`/api/v1/dashboard/performance.csv?${period}`, { cookie });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^agency,cases,met,breached,open_overdue,not_processed,on_time_rate_pct/);
    expect(lines.at(-1)).toMatch(/^TOTAL,10,5,1,1,1,71.4,4,50,0.1,10,3.5,2,0,1$/);
  });

  it('refuses agencies outside the scope, citizens, officers without oversight, and bad periods', async () => {
    const sup = await login('supervisor.dot@demo.civic.tw');
    const other = await call(`/api/v1/dashboard/performance?${period}&agencyId=TPE-DEP`, { cookie: sup });
    expect(other.status).toBe(403);
    await problemOf(other);
    expect((await call(`/api/v1/dashboard/performance?${period}`, { cookie: await login('citizen@demo.civic.tw') })).status).toBe(403);
    expect((await call(`/api/v1/dashboard/sla`, { cookie: await login('officer.dot@demo.civic.tw') })).status).toBe(403);
    const bad = await call(`/api/v1/dashboard/performance?from=2026-12-01&to=2026-11-01`, { cookie: sup });
    expect(bad.status).toBe(422);
    expect((await call(`/api/v1/dashboard/performance?from=yesterday&to=2026-11-01`, { cookie: sup })).status).toBe(422);
  });
});

describe('SLA board and escalations', () => {
  it('counts open cases by SLA state in scope, most urgent first, with working days left', async () => {
    const cookie = await login('supervisor.dot@demo.civic.tw');
    const board = (await (await call('/api/v1/dashboard/sla', { cookie })).json()) as {
      counts: Record<string, number>;
      items: { id: string; workingDaysLeft: number | null }[];
    };
    expect(board.counts).toMatchObject({ breached: 1, on_track: 1, paused: 1 });
    expect(board.items.map((i) => i.id)).toEqual(['20261001-000004', '20261001-000007', '20261001-000005']);
    expect(board.items[0]!.workingDaysLeft).toBeLessThan(0);
    expect(board.items[2]!.workingDaysLeft).toBeGreaterThan(0);
    const paused = (await (await call('/api/v1/dashboard/sla?sla=paused', { cookie })).json()) as { items: { id: string }[] };
    expect(paused.items.map((i) => i.id)).toEqual(['20261001-000007']);
  });

  it('pages the open-case list with the total count; the total follows the filters', async () => {
    const cookie = await login('supervisor.dot@demo.civic.tw');
    type Board = { total: number; page: number; pageSize: number; items: { id: string }[] };
    const get = async (q: string) => (await (await call(`/api/v1/dashboard/sla?${q}`, { cookie })).json()) as Board;
    const first = await get('pageSize=2');
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.id)).toEqual(['20261001-000004', '20261001-000007']);
    const second = await get('pageSize=2&page=2');
    expect(second.items.map((i) => i.id)).toEqual(['20261001-000005']);
    expect((await get('pageSize=2&page=3')).items).toEqual([]);
    expect((await get('sla=breached')).total).toBe(1);
    const bad = await call('/api/v1/dashboard/sla?pageSize=500&page=0', { cookie });
    expect((await problemOf(bad)).errors!.map((e) => [e.pointer, (e as { code?: string }).code])).toEqual([
      ['/page', 'too_small'],
      ['/pageSize', 'too_big'],
    ]);
  });

  it('filters by officer, offering only the staff within scope', async () => {
    const cookie = await login('supervisor.dot@demo.civic.tw');
    const staff = (await (await call('/api/v1/dashboard/officers', { cookie })).json()) as { items: { id: string; agencyId: string }[] };
    expect(staff.items.map((p) => p.id).sort()).toEqual(['u-officer-dot', 'u-supervisor-dot']);
    await env.DB.prepare(`UPDATE cases SET assignee_id = 'u-officer-dot' WHERE id = '20261001-000005'`).run();
    const mine = (await (await call('/api/v1/dashboard/sla?assigneeId=u-officer-dot', { cookie })).json()) as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual(['20261001-000005']);
  });

  it('oversight officers see the agencies they oversee; supervisors acknowledge breaches', async () => {
    const rdec = await login('oversight@demo.civic.tw');
    const list = (await (await call('/api/v1/escalations', { cookie: rdec })).json()) as { items: { id: string; agencyId: string }[] };
    expect(list.items.map((i) => i.id)).toContain('20261001-000004');
    const sup = await login('supervisor.dot@demo.civic.tw');
    const ack = await call('/api/v1/escalations/20261001-000004/ack', { cookie: sup, json: { comment: '已請承辦人本週內答復。' } });
    expect(ack.status).toBe(204);
    const after = (await (await call('/api/v1/escalations', { cookie: sup })).json()) as {
      items: { id: string; lastComment: string | null; workingDaysOverdue: number | null }[];
    };
    const row = after.items.find((i) => i.id === '20261001-000004')!;
    expect(row.lastComment).toBe('已請承辦人本週內答復。');
    expect(row.workingDaysOverdue).toBeGreaterThan(0);
    const notBreached = await call('/api/v1/escalations/20261001-000005/ack', { cookie: sup, json: { comment: '測試留言內容' } });
    expect(notBreached.status).toBe(409);
    const otherAgency = await call('/api/v1/escalations/20261001-000011/ack', { cookie: sup, json: { comment: '測試留言內容' } });
    expect(otherAgency.status).toBe(404);
  });
});

describe('public accountability (no login)', () => {
  it('publishes per-agency figures daily with small counts suppressed, as JSON and CSV', async () => {
    const res = await call('/api/v1/public/agencies');
    expect(res.status).toBe(200);
    const s = (await res.json()) as {
      asOf: string;
      minCount: number;
      agencies: { agencyId: string; decided: number | null; onTimeRate: number | null; medianHandlingDays: number | null; openOverdue: { serviceTypeCode: string; count: number | null }[] }[];
    };
    expect(s.asOf).toBe(taipeiDate(Date.now()));
    const dot = s.agencies.find((a) => a.agencyId === 'TPE-DOT')!;
    // DOT alone: 4 met, 1 late, 1 open overdue = 6 decided (≥ 5: shown).
    // Handling days 2, 4, 10, 40, 50: nearest-rank median 10.
    expect(dot).toMatchObject({ decided: 6, medianHandlingDays: 10 });
    expect(dot.onTimeRate).toBeCloseTo(0.667, 3);
    expect(dot.openOverdue.find((o) => o.serviceTypeCode === 'GRV-TRAFFIC')!.count).toBeNull();
    const park = s.agencies.find((a) => a.agencyId === 'TPE-DOT-PARK')!;
    expect(park).toMatchObject({ decided: null, onTimeRate: null, medianHandlingDays: null });
    expect(JSON.stringify(s)).not.toMatch(/測試案件|u-citizen|citizen@/);
    const csv = await (await call('/api/v1/public/agencies.csv')).text();
    expect(csv).toContain('TPE-DOT,臺北市政府交通局');
    expect(csv).not.toContain('測試案件');
  });
});
