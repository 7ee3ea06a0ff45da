/**
 * One intake, whole-process service (一處收件): a citizen who does not know the competent agency
 * files under "not sure / other"; the central dispatch desk (1999) routes the case within the
 * transfer window, which counts as a timely transfer, and the agency's own officer answers it.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, type CaseDetail, eventually } from '../support/http-client';

type Detail = CaseDetail & { agencyId: string; legs: { agencyId: string; timely: boolean | null; endedAt: string | null }[] };

describe('central dispatch desk', () => {
  it('receives "not sure" cases and routes them in time to an agency whose officer can answer', async () => {
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    const types = await citizen.json<{ items: { code: string; agencyId: string }[] }>('/api/v1/service-types');
    expect(types.items.map((s) => s.code)).toEqual(expect.arrayContaining(['GRV-STREETLIGHT', 'GRV-OTHER']));
    expect(types.items.find((s) => s.code === 'GRV-OTHER')!.agencyId).toBe('TPE-1999');

    const filed = await citizen.json<Detail>(
      '/api/v1/cases',
      { json: { serviceTypeCode: 'GRV-OTHER', subject: '巷口路燈與人行道都壞了', description: '巷口路燈不亮，旁邊人行道地磚也翹起，不知道該找哪個機關。', location: '文山區木柵路一段' } },
      202,
    );
    expect(filed.agencyId).toBe('TPE-1999');
    await eventually('workflow started', async () => (await citizen.json<Detail>(`/api/v1/cases/${filed.id}`)).ackDueDate);

    const desk = await ApiClient.signedIn('officer.1999@demo.civic.tw');
    const inbox = await desk.json<{ items: { id: string }[] }>('/api/v1/cases/inbox');
    expect(inbox.items.map((c) => c.id)).toContain(filed.id);
    const moved = await desk.json<Detail>(
      `/api/v1/cases/${filed.id}/transfer`,
      { json: { toAgencyId: 'TPE-PWD', reason: '路燈與人行道屬工務局權責。' } },
      200,
    );
    expect(moved.agencyId).toBe('TPE-PWD');
    const deskLeg = moved.legs.find((l) => l.agencyId === 'TPE-1999')!;
    expect(deskLeg.timely).toBe(true);

    // Public Works has its own demo officer now, who finds and answers the case.
    const pwd = await ApiClient.signedIn('officer.pwd@demo.civic.tw');
    await eventually('in the Public Works inbox', async () =>
      (await pwd.json<{ items: { id: string }[] }>('/api/v1/cases/inbox')).items.some((c) => c.id === filed.id),
    );
    const replied = await pwd.json<Detail>(`/api/v1/cases/${filed.id}/reply`, { json: { message: '已派員更換燈具並修復人行道地磚。' } }, 200);
    expect(replied.state).toBe('replied');
    // The timeline says which agency acted: the desk transferred, Public Works answered.
    const events = replied.timeline.filter((e) => e.actorAgencyId);
    expect(events.find((e) => e.type === 'transferred')?.actorAgencyId).toBe('TPE-1999');
    expect(events.find((e) => e.type === 'replied')?.actorAgencyId).toBe('TPE-PWD');
  });
});
