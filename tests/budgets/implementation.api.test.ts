import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf } from '../support/api-helpers';
import { countAsActivity, projectPhase, seedBudgets, votingRound } from '../support/api-budgets';

beforeEach(seedBudgets);

describe('implementation tracking', () => {
  it('staff post status updates with photo metadata after the results; the round page shows them publicly', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }]);
    const officer = await login('officer.dot@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${roundId}/projects/${projectIds[0]}/updates`;
    const update = { status: 'in_progress', note: '已完成發包，預計三月完工', photos: [{ url: 'https://example.org/p/1.jpg', caption: '施工前', takenOn: '2027-01-05' }] };
    const early = await call(url, { cookie: officer, json: update });
    expect(early.status).toBe(409);
    expect((await problemOf(early)).type).toMatch(/wrong-phase$/);

    await projectPhase(roundId, 'tallying');
    await countAsActivity(roundId);
    await projectPhase(roundId, 'results');
    expect((await call(url, { cookie: await login('citizen@demo.civic.tw'), json: update })).status).toBe(403);
    const bad = await call(url, { cookie: officer, json: { ...update, status: 'done', photos: [{ url: 'not a url' }] } });
    expect((await problemOf(bad)).errors!.map((e) => e.pointer).sort()).toEqual(['/photos/0/url', '/status']);
    expect((await call(url, { cookie: officer, json: update })).status).toBe(201);
    expect((await call(`/api/v1/budget-rounds/${roundId}/projects/P-NONE01/updates`, { cookie: officer, json: update })).status).toBe(404);

    const round = (await (await call(`/api/v1/budget-rounds/${roundId}`)).json()) as { projects: { id: string; updates: unknown[] }[] };
    expect(round.projects[0]!.updates).toEqual([
      { status: 'in_progress', note: '已完成發包，預計三月完工', photos: [{ url: 'https://example.org/p/1.jpg', caption: '施工前', takenOn: '2027-01-05' }], createdAt: expect.any(String) },
    ]);
  });

  it('unknown rounds and malformed ids are clear problems, never a 500', async () => {
    expect((await call('/api/v1/budget-rounds/R-NOSUCH01')).status).toBe(404);
    expect((await call('/api/v1/budget-rounds/not-a-round')).status).toBe(422);
    expect((await call('/api/v1/budget-rounds/R-NOSUCH01/turnout')).status).toBe(404);
    const cookie = await login('citizen@demo.civic.tw');
    expect((await call('/api/v1/budget-rounds/R-NOSUCH01/ballots', { cookie, json: { projects: [] } })).status).toBe(404);
    expect((await call('/api/v1/budget-rounds/R-NOSUCH01/ballots', { cookie, body: '{bad json', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });
});
