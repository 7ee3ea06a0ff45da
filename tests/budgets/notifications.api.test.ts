/**
 * Budget notifications in-app and by e-mail, in the account's language: a proposer hears about
 * the review of their proposal; followers and proposers about voting, results and progress.
 * Voters as such never: nothing is derived from the ballot box.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login } from '../support/api-helpers';
import { countAsActivity, createRound, projectPhase, seedBudgets } from '../support/api-budgets';

beforeEach(seedBudgets);

/** E-mails about one round (the database lives on between the tests of this file). */
async function mails(userId: string, roundId: string): Promise<{ subject: string; body: string }[]> {
  const { results } = await env.DB.prepare(`SELECT subject, body FROM email_outbox WHERE user_id = ? AND body LIKE ? ORDER BY id`)
    .bind(userId, `%/budgets/${roundId}`)
    .all<{ subject: string; body: string }>();
  return results;
}
async function inApp(userId: string, roundId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT kind FROM notifications WHERE user_id = ? AND link = ? ORDER BY id`)
    .bind(userId, `/budgets/${roundId}`)
    .all<{ kind: string }>();
  return results.map((r) => r.kind);
}

describe('budget notifications', () => {
  it('tells the proposer of the review: accepted with its cost (zh-TW), rejected with the reason (English)', async () => {
    const id = await createRound({ title: '大安參與式預算' });
    const propose = async (email: string, title: string) => {
      const res = await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: await login(email), json: { districtCode: 'DA', title } });
      return ((await res.json()) as { projects: { id: string; title: string }[] }).projects.find((p) => p.title === title)!.id;
    };
    const zhProject = await propose('citizen@demo.civic.tw', '公園遮蔭植栽');
    const enProject = await propose('resident@demo.civic.tw', 'Bike racks by the MRT');
    const officer = await login('officer.dot@demo.civic.tw');
    await call(`/api/v1/budget-rounds/${id}/projects/${zhProject}/review`, { cookie: officer, json: { decision: 'accept', cost: 320000, reason: '含設計費' } });
    await call(`/api/v1/budget-rounds/${id}/projects/${enProject}/review`, { cookie: officer, json: { decision: 'reject', reason: 'The land belongs to the MRT company.' } });

    const [zh] = await mails('u-citizen', id);
    expect(zh!.subject).toBe('您的提案「公園遮蔭植栽」通過可行性評估');
    expect(zh!.body).toContain('經費核定為 NT$320,000');
    expect(zh!.body).toContain('審查說明：含設計費');
    expect(zh!.body).toContain(`/budgets/${id}`);
    const [en] = await mails('u-citizen-en', id);
    expect(en!.subject).toBe('Your proposal "Bike racks by the MRT" did not pass the feasibility review');
    expect(en!.body).toContain('Reason: The land belongs to the MRT company.');
    expect(await inApp('u-citizen', id)).toEqual(['budget_project_accepted']);
    expect(await inApp('u-citizen-en', id)).toEqual(['budget_project_rejected']);
    // A retried review tells nobody twice; a changed decision is news again.
    await call(`/api/v1/budget-rounds/${id}/projects/${zhProject}/review`, { cookie: officer, json: { decision: 'accept', cost: 320000, reason: '含設計費' } });
    expect(await mails('u-citizen', id)).toHaveLength(1);
    await call(`/api/v1/budget-rounds/${id}/projects/${zhProject}/review`, { cookie: officer, json: { decision: 'reject', reason: '用地取得有困難' } });
    expect((await mails('u-citizen', id)).map((m) => m.subject)).toEqual(['您的提案「公園遮蔭植栽」通過可行性評估', '您的提案「公園遮蔭植栽」未通過可行性評估']);
    // The reviewer is told nothing; the in-app inbox words the notice in the reader's language.
    expect(await mails('u-officer-dot', id)).toEqual([]);
    const inbox = (await (await call('/api/v1/notifications', { cookie: await login('resident@demo.civic.tw') })).json()) as { items: { title: string; link: string }[] };
    expect(inbox.items[0]).toMatchObject({ title: 'Your proposal "Bike racks by the MRT" did not pass the feasibility review', link: `/budgets/${id}` });
  });

  it('e-mails followers and proposers when voting opens, results come and projects progress; residents who only vote get in-app notices', async () => {
    const id = await createRound({ title: '信義參與式預算' });
    const manager = await login('manager@demo.civic.tw');
    // Alex (XY, English) follows; 陳小明 (DA) proposes; 林阿姨 (DA) only lives there and votes.
    expect((await call(`/api/v1/budget-rounds/${id}/follow`, { method: 'PUT', cookie: await login('resident@demo.civic.tw'), headers: { origin: 'http://example.com' } })).status).toBe(200);
    const proposed = await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: await login('citizen@demo.civic.tw'), json: { districtCode: 'DA', title: '社區圖書室' } });
    const projectId = ((await proposed.json()) as { projects: { id: string }[] }).projects[0]!.id;
    await call(`/api/v1/budget-rounds/${id}/projects/${projectId}/review`, { cookie: manager, json: { decision: 'accept', cost: 500 } });
    await projectPhase(id, 'review');
    await projectPhase(id, 'voting');
    const helper = await login('helper@demo.civic.tw');
    expect((await call(`/api/v1/budget-rounds/${id}/ballots`, { cookie: helper, json: { projects: [projectId] } })).status).toBe(201);
    await projectPhase(id, 'tallying');
    await countAsActivity(id);
    await projectPhase(id, 'results');
    const officer = await login('officer.dot@demo.civic.tw');
    await call(`/api/v1/budget-rounds/${id}/projects/${projectId}/updates`, { cookie: officer, json: { status: 'in_progress', note: '已發包，預計三月完工' } });

    expect((await mails('u-citizen-en', id)).map((m) => m.subject)).toEqual([
      'Participatory budget "信義參與式預算": voting is open',
      'Participatory budget "信義參與式預算": results',
      'Participatory budget project "社區圖書室": in progress',
    ]);
    expect((await mails('u-citizen', id)).map((m) => m.subject)).toEqual([
      '您的提案「社區圖書室」通過可行性評估',
      '參與式預算「信義參與式預算」開放投票',
      '參與式預算「信義參與式預算」結果公布',
      '參與式預算提案「社區圖書室」執行進度：施工中',
    ]);
    expect((await mails('u-citizen', id))[1]!.body).toMatch(/投票截止時間：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（台北時間）/);
    // The voter who neither follows nor proposed: in-app as a resident, no e-mail, nothing about progress.
    expect(await mails('u-helper', id)).toEqual([]);
    expect(await inApp('u-helper', id)).toEqual(['budget_voting_opened', 'budget_results_published']);

    // A replayed projection (the same sequence number) notifies nobody twice.
    const before = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE body LIKE ?`).bind(`%/budgets/${id}`).first<{ n: number }>())!.n;
    expect((await projectPhase(id, 'results', { seq: 4 })).status).toBe(200);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE body LIKE ?`).bind(`%/budgets/${id}`).first<{ n: number }>())!.n).toBe(before);
  });

  it('no e-mail for people who switched e-mail off (in-app still)', async () => {
    const id = await createRound();
    await env.DB.prepare(`INSERT INTO notification_preferences (user_id, channel, enabled) VALUES ('u-citizen', 'email', 0)`).run();
    const res = await call(`/api/v1/budget-rounds/${id}/projects`, { cookie: await login('citizen@demo.civic.tw'), json: { districtCode: 'DA', title: '人行道綠化' } });
    const projectId = ((await res.json()) as { projects: { id: string }[] }).projects[0]!.id;
    await call(`/api/v1/budget-rounds/${id}/projects/${projectId}/review`, { cookie: await login('officer.dot@demo.civic.tw'), json: { decision: 'reject', reason: '經費超過上限' } });
    expect(await mails('u-citizen', id)).toEqual([]);
    expect(await inApp('u-citizen', id)).toEqual(['budget_project_rejected']);
  });
});
