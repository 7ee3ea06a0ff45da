/**
 * From comment to published report in headless Chromium against the running stack: a citizen
 * reads the draft as a 條文對照表, comments on a quoted passage with alternative wording (shown as a
 * diff) and on the whole draft (with markup that must stay inert); the period closes; the officer
 * answers every comment in the workspace and publishes the report; the citizen sees the answer.
 * Screenshots go to test-results/screenshots/ (git-ignored).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARK_AMENDMENT_MD } from '../domain/consultations/fixtures';
import { axeViolations, base, phone, shots, signIn, useBrowser } from '../support/browser';
import { ApiClient, eventually } from '../support/http-client';

const newPage = useBrowser();

interface Detail {
  id: string;
  state: string;
}

describe('consultation in the browser', () => {
  it('an officer sees which line of a malformed draft failed', async () => {
    const officer = await newPage();
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/consultations/new`);
    await officer.getByLabel('預告名稱').fill('臺北市測試自治條例草案');
    await officer.getByLabel('法源依據').fill('地方制度法第二十五條');
    await officer.getByLabel('預告說明').fill('測試草案匯入錯誤時的說明畫面。');
    await officer.getByLabel('意見提出方式與聯絡資訊').fill('交通局綜合規劃科');
    await officer.getByLabel('草案內容（純文字或 Markdown）').fill('第一條\n本自治條例依法訂定。\n第三條\n一、缺少前導句。');
    await officer.getByRole('button', { name: '建立草稿' }).click();
    const problems = officer.getByTestId('draft-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/第 \d+ 行/);
    await officer.screenshot({ path: path.join(shots, 'consultation-draft-import-error.png'), fullPage: true });
    expect(await axeViolations(officer)).toEqual([]);
  });

  it('from a comment on a passage to the published report', { timeout: 240_000 }, async () => {
    const officerApi = await ApiClient.signedIn('officer.dot@demo.civic.tw');
    const closesAt = new Date(Date.now() + 40_000).toISOString();
    const created = await officerApi.json<Detail>(
      '/api/v1/consultations',
      {
        json: {
          title: '臺北市公園管理自治條例部分條文修正草案',
          legalBasis: '地方制度法第二十五條',
          summary: '為因應共融式遊戲場之推動及強化公園使用管理，修正部分條文。',
          contact: '臺北市政府工務局公園路燈工程管理處，電話 (02) 2781-5115',
          draft: PARK_AMENDMENT_MD,
          closesAt,
          urgencyReason: '颱風災後公園設施修復急迫，須縮短預告期間。',
          responsePeriod: '600s',
        },
      },
      201,
    );
    await officerApi.json(`/api/v1/consultations/${created.id}/publish`, { json: {} }, 200);

    // The citizen reads the comparison table (desktop and phone) and comments.
    const citizen = await newPage();
    await signIn(citizen, 'citizen@demo.civic.tw');
    await citizen.goto(`${base}/consultations/${created.id}`);
    const table = citizen.getByTestId('comparison-table');
    await table.waitFor();
    expect(await table.locator('ins').count()).toBeGreaterThan(0);
    expect(await table.locator('del').count()).toBeGreaterThan(0);
    await citizen.screenshot({ path: path.join(shots, 'consultation-comparison-table.png'), fullPage: true });
    expect(await axeViolations(citizen)).toEqual([]);

    await citizen.getByTestId('comment-on-3').click();
    await citizen.getByLabel('引用條文文字（選填）').fill('附設於公園內之共融式遊戲場');
    await citizen.getByLabel('提出修正文字（選填）').check();
    const proposed = citizen.locator('#proposed');
    const text = await proposed.inputValue();
    await proposed.fill(text.replace('經市政府公告之綠地及廣場', '經市政府公告之綠地、廣場及河濱公園'));
    await expect.poll(async () => (await citizen.getByTestId('proposal-preview').locator('ins').allTextContents()).join('')).toContain('河濱公園');
    await citizen.getByLabel('意見內容').fill('共融式遊戲場應明定無障礙設計標準，並納入河濱公園。');
    await citizen.getByTestId('submit-comment').click();
    await expect.poll(async () => citizen.locator('consultation-comment-item').count()).toBe(1);
    await citizen.screenshot({ path: path.join(shots, 'consultation-comment-passage.png'), fullPage: true });

    await citizen.getByLabel('意見對象').selectOption('');
    await citizen.getByLabel('意見內容').fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>整體支持。');
    await citizen.getByTestId('submit-comment').click();
    await expect.poll(async () => citizen.locator('consultation-comment-item').count()).toBe(2);
    expect(await citizen.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null)).toBeNull();
    expect(await citizen.locator('consultation-comment-item').nth(1).locator('p.body').textContent()).toContain('<script>window.__xss=2</script>');
    await citizen.getByTestId('follow').click();
    await expect.poll(() => citizen.getByTestId('follow').getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(citizen)).toEqual([]);

    const mobile = await newPage(phone);
    await signIn(mobile, 'resident@demo.civic.tw');
    await mobile.goto(`${base}/consultations/${created.id}`);
    await mobile.getByTestId('comparison-table').waitFor();
    await mobile.screenshot({ path: path.join(shots, 'consultation-phone.png'), fullPage: true });
    expect(await axeViolations(mobile)).toEqual([]);

    // The period closes (the workflow projects it; the page refuses comments at once).
    await eventually('closed', async () => Date.now() > Date.parse(closesAt) + 500, 60_000);
    await citizen.reload();
    await citizen.getByTestId('closed-notice').waitFor();

    // The officer answers both comments together and publishes the report.
    const officer = await newPage();
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/consultations/${created.id}/workspace`);
    await expect.poll(async () => officer.getByTestId('progress').getAttribute('value')).toBe('0');
    await officer.screenshot({ path: path.join(shots, 'consultation-workspace-before.png'), fullPage: true });
    expect(await axeViolations(officer)).toEqual([]);
    for (const box of await officer.locator('input[type="checkbox"][id^="pick-"]').all()) await box.check();
    await officer.getByLabel('處理結果').selectOption('partly_adopted');
    await officer.getByLabel('理由', { exact: true }).fill('無障礙設計標準將另以辦法定之；河濱公園屬水利法管理範圍，不納入本條。');
    await officer.getByTestId('answer').click();
    await expect.poll(async () => officer.getByTestId('progress').getAttribute('value')).toBe('2');
    await officer.screenshot({ path: path.join(shots, 'consultation-workspace-answered.png'), fullPage: true });
    await officer.getByTestId('publish-report').click();
    await officer.waitForURL(`**/consultations/${created.id}/report`);
    await expect.poll(async () => (await officer.locator('consultation-report-page .answer').allTextContents()).join('')).toContain('部分採納');
    await officer.emulateMedia({ media: 'print' });
    await officer.screenshot({ path: path.join(shots, 'consultation-report-print.png'), fullPage: true });
    await officer.emulateMedia({ media: 'screen' });
    expect(await axeViolations(officer)).toEqual([]);

    // The citizen sees the answer to each of their comments.
    await citizen.goto(`${base}/consultations/my-comments`);
    await expect.poll(async () => citizen.getByTestId('my-disposition').count()).toBeGreaterThanOrEqual(2);
    expect(await citizen.getByTestId('my-disposition').first().textContent()).toContain('部分採納');
    await citizen.screenshot({ path: path.join(shots, 'consultation-my-comments.png'), fullPage: true });
    expect(await axeViolations(citizen)).toEqual([]);
  });
});
