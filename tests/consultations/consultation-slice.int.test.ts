/**
 * A consultation through the real stack: D1, the outbox, Temporal over HTTP, the worker process
 * and signed projections. Periods are seconds long: the comment period closes while citizens are
 * still posting (the race at the close), the response clock warns and flags the report overdue.
 */
import { describe, expect, it } from 'vitest';
import { PARK_AMENDMENT_MD } from '../domain/consultations/fixtures';
import { ApiClient, eventually } from '../support/http-client';

interface Detail {
  id: string;
  state: string;
  closesAt: string;
  responseDueAt: string | null;
  responseState: string | null;
  overdue: boolean;
  workflowStarted: boolean;
}

const notice = {
  title: '臺北市公園管理自治條例部分條文修正草案（整合測試）',
  legalBasis: '地方制度法第二十五條',
  summary: '為因應共融式遊戲場之推動及強化公園使用管理，修正部分條文。',
  contact: '臺北市政府工務局公園路燈工程管理處',
  draft: PARK_AMENDMENT_MD,
  urgencyReason: '整合測試使用秒級期間。',
};

async function publish(officer: ApiClient, seconds: number, responsePeriod: string): Promise<Detail> {
  const closesAt = new Date(Date.now() + seconds * 1000).toISOString();
  const created = await officer.json<Detail>('/api/v1/consultations', { json: { ...notice, closesAt, responsePeriod } }, 201);
  return officer.json<Detail>(`/api/v1/consultations/${created.id}/publish`, { json: {} }, 200);
}

describe('a consultation through the real stack', () => {
  it('closes by its workflow and by the stored instant: comments racing the close are refused, followers notified', async () => {
    const officer = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    const c = await publish(officer, 4, '60s');
    await citizen.json(`/api/v1/consultations/${c.id}/follow`, { method: 'PUT', json: { follow: true } }, 200);

    const closesAt = Date.parse(c.closesAt);
    const outcomes: { sentAt: number; doneAt: number; status: number }[] = [];
    while (Date.now() < closesAt + 1500) {
      const sentAt = Date.now();
      const res = await citizen.request(`/api/v1/consultations/${c.id}/comments`, { json: { article: '7', body: `第七條意見 ${sentAt}` } });
      outcomes.push({ sentAt, doneAt: Date.now(), status: res.status });
      await res.text();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(outcomes.some((o) => o.status === 201)).toBe(true);
    expect(outcomes.some((o) => o.status === 409)).toBe(true);
    for (const o of outcomes) {
      if (o.sentAt >= closesAt) expect(o.status).toBe(409);
      if (o.doneAt < closesAt) expect(o.status).toBe(201);
    }

    const closed = await eventually('close projected', async () => {
      const d = await citizen.json<Detail>(`/api/v1/consultations/${c.id}`);
      return d.workflowStarted && d.responseState ? d : undefined;
    });
    expect(closed).toMatchObject({ state: 'closed', responseState: 'on_track', overdue: false });
    const inbox = await eventually('follower notified of the close', async () => {
      const n = await citizen.json<{ items: { kind: string; link: string | null }[] }>('/api/v1/notifications');
      return n.items.find((i) => i.kind === 'consultation_closed' && i.link === `/consultations/${c.id}`);
    });
    expect(inbox).toBeTruthy();
  });

  it('warns the agency and raises the public overdue flag when no report is published in time', async () => {
    const officer = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const supervisor = await ApiClient.signedIn('supervisor.dot@demo.civic.tw');
    const c = await publish(officer, 2, '4s');
    const overdue = await eventually(
      'overdue projected',
      async () => {
        const d = await officer.json<Detail>(`/api/v1/consultations/${c.id}`);
        return d.responseState === 'breached' ? d : undefined;
      },
      45_000,
    );
    expect(overdue.overdue).toBe(true);
    const warnings = await officer.json<{ items: { kind: string; link: string | null }[] }>('/api/v1/notifications');
    expect(warnings.items.filter((i) => i.kind === 'consultation_response_warning' && i.link === `/consultations/${c.id}`)).toHaveLength(2);
    const sup = await supervisor.json<{ items: { kind: string; link: string | null }[] }>('/api/v1/notifications');
    expect(sup.items.some((i) => i.kind === 'consultation_response_overdue' && i.link === `/consultations/${c.id}`)).toBe(true);
    const figures = await new ApiClient().json<{ items: { agencyId: string; overdueReports: number }[] }>('/api/v1/consultation-figures');
    expect(figures.items.find((f) => f.agencyId === 'TPE-DOT')!.overdueReports).toBeGreaterThanOrEqual(1);
  });
});
