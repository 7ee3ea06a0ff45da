/**
 * A resident casts a knapsack ballot in headless Chromium on a phone-sized screen, watching the
 * running total against the budget, gets a receipt code, and sees the explained results after the
 * round's workflow closes voting and tallies (second-scale phases on the real stack).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '../support/http-client';
import { axeViolations, base, phone, shots, signIn, useBrowser } from '../support/browser';

const newPage = useBrowser();

describe('the ballot composer and results in the browser', () => {
  it('casts a knapsack ballot with a running total and sees the results after the tally', { timeout: 120_000 }, async () => {
    const manager = await ApiClient.signedIn('manager@demo.civic.tw');
    const s = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
    const round = await manager.json<{ id: string; projects: { id: string; title: string }[] }>(
      '/api/v1/budget-rounds',
      {
        json: {
          title: '大安區參與式預算（瀏覽器測試）',
          rule: 'greedy',
          ballot: { kind: 'knapsack' },
          schedule: { proposals: s(10), review: s(15), voting: s(45), results: s(600) },
          districts: [{ code: 'DA', name: '大安區', budget: 1000 }],
        },
      },
      202,
    );
    const costs: Record<string, number> = { 公園遮蔭植栽: 600, 人行道自行車架: 300, 圖書館延長開放: 500 };
    for (const title of Object.keys(costs)) await manager.json(`/api/v1/budget-rounds/${round.id}/projects`, { json: { districtCode: 'DA', title } }, 201);
    const detail = await manager.json<{ projects: { id: string; title: string }[] }>(`/api/v1/budget-rounds/${round.id}`);
    const id = (title: string) => detail.projects.find((p) => p.title === title)!.id;
    for (const title of Object.keys(costs)) {
      await manager.json(`/api/v1/budget-rounds/${round.id}/projects/${id(title)}/review`, { json: { decision: 'accept', cost: costs[title] } }, 200);
    }

    const page = await newPage(phone);
    await signIn(page, 'citizen@demo.civic.tw');
    await page.goto(`${base}/budgets/${round.id}`);
    await page.locator('#phase[data-phase="voting"]').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: '您的選票（大安區）' }).waitFor();
    await expect.poll(() => page.locator('#ballot-total').textContent()).toContain('已選經費 NT$0 / 預算 NT$1,000');

    await page.getByLabel(/公園遮蔭植栽/).check();
    await page.getByLabel(/圖書館延長開放/).check();
    // Over the budget: the composer says so and will not send.
    await expect.poll(() => page.locator('#ballot-total').textContent()).toContain('已選經費 NT$1,100');
    await page.getByText('所選提案經費 NT$1,100 超過預算 NT$1,000。').waitFor();
    expect(await page.getByRole('button', { name: '送出選票' }).isDisabled()).toBe(true);
    await page.getByLabel(/圖書館延長開放/).uncheck();
    await page.getByLabel(/人行道自行車架/).check();
    await expect.poll(() => page.locator('#ballot-total').textContent()).toContain('已選經費 NT$900 / 預算 NT$1,000');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'phone-budget-ballot.png'), fullPage: true });

    await page.getByRole('button', { name: '送出選票' }).click();
    const receipt = await page.locator('#receipt-code').textContent();
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // Another resident votes for the library through the API; the turnout counts both.
    const helper = await ApiClient.signedIn('helper@demo.civic.tw');
    await helper.json(`/api/v1/budget-rounds/${round.id}/ballots`, { json: { projects: [id('圖書館延長開放')] } }, 201);
    await expect.poll(() => page.locator('#turnout').textContent(), { timeout: 10_000 }).toContain('大安區：2 人');

    await eventually('results published', async () => (await manager.request(`/api/v1/budget-rounds/${round.id}/results`)).status === 200, 60_000);
    const row = (title: string) => page.locator(`budget-results-view tr[data-project="${id(title)}"]`);
    await row('公園遮蔭植栽').waitFor({ timeout: 15_000 });
    // Greedy by votes: each project has one vote; ties go to the lower cost (bike racks 300, then
    // the library 500); the trees (600) no longer fit in the 200 left.
    expect(await row('人行道自行車架').getAttribute('data-selected')).toBe('true');
    expect(await row('圖書館延長開放').getAttribute('data-selected')).toBe('true');
    expect(await row('公園遮蔭植栽').getAttribute('data-selected')).toBe('false');
    expect(await row('公園遮蔭植栽').textContent()).toContain('輪到此案時剩餘預算 NT$200，不足以支應。');
    // The whole round: budget, funded, projects funded and not, ballots and voters, with the rule.
    const summary = page.getByTestId('round-summary');
    expect(await summary.textContent()).toContain('計票方式：依得票數高低依序補助（放不下的跳過）');
    // District, budget, funded, projects funded, not funded, ballots, voters.
    expect(await summary.locator('tr[data-summary="DA"] > *').allTextContents()).toEqual(['大安區', 'NT$1,000', 'NT$800', '2', '1', '2', '2']);
    expect(await summary.locator('tr[data-summary="total"] > *').allTextContents()).toEqual(['合計', 'NT$1,000', 'NT$800', '2', '1', '2', '2']);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(shots, 'phone-budget-results.png'), fullPage: true });
    await page.context().close();

    // Staff publish the progress of a funded project from the round's workspace; the page shows it.
    const officer = await newPage(phone);
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/budgets/${round.id}/manage`);
    const form = officer.locator(`form[data-progress="${id('人行道自行車架')}"]`);
    await form.waitFor();
    expect(await officer.locator('budget-progress-form').count()).toBe(2); // the two funded projects, not the trees
    await form.getByRole('button', { name: '公布進度' }).click();
    await form.getByText('此欄必填。').waitFor();
    await form.getByLabel('狀態').selectOption('in_progress');
    await form.getByLabel('進度說明（公開）').fill('車架已完成發包，預計下月施工');
    await form.getByRole('button', { name: '公布進度' }).click();
    await form.getByText('已公布執行進度。').waitFor();
    expect(await axeViolations(officer)).toEqual([]);
    await officer.screenshot({ path: path.join(shots, 'phone-budget-progress.png'), fullPage: true });
    await officer.goto(`${base}/budgets/${round.id}`);
    await officer.getByText('施工中：車架已完成發包，預計下月施工').waitFor();
    await officer.context().close();
  });
});
