/**
 * The staff side of participatory budgeting in headless Chromium on a phone-sized screen: a
 * manager creates a round in the workspace (local checks worded from the catalogue first), edits
 * it and extends the proposals phase with a public reason; an officer reviews the residents'
 * proposals (cost and accept, reject with a reason) and the proposer gets the e-mail; at a polling
 * station an officer checks a resident in and enters their paper ballot.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '../support/http-client';
import { axeViolations, base, openMenu, phone, shots, signIn, useBrowser } from '../support/browser';

const newPage = useBrowser();
/** A `datetime-local` value in Taipei time, `sec` seconds from now. */
const taipeiLocal = (sec: number) => new Date(Date.now() + sec * 1000 + 8 * 3_600_000).toISOString().slice(0, 16);
const noSideScroll = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the budget rounds workspace in the browser', () => {
  it('a manager creates, edits and extends a round; an officer reviews its proposals', { timeout: 150_000 }, async () => {
    const page = await newPage(phone);
    await signIn(page, 'manager@demo.civic.tw');
    await page.waitForURL(/\/dashboard$/);
    await openMenu(page);
    await page.getByRole('link', { name: '預算案工作區' }).click();
    await page.getByRole('heading', { name: '參與式預算工作區' }).waitFor();
    await page.getByTestId('new-round').click();
    await page.getByRole('heading', { name: '建立參與式預算案' }).waitFor();

    // Nothing filled in: the local check answers with the catalogue's words, before any request.
    await page.getByTestId('round-submit').click();
    const summary = page.locator('error-summary [role="alert"]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('此欄必填。');
    expect(await page.locator('#title').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#title').fill('信義大安參與式預算（工作區測試）');
    await page.locator('#description').fill('由居民提案、市府審查可行性後投票。');
    await page.locator('#ballot-kind').selectOption('approval');
    await page.locator('#ballot-minProjects').fill('2');
    await page.locator('#ballot-maxProjects').fill('1');
    await page.locator('#districts-0-code').fill('DA');
    await page.locator('#districts-0-name').fill('大安區');
    await page.locator('#districts-0-budget').fill('1000');
    await page.getByRole('button', { name: '新增行政區' }).click();
    await page.locator('#districts-1-code').fill('DA');
    await page.locator('#districts-1-name').fill('信義區');
    await page.locator('#districts-1-budget').fill('600');
    await page.locator('#schedule-proposals').fill(taipeiLocal(3600));
    await page.locator('#schedule-review').fill(taipeiLocal(2 * 3600));
    await page.locator('#schedule-voting').fill(taipeiLocal(3 * 3600));
    await page.locator('#schedule-results').fill(taipeiLocal(2 * 3600));
    await page.getByTestId('round-submit').click();
    // One field against another: the limits, the duplicate code, the phase order.
    await page.locator('#ballot-maxProjects-error').waitFor();
    expect(await page.locator('#ballot-maxProjects-error').textContent()).toBe('不可小於 2。');
    expect(await page.locator('#districts-1-code-error').textContent()).toBe('與清單中的其他項目重複，請改用不同的值。');
    expect(await page.locator('#schedule-results-error').textContent()).toBe('結束不可早於開始。');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'phone-budget-round-form-errors.png'), fullPage: true });

    await page.locator('#ballot-maxProjects').fill('3');
    await page.locator('#districts-1-code').fill('XY');
    await page.locator('#schedule-results').fill(taipeiLocal(4 * 3600));
    await page.getByTestId('round-submit').click();
    await page.getByRole('heading', { name: '管理：信義大安參與式預算（工作區測試）' }).waitFor();
    const roundId = /\/budgets\/(R-[0-9A-Z]+)\/manage/.exec(page.url())![1]!;
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);

    // Edit before voting: a district's budget.
    await page.getByTestId('edit-round').click();
    await page.locator('#districts-1-budget').waitFor();
    await page.locator('#districts-1-budget').fill('800');
    await page.getByTestId('round-submit').click();
    await page.getByText('已儲存。').waitFor();
    const manager = await ApiClient.signedIn('manager@demo.civic.tw');
    const round = await manager.json<{ districts: { code: string; budget: number }[]; ballot: unknown }>(`/api/v1/budget-rounds/${roundId}`);
    expect(round.districts).toEqual([{ code: 'DA', name: '大安區', budget: 1000 }, { code: 'XY', name: '信義區', budget: 800 }]);
    expect(round.ballot).toEqual({ kind: 'approval', minProjects: 2, maxProjects: 3 });

    // Extend the proposals phase once the round's workflow runs (it projects its first event).
    await eventually('workflow started', async () => (await manager.json<{ events: unknown[] }>(`/api/v1/budget-rounds/${roundId}`)).events.length > 0, 30_000);
    await page.goto(`${base}/budgets/${roundId}/manage`);
    await page.locator('#until').fill(taipeiLocal(2 * 3600));
    await page.locator('#reason').fill('颱風停班，延長提案期間');
    await page.getByRole('button', { name: '延長', exact: true }).click();
    await page.getByText('已延長，理由已公開。').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Every word of the workspace comes in English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Manage: 信義大安參與式預算（工作區測試）' }).waitFor();
    await page.getByRole('heading', { name: 'Extend the current phase' }).waitFor();
    await page.getByTestId('review-queue').getByRole('button', { name: 'To review (0)' }).waitFor();
    await page.goto(`${base}/budgets/manage/new`);
    await page.getByRole('heading', { name: 'New participatory budgeting round' }).waitFor();
    await page.getByTestId('round-submit').click();
    await page.locator('#title-error').waitFor();
    expect(await page.locator('#title-error').textContent()).toBe('Required.');
    // The switch is the account's language too: back to zh-TW for the tests that follow.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '建立參與式預算案' }).waitFor();
    await manager.json('/api/v1/auth/me', { method: 'PATCH', json: { locale: 'zh-TW' } }, 200);
    await page.context().close();

    // Residents propose; the officer reviews on the phone.
    const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
    for (const title of ['巷弄人行道綠化', '社區共享冰箱']) {
      await citizen.json(`/api/v1/budget-rounds/${roundId}/projects`, { json: { districtCode: 'DA', title, description: '居民提案', estimatedCost: 250 } }, 201);
    }
    const officer = await newPage(phone);
    await signIn(officer, 'officer.dot@demo.civic.tw');
    // Officers land on their inbox first; the menu is opened there.
    await officer.waitForURL(/\/inbox$/);
    await openMenu(officer);
    await officer.getByRole('link', { name: '預算案工作區' }).click();
    await officer.locator(`li[data-round="${roundId}"] a`, { hasText: '管理' }).click();
    const queue = officer.getByTestId('review-queue');
    await queue.getByRole('button', { name: '待審查（2）' }).waitFor();
    const item = (title: string) => officer.locator('budget-review-item').filter({ hasText: title });
    await item('巷弄人行道綠化').getByLabel('核定經費（新臺幣元）').fill('300');
    await item('巷弄人行道綠化').getByRole('button', { name: '通過', exact: true }).click();
    await queue.getByRole('button', { name: '已通過（1）' }).waitFor();
    // A rejection needs its reason.
    await item('社區共享冰箱').getByRole('button', { name: '不通過', exact: true }).click();
    await item('社區共享冰箱').getByText('此欄必填。').waitFor();
    expect(await axeViolations(officer)).toEqual([]);
    await officer.screenshot({ path: path.join(shots, 'phone-budget-review-queue.png'), fullPage: true });
    await item('社區共享冰箱').getByLabel('審查說明').fill('食品衛生管理不在本計畫範圍');
    await item('社區共享冰箱').getByRole('button', { name: '不通過', exact: true }).click();
    await queue.getByRole('button', { name: '未通過（1）' }).waitFor();
    await queue.getByText('沒有這個狀態的提案。').waitFor();
    expect(await noSideScroll(officer)).toBeLessThanOrEqual(0);

    // The public page states the extension's reason; the proposer's e-mail is in the dev mailbox.
    await officer.goto(`${base}/budgets/${roundId}`);
    await officer.getByText('颱風停班，延長提案期間').waitFor();
    const admin = await ApiClient.signedIn('admin@demo.civic.tw');
    const subjects = await eventually('review e-mails captured', async () => {
      const box = await admin.json<{ items: { to_address: string; subject: string }[] }>('/dev/mailbox.json');
      const mine = box.items.filter((m) => m.to_address === 'citizen@demo.civic.tw' && m.subject.includes('可行性評估')).map((m) => m.subject);
      return mine.length === 2 ? mine : undefined;
    });
    expect(subjects.sort()).toEqual(['您的提案「巷弄人行道綠化」通過可行性評估', '您的提案「社區共享冰箱」未通過可行性評估']);
    await officer.context().close();
  });

  it('an officer checks a resident in at a polling station and enters their paper ballot', { timeout: 120_000 }, async () => {
    const manager = await ApiClient.signedIn('manager@demo.civic.tw');
    const s = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
    const round = await manager.json<{ id: string }>(
      '/api/v1/budget-rounds',
      { json: { title: '投票所紙本選票測試', rule: 'greedy', ballot: { kind: 'knapsack' }, schedule: { proposals: s(8), review: s(12), voting: s(300), results: s(900) }, districts: [{ code: 'DA', name: '大安區', budget: 1000 }] } },
      202,
    );
    const detail = await manager.json<{ projects: { id: string }[] }>(`/api/v1/budget-rounds/${round.id}/projects`, { json: { districtCode: 'DA', title: '里民活動中心無障礙坡道' } }, 201);
    await manager.json(`/api/v1/budget-rounds/${round.id}/projects/${detail.projects[0]!.id}/review`, { json: { decision: 'accept', cost: 400 } }, 200);
    await eventually('voting open', async () => (await manager.json<{ phase: string }>(`/api/v1/budget-rounds/${round.id}`)).phase === 'voting', 60_000);

    const page = await newPage(phone);
    await signIn(page, 'officer.dot@demo.civic.tw');
    await page.goto(`${base}/budgets/${round.id}/paper`);
    await page.getByRole('heading', { name: '紙本選票登錄：投票所紙本選票測試' }).waitFor();
    await page.getByLabel('選民的電子郵件').fill('not-an-address');
    await page.getByRole('button', { name: '報到' }).click();
    await page.getByText('請輸入有效的電子郵件地址。').waitFor();
    await page.getByLabel('選民的電子郵件').fill('helper@demo.civic.tw');
    await page.getByRole('button', { name: '報到' }).click();
    expect(await page.getByTestId('voter-status').textContent()).toContain('可以投票（大安區）');
    await page.getByLabel(/里民活動中心無障礙坡道/).check();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'phone-budget-paper-ballot.png'), fullPage: true });
    await page.getByRole('button', { name: '送出選票' }).click();
    expect(await page.locator('#receipt-code').textContent()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await page.getByRole('button', { name: '下一位選民' }).click();
    // The same resident again: the counter sees they have voted.
    await page.getByLabel('選民的電子郵件').fill('helper@demo.civic.tw');
    await page.getByRole('button', { name: '報到' }).click();
    await page.getByText('已經投過票，不能再登錄紙本選票。').waitFor();
    const turnout = await manager.json<{ total: number }>(`/api/v1/budget-rounds/${round.id}/turnout`);
    expect(turnout.total).toBe(1);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
