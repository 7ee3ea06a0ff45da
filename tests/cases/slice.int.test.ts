import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import { computeDeadline } from '../../domain/deadlines/deadline';
import { parsePeriod } from '../../domain/deadlines/period';
import { statusQuery } from '../../workflows/case/workflow';
import { caseWorkflowId } from '../../workflows/case/contract';
import { ApiClient, type CaseDetail, eventually } from '../support/http-client';

let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection });
});
afterAll(() => connection?.close());

describe('the vertical slice through the real stack', () => {
  it('a grievance goes from filing to reply: D1, outbox, Temporal over HTTP, signed projections', async () => {
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    const filed = await citizen.json<CaseDetail>(
      '/api/v1/cases',
      {
        json: {
          serviceTypeCode: 'GRV-TRAFFIC',
          subject: '公車站牌被撞歪',
          description: '松仁路公車站牌昨晚被車撞歪，候車民眾看不到路線。',
          location: '信義區松仁路',
        },
      },
      202,
    );

    // The workflow computes the acknowledgement deadline and projects it back to D1.
    const withDeadline = await eventually('deadline projected', async () => {
      const c = await citizen.json<CaseDetail>(`/api/v1/cases/${filed.id}`);
      return c.ackDueDate ? c : undefined;
    });
    const received = taipeiDateOf(Date.parse(filed.receivedAt));
    const calendar = twOfficialCalendar();
    expect(withDeadline.ackDueDate).toBe(computeDeadline(calendar, received, parsePeriod('3wd')));
    expect(withDeadline.resolutionDueDate).toBe(computeDeadline(calendar, received, parsePeriod('30d')));
    expect(withDeadline.workflowStarted).toBe(true);
    expect(withDeadline.timeline.map((e) => e.type)).toEqual(['filed', 'deadlines_computed']);

    const handle = temporal.workflow.getHandle(caseWorkflowId(filed.id));
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The officer of the competent agency finds it in the inbox and replies.
    const officer = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const inbox = await officer.json<{ items: { id: string }[] }>('/api/v1/cases/inbox', undefined, 200);
    expect(inbox.items.map((c) => c.id)).toContain(filed.id);
    const key = `reply-${filed.id}`;
    const reply = { json: { message: '已通知公車處今日修復站牌，謝謝您的通報。' }, headers: { 'idempotency-key': key } };
    const replied = await officer.json<CaseDetail>(`/api/v1/cases/${filed.id}/reply`, reply, 200);
    expect(replied.state).toBe('replied');

    // A retried request with the same key is applied once; a new reply is refused.
    await officer.json<CaseDetail>(`/api/v1/cases/${filed.id}/reply`, reply, 200);
    const again = await officer.request(`/api/v1/cases/${filed.id}/reply`, { json: { message: '第二次回覆不應成立。' } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    // The workflow's refusal reaches the client as a stable code the UI translates.
    expect(((await again.json()) as { type: string }).type).toBe('https://civic-engine.dev/problems/wrong-state');

    const seen = await citizen.json<CaseDetail>(`/api/v1/cases/${filed.id}`);
    expect(seen.state).toBe('replied');
    expect(seen.repliedAt).not.toBeNull();
    const replies = seen.timeline.filter((e) => e.type === 'replied');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ actorRole: 'officer', body: { message: '已通知公車處今日修復站牌，謝謝您的通報。' } });

    // The workflow stays open for a reopen until it closes by itself (autoCloseAfter).
    expect(await handle.query(statusQuery)).toMatchObject({ state: 'replied' });
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });

  it('another agency cannot reply to (or even see) the case', async () => {
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    const filed = await citizen.json<CaseDetail>(
      '/api/v1/cases',
      { json: { serviceTypeCode: 'GRV-NOISE', subject: '冷氣室外機噪音', description: '鄰居冷氣室外機整夜運轉噪音很大。' } },
      202,
    );
    const other = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const res = await other.request(`/api/v1/cases/${filed.id}/reply`, { json: { message: '不是本局業務。' } });
    expect(res.status).toBe(404);
  });

  it('health reports both D1 and Temporal reachable', async () => {
    const h = await new ApiClient().json<{ status: string }>('/api/v1/health', undefined, 200);
    expect(h.status).toBe('ok');
  });
});
