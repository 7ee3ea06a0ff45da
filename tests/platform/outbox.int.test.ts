import { describe, expect, inject, it } from 'vitest';
import { ApiClient, type CaseDetail, eventually } from '../support/http-client';

async function control(action: 'stop' | 'start') {
  const res = await fetch(`${inject('controlUrl')}/temporal/${action}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`temporal ${action}: ${res.status} ${await res.text()}`);
}

describe('outbox', () => {
  it('accepts submissions while Temporal is down and starts their workflows once it is back', async () => {
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    await control('stop');
    let filed: CaseDetail;
    try {
      const health = await new ApiClient().json<{ status: string; temporal: { ok: boolean } }>('/api/v1/health', undefined, 503);
      expect(health).toMatchObject({ status: 'degraded', temporal: { ok: false } });

      filed = await citizen.json<CaseDetail>(
        '/api/v1/cases',
        { json: { serviceTypeCode: 'GRV-ROAD', subject: '人行道破損', description: '南京東路人行道地磚破損翹起，已有行人絆倒。' } },
        202,
      );
      expect(filed.workflowStarted).toBe(false);

      // Drain attempts fail while the server is down: the entry records the failure and stays
      // pending (it was pending at insert already; the outcome to see is a failed attempt kept).
      const failing = await eventually('a failed drain attempt recorded', async () => {
        const h = await new ApiClient().json<{ outbox: { pending: number; failing: number } }>('/api/v1/health', undefined, 503);
        return h.outbox.failing >= 1 ? h.outbox : undefined;
      });
      expect(failing.pending).toBeGreaterThanOrEqual(failing.failing);
      const stillWaiting = await citizen.json<CaseDetail>(`/api/v1/cases/${filed.id}`);
      expect(stillWaiting).toMatchObject({ workflowStarted: false, ackDueDate: null, state: 'received' });
    } finally {
      await control('start');
    }

    // Back up: the drain (cron) starts the workflow, which projects its deadlines.
    const started = await eventually(
      'workflow started after the outage',
      async () => {
        const c = await citizen.json<CaseDetail>(`/api/v1/cases/${filed.id}`);
        return c.workflowStarted && c.ackDueDate ? c : undefined;
      },
      60_000,
    );
    expect(started.timeline.map((e) => e.type)).toEqual(['filed', 'deadlines_computed']);
    const health = await eventually('outbox drained', async () => {
      const h = await new ApiClient().json<{ status: string; outbox: { pending: number; failing: number } }>('/api/v1/health');
      return h.outbox.pending === 0 ? h : undefined;
    });
    expect(health.outbox).toEqual({ pending: 0, failing: 0, oldestPendingAt: null });
  });
});
