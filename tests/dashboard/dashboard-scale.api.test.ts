/**
 * A city has more agencies than D1's 100 bound parameters per query: the dashboard binds a
 * scope as one JSON array, so managers and oversight units with 150 agencies get their figures.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, seedDemo } from '../support/api-helpers';

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const taipeiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const AGENCIES = 150;
const agencyId = (i: number) => `TPE-X${String(i).padStart(3, '0')}`;
const last = agencyId(AGENCIES - 1);

beforeAll(async () => {
  await seedDemo();
  const db = env.DB;
  await db.batch([
    ...Array.from({ length: AGENCIES }, (_, i) =>
      db
        .prepare(`INSERT INTO agencies (id, name_zh, name_en, parent_id, oversight_agency_id) VALUES (?, ?, ?, NULL, 'TPE-RDEC')`)
        .bind(agencyId(i), `測試機關${i}`, `Test agency ${i}`),
    ),
    db
      .prepare(`INSERT INTO service_types (code, agency_id, kind, name_zh, name_en, ack_period, resolution_period) VALUES ('GRV-X', ?, 'grievance', '測試陳情', 'Test', '3wd', '30d')`)
      .bind(last),
    db
      .prepare(
        `INSERT INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, state, received_at, updated_at,
           resolution_due_at, sla_state, workflow_started_at)
         VALUES ('20261001-00X150', 'GRV-X', ?, 'u-citizen', '規模測試', '第一百五十個機關的案件。', 'in_progress', ?, ?, ?, 'breached', ?)`,
      )
      .bind(last, iso(now - 40 * DAY), iso(now), iso(now - 10 * DAY), iso(now - 40 * DAY)),
  ]);
});

describe('dashboard scope beyond 100 agencies', () => {
  it.each(['manager@demo.civic.tw', 'oversight@demo.civic.tw'])('%s gets the SLA board, performance and escalations', async (email) => {
    const cookie = await login(email);
    const board = await call('/api/v1/dashboard/sla', { cookie });
    expect(board.status).toBe(200);
    const b = (await board.json()) as { counts: { breached: number }; items: { id: string }[] };
    expect(b.items.map((i) => i.id)).toContain('20261001-00X150');
    expect(b.counts.breached).toBeGreaterThanOrEqual(1);

    const perf = await call(`/api/v1/dashboard/performance?from=${taipeiDate(now - 80 * DAY)}&to=${taipeiDate(now)}`, { cookie });
    expect(perf.status).toBe(200);
    const p = (await perf.json()) as { rows: { key: string; openOverdue: number }[] };
    expect(p.rows.find((r) => r.key === last)).toMatchObject({ openOverdue: 1 });

    const esc = await call('/api/v1/escalations', { cookie });
    expect(esc.status).toBe(200);
    expect(JSON.stringify(await esc.json())).toContain('20261001-00X150');

    const staff = await call('/api/v1/dashboard/officers', { cookie });
    expect(staff.status).toBe(200);
  });
});
