/**
 * The staff side of a round through the API: settings checked one against another, editing
 * before voting, the paged feasibility-review queue, checking in a voter at a polling station,
 * following a round, and the whole-round results summary.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf } from '../support/api-helpers';
import { countAsActivity, createRound, futureSchedule, projectPhase, seedBudgets, twoDistricts, votingRound } from '../support/api-budgets';

beforeEach(seedBudgets);

const codes = async (res: Response) => {
  expect(res.status).toBe(422);
  return (await problemOf(res)).errors!.map((e) => `${e.pointer} ${(e as { code?: string }).code}`).sort();
};

describe('round settings', () => {
  it('refuses lower limits above upper ones and duplicate district codes, with stable codes, writing nothing', async () => {
    const manager = await login('manager@demo.civic.tw');
    const body = { title: 'Limits round', rule: 'greedy', schedule: futureSchedule(), districts: twoDistricts };
    const post = (json: Record<string, unknown>) => call('/api/v1/budget-rounds', { cookie: manager, json: { ...body, ...json } });
    expect(await codes(await post({ ballot: { kind: 'approval', minProjects: 3, maxProjects: 2 } }))).toEqual(['/ballot/maxProjects too_small']);
    expect(await codes(await post({ ballot: { kind: 'cumulative', maxSumPoints: 5, maxPointsPerProject: 6 } }))).toEqual(['/ballot/maxPointsPerProject too_big']);
    expect(await codes(await post({ ballot: { kind: 'ordinal', minRank: 4, maxRank: 2 } }))).toEqual(['/ballot/maxRank too_small']);
    expect(await codes(await post({ ballot: { kind: 'approval' }, districts: [...twoDistricts, { code: 'DA', name: '又一個大安', budget: 1 }] }))).toEqual([
      '/districts/2/code duplicate',
    ]);
    const s = futureSchedule();
    expect(await codes(await post({ ballot: { kind: 'approval' }, schedule: { ...s, proposals: new Date(Date.now() - 1000).toISOString(), review: s.proposals } }))).toEqual([
      '/schedule/proposals too_small',
    ]);
    expect(await codes(await post({ ballot: { kind: 'approval' }, title: 'x', eligibility: { minAge: 200 } }))).toEqual(['/eligibility/minAge too_big', '/title too_short']);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_rounds`).first<{ n: number }>())!.n).toBe(0);
  });
});

describe('editing a round before voting', () => {
  it('managers edit settings, districts and budgets in proposals and review; never once voting opened', async () => {
    const id = await createRound();
    const manager = await login('manager@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${id}`;
    expect((await call(url, { method: 'PATCH', json: { title: 'Anonymous edit' } })).status).toBe(401);
    expect((await call(url, { method: 'PATCH', cookie: await login('officer.dot@demo.civic.tw'), json: { title: 'Officer edit' } })).status).toBe(403);

    const edited = await call(url, {
      method: 'PATCH',
      cookie: manager,
      json: {
        title: '大安信義參與式預算 2027',
        ballot: { kind: 'knapsack', maxProjects: 3 },
        eligibility: { minAge: 16, identityLevel: 'verified', districtRule: 'residence' },
        districts: [{ code: 'DA', name: '大安區', budget: 1500 }, { code: 'WH', name: '文山區', budget: 700 }],
      },
    });
    expect(edited.status).toBe(200);
    const round = (await edited.json()) as { title: string; ballot: unknown; eligibility: unknown; districts: unknown[]; rule: string };
    expect(round).toMatchObject({ title: '大安信義參與式預算 2027', rule: 'greedy', ballot: { kind: 'knapsack', maxProjects: 3 }, eligibility: { minAge: 16, identityLevel: 'verified' } });
    expect(round.districts).toEqual([{ code: 'DA', name: '大安區', budget: 1500 }, { code: 'WH', name: '文山區', budget: 700 }]);

    // A district with projects stays.
    await call(`${url}/projects`, { cookie: manager, json: { districtCode: 'WH', title: '文山河濱步道' } });
    expect(await codes(await call(url, { method: 'PATCH', cookie: manager, json: { districts: [{ code: 'DA', name: '大安區', budget: 1500 }] } }))).toEqual(['/districts in_use']);
    // Dates move only by an extension with a public reason.
    expect(await codes(await call(url, { method: 'PATCH', cookie: manager, json: { schedule: futureSchedule() } }))).toEqual(['/schedule unknown_field']);
    expect(await codes(await call(url, { method: 'PATCH', cookie: manager, json: { ballot: { kind: 'approval', minProjects: 2, maxProjects: 1 } } }))).toEqual([
      '/ballot/maxProjects too_small',
    ]);

    await projectPhase(id, 'review');
    expect((await call(url, { method: 'PATCH', cookie: manager, json: { description: '審查中仍可修改說明' } })).status).toBe(200);
    await projectPhase(id, 'voting');
    const late = await call(url, { method: 'PATCH', cookie: manager, json: { title: 'Too late to edit' } });
    expect(late.status).toBe(409);
    expect((await problemOf(late)).type).toMatch(/wrong-phase$/);
    expect(((await (await call(url)).json()) as { title: string }).title).toBe('大安信義參與式預算 2027');
  });
});

describe('the feasibility-review queue', () => {
  it('pages through a round\'s projects by state for staff, with counts', async () => {
    const id = await createRound();
    const citizen = await login('citizen@demo.civic.tw');
    for (const title of ['第一案 公園', '第二案 路燈', '第三案 步道']) {
      expect((await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: citizen, json: { districtCode: 'DA', title } })).status).toBe(201);
    }
    await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: citizen, json: { districtCode: 'XY', title: '第四案 信義' } });
    const officer = await login('officer.dot@demo.civic.tw');
    const queue = (q: string) => call(`/api/v1/budget-rounds/${id}/review-queue${q}`, { cookie: officer });
    type Page = { items: { id: string; title: string; districtCode: string }[]; counts: Record<string, number>; next: string | null };
    const first = (await (await queue('?limit=3')).json()) as Page;
    expect(first.items.map((p) => p.districtCode)).toEqual(['DA', 'DA', 'DA']);
    expect(first.counts).toEqual({ proposed: 4, accepted: 0, rejected: 0 });
    expect(first.next).not.toBeNull();
    const second = (await (await queue(`?limit=3&after=${encodeURIComponent(first.next!)}`)).json()) as Page;
    expect(second.items.map((p) => p.title)).toEqual(['第四案 信義']);
    expect(second.next).toBeNull();

    await call(`/api/v1/budget-rounds/${id}/projects/${first.items[0]!.id}/review`, { cookie: officer, json: { decision: 'reject', reason: '非市府權責' } });
    const rejected = (await (await queue('?state=rejected&district=DA')).json()) as Page;
    expect(rejected.items.map((p) => p.id)).toEqual([first.items[0]!.id]);
    expect(rejected.counts).toEqual({ proposed: 2, accepted: 0, rejected: 1 });

    expect((await call(`/api/v1/budget-rounds/${id}/review-queue`, { cookie: citizen })).status).toBe(403);
    expect((await call(`/api/v1/budget-rounds/${id}/review-queue`)).status).toBe(401);
    expect((await codes(await queue('?limit=0&after=nope&state=done'))).map((c) => c.split(' ')[0])).toEqual(['/after', '/limit', '/state']);
  });
});

describe('checking in a voter at a polling station', () => {
  it('says whether the resident may vote and has voted; staff only, during voting, audited', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }]);
    const officer = await login('officer.dot@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${roundId}/check-in`;
    const status = await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw' } });
    expect(await status.json()).toEqual({ eligible: true, reasons: [], districtCode: 'DA', hasVoted: false, voterName: '陳小明' });
    expect((await call(`/api/v1/budget-rounds/${roundId}/paper-ballots`, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw', projects: [projectIds[0]] } })).status).toBe(201);
    expect(((await (await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw' } })).json()) as { hasVoted: boolean }).hasVoted).toBe(true);

    const stranger = await call(url, { cookie: officer, json: { voterEmail: 'manager@demo.civic.tw' } });
    expect(await codes(stranger)).toEqual(['/voterEmail unknown_reference']);
    expect(await codes(await call(url, { cookie: officer, json: { voterEmail: 'not an address' } }))).toEqual(['/voterEmail invalid_email']);
    expect((await call(url, { cookie: await login('manager@demo.civic.tw'), json: { voterEmail: 'citizen@demo.civic.tw' } })).status).toBe(403);
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'budget.check_in'`).first<{ n: number }>();
    expect(audit!.n).toBe(2);

    await projectPhase(roundId, 'tallying');
    expect((await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw' } })).status).toBe(409);
  });
});

describe('results for the whole round', () => {
  it('sums per district and in total: budget, spent, funded and not, ballots and turnout', async () => {
    const { roundId, projectIds } = await votingRound([
      { district: 'DA', cost: 600 },
      { district: 'DA', cost: 500 },
      { district: 'XY', cost: 400 },
    ]);
    const vote = async (email: string, projects: string[]) =>
      expect((await call(`/api/v1/budget-rounds/${roundId}/ballots`, { cookie: await login(email), json: { projects } })).status).toBe(201);
    await vote('citizen@demo.civic.tw', [projectIds[0]!, projectIds[1]!]);
    await vote('helper@demo.civic.tw', [projectIds[0]!]);
    await vote('resident@demo.civic.tw', [projectIds[2]!]);
    await projectPhase(roundId, 'tallying');
    await countAsActivity(roundId);
    await projectPhase(roundId, 'results');
    const results = (await (await call(`/api/v1/budget-rounds/${roundId}/results`)).json()) as { rule: string; summary: unknown };
    expect(results.rule).toBe('greedy');
    expect(results.summary).toEqual({
      districts: [
        { code: 'DA', name: '大安區', budget: 1000, spent: 600, ballots: 2, voters: 2, funded: 1, notFunded: 1 },
        { code: 'XY', name: '信義區', budget: 600, spent: 400, ballots: 1, voters: 1, funded: 1, notFunded: 0 },
      ],
      totals: { budget: 1600, spent: 1000, ballots: 3, voters: 3, funded: 2, notFunded: 1 },
    });
  });
});

describe('following a round', () => {
  it('signed-in people follow and unfollow; strangers cannot', async () => {
    const id = await createRound();
    const cookie = await login('resident@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${id}/follow`;
    // Bodyless cookie writes still come from the page's own origin (the browser sends it).
    const headers = { origin: 'http://example.com' };
    expect(await (await call(url, { cookie })).json()).toEqual({ following: false });
    expect(await (await call(url, { method: 'PUT', cookie, headers })).json()).toEqual({ following: true });
    expect(await (await call(url, { method: 'PUT', cookie, headers })).json()).toEqual({ following: true });
    expect(await (await call(url, { cookie })).json()).toEqual({ following: true });
    expect(await (await call(url, { method: 'DELETE', cookie, headers })).json()).toEqual({ following: false });
    expect((await call(url, { method: 'PUT', headers })).status).toBe(401);
    expect((await call('/api/v1/budget-rounds/R-NOSUCH01/follow', { method: 'PUT', cookie, headers })).status).toBe(404);
  });
});

describe('the list of rounds', () => {
  it('pages newest first with a cursor; a bad cursor or limit is a coded 422', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createRound({ title: `Round number ${i}` }));
    type Page = { items: { id: string }[]; next: string | null };
    const first = (await (await call('/api/v1/budget-rounds?limit=2')).json()) as Page;
    expect(first.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    // Walk to the end (rounds of earlier tests in this file come after): no round twice, none left out.
    const seen = first.items.map((r) => r.id);
    for (let next = first.next; next; ) {
      const page = (await (await call(`/api/v1/budget-rounds?limit=2&after=${encodeURIComponent(next)}`)).json()) as Page;
      seen.push(...page.items.map((r) => r.id));
      next = page.next;
    }
    expect(seen.slice(0, 3)).toEqual([ids[2], ids[1], ids[0]]);
    const total = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_rounds`).first<{ n: number }>())!.n;
    expect(new Set(seen).size).toBe(total);
    expect(seen.length).toBe(total);
    expect(await codes(await call('/api/v1/budget-rounds?limit=500&after=yesterday'))).toEqual(['/after invalid_format', '/limit too_big']);
  });
});
