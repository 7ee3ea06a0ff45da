import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf } from '../support/api-helpers';
import { countAsActivity, createRound, futureSchedule, projectPhase, seedBudgets, signedPost, twoDistricts, votingRound } from '../support/api-budgets';

beforeEach(seedBudgets);

describe('creating a round', () => {
  it('commits the round, its districts and the workflow start in the outbox', async () => {
    const id = await createRound();
    const outbox = await env.DB.prepare(`SELECT kind, payload FROM outbox WHERE aggregate_id = ?`).bind(id).first<{ kind: string; payload: string }>();
    expect(outbox!.kind).toBe('start_budget_round_workflow');
    expect(JSON.parse(outbox!.payload)).toMatchObject({ roundId: id, schedule: { proposals: expect.any(String) } });
    const detail = (await (await call(`/api/v1/budget-rounds/${id}`)).json()) as { phase: string; districts: unknown[] };
    expect(detail.phase).toBe('proposals');
    expect(detail.districts).toEqual(twoDistricts);
  });

  it('is for managers only and refuses phase dates out of order', async () => {
    const citizen = await login('citizen@demo.civic.tw');
    const body = { title: 'Round', rule: 'greedy', ballot: { kind: 'approval' }, schedule: futureSchedule(), districts: twoDistricts };
    expect((await call('/api/v1/budget-rounds', { cookie: citizen, json: body })).status).toBe(403);
    const manager = await login('manager@demo.civic.tw');
    const s = futureSchedule();
    const res = await call('/api/v1/budget-rounds', { cookie: manager, json: { ...body, schedule: { ...s, voting: s.proposals } } });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors!.map((e) => e.pointer)).toEqual(['/schedule/voting']);
    const bad = await call('/api/v1/budget-rounds', { cookie: manager, json: { ...body, rule: 'plurality', extra: 1 } });
    expect((await problemOf(bad)).errors!.map((e) => e.pointer).sort()).toEqual(['/extra', '/rule']);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_rounds WHERE title = 'Round'`).first<{ n: number }>())!.n).toBe(0);
  });
});

describe('proposals and feasibility review', () => {
  it('residents propose; officers cost and accept, or reject with a reason; each only in its phase', async () => {
    const id = await createRound();
    const citizen = await login('citizen@demo.civic.tw');
    const officer = await login('officer.dot@demo.civic.tw');
    const proposed = await call(`/api/v1/budget-rounds/${id}/projects`, {
      cookie: citizen,
      json: { districtCode: 'DA', title: '公園無障礙步道', description: '改善大安森林公園步道', estimatedCost: 300, latitude: 25.03, longitude: 121.53 },
    });
    expect(proposed.status).toBe(201);
    const project = ((await proposed.json()) as { projects: { id: string; state: string; latitude: number }[] }).projects[0]!;
    expect(project).toMatchObject({ state: 'proposed', latitude: 25.03 });
    const noDistrict = await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: citizen, json: { districtCode: 'ZZ', title: 'Somewhere else' } });
    expect((await problemOf(noDistrict)).errors![0]!.pointer).toBe('/districtCode');

    const noReason = await call(`/api/v1/budget-rounds/${id}/projects/${project.id}/review`, { cookie: officer, json: { decision: 'reject' } });
    expect(noReason.status).toBe(422);
    expect((await call(`/api/v1/budget-rounds/${id}/projects/${project.id}/review`, { cookie: citizen, json: { decision: 'accept', cost: 1 } })).status).toBe(403);
    const accepted = await call(`/api/v1/budget-rounds/${id}/projects/${project.id}/review`, { cookie: officer, json: { decision: 'accept', cost: 320, reason: '含設計費' } });
    expect(((await accepted.json()) as { projects: { cost: number; state: string }[] }).projects[0]).toMatchObject({ state: 'accepted', cost: 320 });

    await projectPhase(id, 'voting');
    const late = await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: citizen, json: { districtCode: 'DA', title: 'Too late now' } });
    expect(late.status).toBe(409);
    expect((await problemOf(late)).type).toMatch(/wrong-phase$/);
    const lateReview = await call(`/api/v1/budget-rounds/${id}/projects/${project.id}/review`, { cookie: officer, json: { decision: 'reject', reason: 'changed our mind' } });
    expect(lateReview.status).toBe(409);
  });
});

describe('ballot validation by type', { timeout: 20_000 }, () => {
  /** One voting round per ballot type; invalid ballots leave no trace, so one voter tries them all. */
  async function ballotBox(kind: Record<string, unknown>, projects = [{ district: 'DA', cost: 400 }, { district: 'DA', cost: 500 }, { district: 'DA', cost: 300 }]) {
    const { roundId, projectIds } = await votingRound(projects, { ballot: kind });
    const cookie = await login('citizen@demo.civic.tw');
    return async (json: Record<string, unknown>) => {
      const body = { ...json, projects: (json.projects as number[]).map((i) => projectIds[i] ?? `P-NOPE${i}`) };
      return call(`/api/v1/budget-rounds/${roundId}/ballots`, { cookie, json: body });
    };
  }
  const codes = async (res: Response) => {
    expect(res.status).toBe(422);
    const p = (await problemOf(res)) as unknown as { type: string; ballotErrors: { code: string }[]; errors: { detail: string }[] };
    expect(p.type).toMatch(/invalid-ballot$/);
    return p.ballotErrors.map((e) => e.code);
  };

  it('approval: min and max number of projects, unknown and duplicate projects', async () => {
    const cast = await ballotBox({ kind: 'approval', minProjects: 2, maxProjects: 2 });
    expect(await codes(await cast({ projects: [0] }))).toEqual(['too-few-projects']);
    expect(await codes(await cast({ projects: [0, 1, 2] }))).toEqual(['too-many-projects']);
    expect(await codes(await cast({ projects: [0, 0] }))).toEqual(['duplicate-project']);
    expect(await codes(await cast({ projects: [0, 9] }))).toEqual(['unknown-project']);
    expect((await cast({ projects: [0, 1] })).status).toBe(201);
  });

  it('knapsack: the total cost within the district budget, said in the message', async () => {
    const cast = await ballotBox({ kind: 'knapsack' });
    const over = await cast({ projects: [0, 1, 2] });
    expect(over.status).toBe(422);
    const p = (await over.json()) as { ballotErrors: unknown[]; errors: { pointer: string; detail: string }[] };
    expect(p.ballotErrors).toEqual([{ code: 'over-budget', budget: '1000', total: '1200' }]);
    expect(p.errors[0]).toMatchObject({ pointer: '/projects', detail: 'The projects you chose cost 1200, more than the budget of 1000.' });
    expect((await cast({ projects: [0, 1] })).status).toBe(201);
  });

  it('cumulative: points required, whole, within the per-project and total limits', async () => {
    const cast = await ballotBox({ kind: 'cumulative', maxSumPoints: 10, maxPointsPerProject: 6 });
    expect(await codes(await cast({ projects: [0] }))).toEqual(['points-missing']);
    expect(await codes(await cast({ projects: [0, 1], points: [6, 5] }))).toEqual(['points-sum-too-high']);
    expect(await codes(await cast({ projects: [0, 1], points: [7, 1] }))).toEqual(['points-too-high']);
    expect(await codes(await cast({ projects: [0, 1], points: [1.5, 1] }))).toEqual(['invalid-points']);
    expect(await codes(await cast({ projects: [0, 1], points: [1] }))).toEqual(['points-count-mismatch']);
    expect((await cast({ projects: [0, 1], points: [6, 4] })).status).toBe(201);
  });

  it('ordinal ranks up to k; choose-one takes exactly one; points only on cumulative ballots', async () => {
    const ranked = await ballotBox({ kind: 'ordinal', maxRank: 2 });
    expect(await codes(await ranked({ projects: [2, 0, 1] }))).toEqual(['too-many-projects']);
    expect((await ranked({ projects: [2, 0] })).status).toBe(201);
    const one = await ballotBox({ kind: 'choose-one' });
    expect(await codes(await one({ projects: [0, 1] }))).toEqual(['too-many-projects']);
    expect(await codes(await one({ projects: [0], points: [1] }))).toEqual(['points-not-allowed']);
    expect((await one({ projects: [1] })).status).toBe(201);
  });

  it('a project of another district or one rejected in review is not on the ballot', async () => {
    const cast = await ballotBox({ kind: 'approval' }, [{ district: 'DA', cost: 1 }, { district: 'XY', cost: 1 }]);
    expect(await codes(await cast({ projects: [0, 1] }))).toEqual(['unknown-project']);
  });
});

describe('one ballot per voter, replaced with the receipt', () => {
  it('refuses a second ballot, replaces with the receipt, and only with the voter\'s own current receipt', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }, { district: 'DA', cost: 200 }]);
    const chen = await login('citizen@demo.civic.tw');
    const lin = await login('helper@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${roundId}/ballots`;
    const first = await call(url, { cookie: chen, json: { projects: [projectIds[0]] } });
    expect(first.status).toBe(201);
    const { receipt, replaced } = (await first.json()) as { receipt: string; replaced: boolean };
    expect(replaced).toBe(false);
    expect(first.headers.get('cache-control')).toBe('no-store');

    const again = await call(url, { cookie: chen, json: { projects: [projectIds[1]] } });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toMatch(/already-voted$/);

    // Another voter cannot use a receipt they were shown.
    await call(url, { cookie: lin, json: { projects: [projectIds[1]] } });
    const stolen = await call(url, { cookie: lin, json: { projects: [projectIds[0]], replaces: receipt } });
    expect((await problemOf(stolen)).type).toMatch(/receipt-mismatch$/);

    const replacing = await call(url, { cookie: chen, json: { projects: [projectIds[1]], replaces: receipt } });
    expect(replacing.status).toBe(201);
    const second = (await replacing.json()) as { receipt: string; replaced: boolean };
    expect(second.replaced).toBe(true);
    expect(second.receipt).not.toBe(receipt);
    // The old receipt is spent.
    expect((await problemOf(await call(url, { cookie: chen, json: { projects: [projectIds[0]], replaces: receipt } }))).type).toMatch(/receipt-mismatch$/);

    const box = await env.DB.prepare(`SELECT projects FROM budget_ballots WHERE round_id = ? ORDER BY projects`).bind(roundId).all<{ projects: string }>();
    expect(box.results.map((r) => JSON.parse(r.projects))).toEqual([[projectIds[1]], [projectIds[1]]]);
    const turnout = (await (await call(`/api/v1/budget-rounds/${roundId}/turnout`)).json()) as { total: number; districts: { code: string; voters: number }[] };
    expect(turnout.total).toBe(2);
    expect(turnout.districts).toEqual([{ code: 'DA', name: '大安區', voters: 2 }, { code: 'XY', name: '信義區', voters: 0 }]);
  });

  it('an invalid replacement keeps the old ballot', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }], { ballot: { kind: 'approval', maxProjects: 1 } });
    const chen = await login('citizen@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${roundId}/ballots`;
    const { receipt } = (await (await call(url, { cookie: chen, json: { projects: [projectIds[0]] } })).json()) as { receipt: string };
    expect((await call(url, { cookie: chen, json: { projects: [projectIds[0], 'P-OTHER1'], replaces: receipt } })).status).toBe(422);
    expect((await call(url, { cookie: chen, json: { projects: [], replaces: receipt } })).status).toBe(201);
    const n = await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_ballots WHERE round_id = ?`).bind(roundId).first<{ n: number }>();
    expect(n!.n).toBe(1);
  });
});

describe('eligibility', () => {
  it('district of residence, identity level and minimum age are enforced and explained', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }, { district: 'XY', cost: 100 }], { eligibility: { minAge: 16, identityLevel: 'verified' } });
    const alex = await login('resident@demo.civic.tw'); // lives in XY
    const url = `/api/v1/budget-rounds/${roundId}/ballots`;
    const wrong = await call(url, { cookie: alex, json: { districtCode: 'DA', projects: [projectIds[0]] } });
    expect(wrong.status).toBe(403);
    expect((await problemOf(wrong)).type).toMatch(/wrong-district$/);
    expect((await call(url, { cookie: alex, json: { projects: [projectIds[1]] } })).status).toBe(201);

    await env.DB.batch([
      env.DB.prepare(`UPDATE users SET identity_level = 'email_verified' WHERE id = 'u-citizen'`),
      env.DB.prepare(`UPDATE budget_resident_profiles SET birth_date = '2020-01-01' WHERE user_id = 'u-citizen'`),
    ]);
    const chen = await login('citizen@demo.civic.tw');
    const status = (await (await call(`/api/v1/budget-rounds/${roundId}/me`, { cookie: chen })).json()) as { eligible: boolean; reasons: string[] };
    expect(status).toMatchObject({ eligible: false, reasons: ['identity-level', 'too-young'] });
    const refused = await call(url, { cookie: chen, json: { projects: [projectIds[0]] } });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).type).toMatch(/not-eligible$/);
    expect((await call(url, { cookie: await login('manager@demo.civic.tw'), json: { projects: [] } })).status).toBe(403);
  });
});

describe('eligibility on the platform identity level', () => {
  it('a verified round refuses an account below verified_person (403 not-eligible, identity-level) and admits it at the level', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }], { eligibility: { identityLevel: 'verified' } });
    const url = `/api/v1/budget-rounds/${roundId}/ballots`;
    await env.DB.prepare(`UPDATE users SET identity_level = 'email_verified' WHERE id = 'u-citizen'`).run();
    const chen = await login('citizen@demo.civic.tw');
    expect(await (await call(`/api/v1/budget-rounds/${roundId}/me`, { cookie: chen })).json()).toMatchObject({ eligible: false, reasons: ['identity-level'] });
    const refused = await call(url, { cookie: chen, json: { projects: [projectIds[0]] } });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).type).toMatch(/not-eligible$/);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_voters WHERE round_id = ?`).bind(roundId).first<{ n: number }>())!.n).toBe(0);

    await env.DB.prepare(`UPDATE users SET identity_level = 'verified_person' WHERE id = 'u-citizen'`).run();
    expect((await call(url, { cookie: chen, json: { projects: [projectIds[0]] } })).status).toBe(201);
  });

  it('a basic round admits an account that proved nothing (platform level none)', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }], { eligibility: { identityLevel: 'basic' } });
    await env.DB.prepare(`UPDATE users SET identity_level = 'none' WHERE id = 'u-citizen'`).run();
    const chen = await login('citizen@demo.civic.tw');
    expect((await call(`/api/v1/budget-rounds/${roundId}/ballots`, { cookie: chen, json: { projects: [projectIds[0]] } })).status).toBe(201);
  });
});

describe('paper ballots at a polling station', () => {
  it('staff enter a checked-in voter\'s ballot under the same rules and the same one-ballot rule', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 700 }, { district: 'DA', cost: 600 }], { ballot: { kind: 'knapsack' } });
    const officer = await login('officer.dot@demo.civic.tw');
    const url = `/api/v1/budget-rounds/${roundId}/paper-ballots`;
    const over = await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw', projects: projectIds } });
    expect(over.status).toBe(422);
    const ok = await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw', projects: [projectIds[0]] } });
    expect(ok.status).toBe(201);
    const twice = await call(url, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw', projects: [projectIds[1]] } });
    expect((await problemOf(twice)).type).toMatch(/already-voted$/);
    const online = await call(`/api/v1/budget-rounds/${roundId}/ballots`, { cookie: await login('citizen@demo.civic.tw'), json: { projects: [projectIds[1]] } });
    expect(online.status).toBe(409);
    expect((await call(url, { cookie: officer, json: { voterEmail: 'nobody@example.com', projects: [] } })).status).toBe(422);
    expect((await call(url, { cookie: await login('helper@demo.civic.tw'), json: { voterEmail: 'citizen@demo.civic.tw', projects: [] } })).status).toBe(403);
    const audit = await env.DB.prepare(`SELECT detail FROM audit_log WHERE action = 'budget.paper_ballot'`).all<{ detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail))).toEqual([{ voterId: 'u-citizen' }]);
  });
});

describe('closing, tally and results', { timeout: 20_000 }, () => {
  it('hides results and ballots during voting, refuses ballots after the close, publishes explained results', async () => {
    const { roundId, projectIds } = await votingRound(
      [{ district: 'DA', cost: 600 }, { district: 'DA', cost: 500 }, { district: 'DA', cost: 400 }, { district: 'XY', cost: 300 }],
      { ballot: { kind: 'knapsack' } },
    );
    const [a, b, c, x] = projectIds as [string, string, string, string];
    const url = `/api/v1/budget-rounds/${roundId}/ballots`;
    expect((await call(url, { cookie: await login('citizen@demo.civic.tw'), json: { projects: [a, c] } })).status).toBe(201);
    expect((await call(url, { cookie: await login('helper@demo.civic.tw'), json: { projects: [b, c] } })).status).toBe(201);
    expect((await call(url, { cookie: await login('resident@demo.civic.tw'), json: { projects: [x] } })).status).toBe(201);

    expect((await call(`/api/v1/budget-rounds/${roundId}/results`)).status).toBe(409);
    expect((await call(`/api/v1/budget-rounds/${roundId}/districts/DA/export.pb`)).status).toBe(409);

    await projectPhase(roundId, 'tallying');
    expect((await call(url, { cookie: await login('resident@demo.civic.tw'), json: { projects: [x] } })).status).toBe(409);
    expect(await countAsActivity(roundId)).toMatchObject({ districts: 2, ballots: 3, stored: true });
    await projectPhase(roundId, 'results');

    const results = (await (await call(`/api/v1/budget-rounds/${roundId}/results`)).json()) as {
      districts: { code: string; ballots: number; selected: string[]; totalCost: number; explanation: { projects: { projectId: string; votes: number; outcome: { code: string } }[] } }[];
    };
    const da = results.districts.find((d) => d.code === 'DA')!;
    // c has 2 votes; a and b 1 each, a tie broken by lower cost (b, 500), then a no longer fits.
    expect(da).toMatchObject({ ballots: 2, selected: [c, b], totalCost: 900 });
    expect(da.explanation.projects.find((p) => p.projectId === a)).toMatchObject({ votes: 1, outcome: { code: 'does-not-fit' } });
    expect(results.districts.find((d) => d.code === 'XY')).toMatchObject({ ballots: 1, selected: [x] });

    // The export carries no voter identity and re-imports to the same outcome.
    const pb = await (await call(`/api/v1/budget-rounds/${roundId}/districts/DA/export.pb`)).text();
    expect(pb).toContain('vote_type;approval');
    expect(pb).not.toMatch(/u-citizen|u-helper/);
    const manager = await login('manager@demo.civic.tw');
    const imported = await call('/api/v1/budget-rounds/import', { cookie: manager, body: pb, headers: { 'content-type': 'text/plain' } });
    expect(imported.status).toBe(201);
    const importedId = ((await imported.json()) as { id: string; phase: string }).id;
    const again = (await (await call(`/api/v1/budget-rounds/${importedId}/results`)).json()) as { districts: { selected: string[] }[] };
    expect(again.districts[0]!.selected).toEqual([c, b]);
  });

  it('imports Pabulib files with equal shares and refuses broken ones with a 422', async () => {
    const manager = await login('manager@demo.civic.tw');
    const pb = [
      'META', 'key;value', 'description;Test election', 'num_projects;3', 'num_votes;4', 'budget;300', 'vote_type;approval', 'rule;equalshares/add1',
      'PROJECTS', 'project_id;cost;name', '1;200;Big park', '2;100;Bench', '3;100;Lamp',
      'VOTES', 'voter_id;vote', 'a;1,2', 'b;1', 'c;1', 'd;3', '',
    ].join('\n');
    const res = await call('/api/v1/budget-rounds/import', { cookie: manager, body: pb, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    const round = (await res.json()) as { id: string; rule: string; source: string; phase: string };
    expect(round).toMatchObject({ rule: 'equalshares/add1', source: 'pabulib', phase: 'results' });
    const results = (await (await call(`/api/v1/budget-rounds/${round.id}/results`)).json()) as { districts: { selected: string[]; explanation: { equalShares: unknown } }[] };
    expect(results.districts[0]!.selected).toEqual(['1', '3']);
    expect(results.districts[0]!.explanation.equalShares).toBeTruthy();

    const broken = await call('/api/v1/budget-rounds/import', { cookie: manager, body: pb.replace('d;3', 'd;9'), headers: { 'content-type': 'text/plain' } });
    expect(broken.status).toBe(422);
    expect((await problemOf(broken)).type).toMatch(/invalid-pabulib$/);
    const json = await call('/api/v1/budget-rounds/import', { cookie: manager, json: { pb } });
    expect(json.status).toBe(422);
    expect((await call('/api/v1/budget-rounds/import', { cookie: await login('citizen@demo.civic.tw'), body: pb, headers: { 'content-type': 'text/plain' } })).status).toBe(403);
  });
});

describe('projections from the round workflow', () => {
  it('apply once per sequence number, never backwards, and show extension reasons publicly', async () => {
    const id = await createRound();
    const s = futureSchedule();
    const ev = { roundId: id, seq: 1, type: 'phase_started', phase: 'proposals', occurredAt: new Date().toISOString(), schedule: s };
    expect(await (await signedPost('/internal/v1/budget-round-events', ev)).json()).toMatchObject({ applied: true });
    expect(await (await signedPost('/internal/v1/budget-round-events', ev)).json()).toMatchObject({ applied: false });
    const later = { ...s, proposals: new Date(Date.parse(s.proposals) + 60_000).toISOString() };
    await signedPost('/internal/v1/budget-round-events', { ...ev, seq: 3, type: 'phase_extended', schedule: later, reason: '颱風停班，延長提案一天' });
    await signedPost('/internal/v1/budget-round-events', { ...ev, seq: 2, phase: 'review' });
    const detail = (await (await call(`/api/v1/budget-rounds/${id}`)).json()) as { phase: string; schedule: { proposals: string }; events: { seq: number; reason: string | null }[] };
    expect(detail.phase).toBe('proposals');
    expect(detail.schedule.proposals).toBe(later.proposals);
    expect(detail.events.map((e) => [e.seq, e.reason])).toEqual([[1, null], [3, '颱風停班，延長提案一天']]);
    expect((await signedPost('/internal/v1/budget-round-events', { ...ev, seq: 4 }, 'wrong-secret')).status).toBe(401);
  });

  it('notifies the residents of the districts with a link when voting opens', async () => {
    const { roundId } = await votingRound([{ district: 'DA', cost: 1 }]);
    const rows = await env.DB.prepare(`SELECT user_id, link, kind FROM notifications WHERE link = ? ORDER BY user_id`).bind(`/budgets/${roundId}`).all();
    expect(rows.results).toEqual([
      { user_id: 'u-citizen', link: `/budgets/${roundId}`, kind: 'budget_voting_opened' },
      { user_id: 'u-citizen-en', link: `/budgets/${roundId}`, kind: 'budget_voting_opened' },
      { user_id: 'u-helper', link: `/budgets/${roundId}`, kind: 'budget_voting_opened' },
    ]);
    const inbox = (await (await call('/api/v1/notifications', { cookie: await login('resident@demo.civic.tw') })).json()) as { items: { title: string; link: string }[] };
    expect(inbox.items[0]).toMatchObject({ title: expect.stringMatching(/voting is open/), link: `/budgets/${roundId}` });
  });

  it('extensions need Temporal: a clear 503 when it is down, nothing changed', async () => {
    const id = await createRound();
    await projectPhase(id, 'proposals');
    const manager = await login('manager@demo.civic.tw');
    const res = await call(`/api/v1/budget-rounds/${id}/extend`, { cookie: manager, json: { phase: 'proposals', until: new Date(Date.now() + 7_200_000).toISOString(), reason: 'More time for proposals' } });
    expect(res.status).toBe(503);
    expect((await call(`/api/v1/budget-rounds/${id}/extend`, { cookie: manager, json: { phase: 'tallying', until: 'soon', reason: '' } })).status).toBe(422);
  });
});
