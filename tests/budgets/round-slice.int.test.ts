/**
 * A budget round through the real stack: the round's workflow starts from the outbox, its phase
 * timers run on second-scale periods, an extension with a public reason moves the close, the
 * tally runs when voting closes, and the results are published with explanations.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { budgetRoundWorkflowId } from '../../workflows/budget-round/contract';
import { ApiClient, eventually } from '../support/http-client';

let connection: Connection;
let temporal: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection });
});
afterAll(() => connection?.close());

interface Round {
  id: string;
  phase: string;
  schedule: { proposals: string; review: string; voting: string; results: string };
  projects: { id: string; title: string }[];
  events: { type: string; phase: string; reason: string | null }[];
}

describe('a budget round on the real stack', () => {
  it('runs its phases on timers, extends voting with a public reason, tallies on close', { timeout: 90_000 }, async () => {
    const manager = await ApiClient.signedIn('manager@demo.civic.tw');
    const s = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
    const round = await manager.json<Round>(
      '/api/v1/budget-rounds',
      {
        json: {
          title: 'Slice round 2027',
          rule: 'equalshares/add1',
          ballot: { kind: 'knapsack' },
          schedule: { proposals: s(10), review: s(16), voting: s(26), results: s(300) },
          districts: [{ code: 'DA', name: '大安區', budget: 1000 }],
        },
      },
      202,
    );
    for (const title of ['Shade trees', 'Bike racks', 'Library hours']) {
      await manager.json(`/api/v1/budget-rounds/${round.id}/projects`, { json: { districtCode: 'DA', title } }, 201);
    }
    const proposed = await manager.json<Round>(`/api/v1/budget-rounds/${round.id}`);
    const id = (title: string) => proposed.projects.find((p) => p.title === title)!.id;
    const officer = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const costs: Record<string, number> = { 'Shade trees': 600, 'Bike racks': 300, 'Library hours': 500 };
    for (const title of Object.keys(costs)) {
      await officer.json(`/api/v1/budget-rounds/${round.id}/projects/${id(title)}/review`, { json: { decision: 'accept', cost: costs[title] } }, 200);
    }
    const chen = await ApiClient.signedIn('citizen@demo.civic.tw');
    const helper = await ApiClient.signedIn('helper@demo.civic.tw');
    await eventually('workflow started', async () => (await manager.json<Round>(`/api/v1/budget-rounds/${round.id}`)).events.length > 0);

    const voting = await eventually('voting opens', async () => {
      const r = await manager.json<Round>(`/api/v1/budget-rounds/${round.id}`);
      return r.phase === 'voting' ? r : undefined;
    }, 30_000);
    expect(voting.events.map((e) => e.phase)).toEqual(['proposals', 'review', 'voting']);

    await chen.json(`/api/v1/budget-rounds/${round.id}/ballots`, { json: { projects: [id('Shade trees'), id('Bike racks')] } }, 201);
    await helper.json(`/api/v1/budget-rounds/${round.id}/ballots`, { json: { projects: [id('Library hours'), id('Bike racks')] } }, 201);

    const extended = await manager.json<Round>(
      `/api/v1/budget-rounds/${round.id}/extend`,
      { json: { phase: 'voting', until: new Date(Date.parse(voting.schedule.voting) + 4000).toISOString(), reason: '系統維護，延長投票' } },
      200,
    );
    const refused = await manager.request(`/api/v1/budget-rounds/${round.id}/extend`, { json: { phase: 'review', until: s(60), reason: 'Too late for that' } });
    expect(refused.status).toBe(409);
    await eventually('extension projected', async () => {
      const r = await manager.json<Round>(`/api/v1/budget-rounds/${round.id}`);
      return r.events.some((e) => e.type === 'phase_extended' && e.reason === '系統維護，延長投票') ? r : undefined;
    });
    expect(extended.id).toBe(round.id);

    const results = await eventually('results published', async () => {
      const res = await manager.request(`/api/v1/budget-rounds/${round.id}/results`);
      return res.status === 200 ? ((await res.json()) as { districts: { ballots: number; selected: string[] }[] }) : undefined;
    }, 40_000);
    expect(results.districts[0]!.ballots).toBe(2);
    expect(results.districts[0]!.selected).toContain(id('Bike racks'));
    const final = await manager.json<Round>(`/api/v1/budget-rounds/${round.id}`);
    expect(final.events.map((e) => e.type)).toEqual(['phase_started', 'phase_started', 'phase_started', 'phase_extended', 'phase_started', 'tallied', 'phase_started']);
    expect(final.phase).toBe('results');
    const desc = await temporal.workflow.getHandle(budgetRoundWorkflowId(round.id)).describe();
    expect(desc.status.name).toBe('RUNNING');
  });
});
