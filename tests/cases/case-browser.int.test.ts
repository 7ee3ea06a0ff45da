/**
 * End to end in headless Chromium against the running stack: a citizen files a grievance, the
 * officer of the competent agency finds it in the inbox and replies, the citizen sees the reply.
 * Screenshots go to test-results/screenshots/ (git-ignored).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations, base, shots, signIn, useBrowser } from '../support/browser';
import { ApiClient, type CaseDetail, eventually } from '../support/http-client';

const newPage = useBrowser();

describe('grievance round trip in the browser', () => {
  it('citizen files, officer replies from the inbox, citizen sees the reply', async () => {
    const citizen = await newPage();
    await signIn(citizen, 'citizen@demo.civic.tw');
    await citizen.goto(`${base}/cases/new`);
    await citizen.getByTestId('service-type').selectOption('GRV-TRAFFIC');
    await citizen.getByTestId('subject').fill('學校前斑馬線褪色');
    await citizen.getByTestId('description').fill('民生國小正門前的斑馬線已經褪色，上下學時段車輛常不停讓。');
    await citizen.getByTestId('location').fill('松山區民生東路五段');
    await citizen.getByTestId('case-submit').click();

    const casePage = citizen.getByTestId('case-page');
    await casePage.waitFor();
    const caseId = await casePage.getAttribute('data-case-id');
    expect(caseId).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    // The workflow computes the deadline; the page shows it once projected.
    await expect.poll(async () => (await citizen.getByTestId('ack-due').textContent()) ?? '', { timeout: 30_000 }).toMatch(/\d{4}-\d{2}-\d{2}/);
    await citizen.screenshot({ path: path.join(shots, 'citizen-case-filed.png'), fullPage: true });
    expect(await axeViolations(citizen)).toEqual([]);

    const officer = await newPage();
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/inbox`);
    const row = officer.getByTestId('inbox').locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    await officer.screenshot({ path: path.join(shots, 'officer-inbox.png'), fullPage: true });
    expect(await axeViolations(officer)).toEqual([]);
    await row.getByRole('link').first().click();
    await officer.getByTestId('reply-message').fill('已排定本週重新繪製斑馬線，並請警察局加強取締。');
    await officer.getByTestId('reply-submit').click();
    await expect.poll(() => officer.getByTestId('case-page').getAttribute('data-state')).toBe('replied');
    await officer.screenshot({ path: path.join(shots, 'officer-replied.png'), fullPage: true });

    await citizen.reload();
    await expect.poll(() => citizen.getByTestId('case-page').getAttribute('data-state')).toBe('replied');
    await expect.poll(async () => citizen.getByTestId('timeline').textContent()).toContain('已排定本週重新繪製斑馬線');
    await citizen.screenshot({ path: path.join(shots, 'citizen-sees-reply.png'), fullPage: true });

    // The satisfaction survey opens after the reply and takes one answer.
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.getByLabel('4 滿意').check();
    await citizen.getByLabel('意見（選填）').fill('處理迅速，謝謝。');
    await citizen.getByTestId('satisfaction-survey').getByRole('button').click();
    await expect.poll(async () => (await citizen.getByTestId('case-page').textContent()) ?? '').toContain('謝謝您的意見');
  });

  it('supplement round trip: the officer asks, the clock pauses, the citizen answers, the clock resumes', async () => {
    const api = await ApiClient.signedIn('citizen@demo.civic.tw');
    const filed = await api.json<CaseDetail>(
      '/api/v1/cases',
      { json: { serviceTypeCode: 'GRV-NOISE', subject: '工廠夜間噪音', description: '工業區工廠每晚十一點後仍有高分貝噪音。', location: '內湖區' } },
      202,
    );
    await eventually('workflow started', async () => (await api.json<CaseDetail>(`/api/v1/cases/${filed.id}`)).ackDueDate);

    const officer = await newPage();
    await signIn(officer, 'officer.dep@demo.civic.tw');
    await officer.goto(`${base}/cases/${filed.id}`);
    await officer.getByTestId('supplement-request-message').fill('請補充噪音發生的確切時段與工廠名稱。');
    await officer.getByTestId('supplement-request-submit').click();
    await expect.poll(() => officer.getByTestId('case-page').getAttribute('data-state')).toBe('awaiting_supplement');

    const citizen = await newPage({ width: 375, height: 800 });
    await signIn(citizen, 'citizen@demo.civic.tw');
    await citizen.goto(`${base}/cases/${filed.id}`);
    await expect.poll(() => citizen.getByTestId('case-page').getAttribute('data-state')).toBe('awaiting_supplement');
    await expect.poll(async () => citizen.getByTestId('timeline').textContent()).toContain('請補充噪音發生的確切時段');
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.screenshot({ path: path.join(shots, 'phone-supplement-requested.png'), fullPage: true });
    await citizen.getByTestId('supplement-message').fill('每晚 23:00 至 02:00，工廠為大明塑膠。');
    await citizen.getByTestId('supplement-submit').click();
    await expect.poll(() => citizen.getByTestId('case-page').getAttribute('data-state')).toBe('in_progress');

    await officer.reload();
    await expect.poll(() => officer.getByTestId('case-page').getAttribute('data-state')).toBe('in_progress');
    await expect.poll(async () => officer.getByTestId('timeline').textContent()).toContain('大明塑膠');
    await officer.screenshot({ path: path.join(shots, 'officer-supplement-received.png'), fullPage: true });
    const after = await api.json<CaseDetail & { pausedSince: string | null; resolutionDueAt: string; originalResolutionDueAt: string }>(
      `/api/v1/cases/${filed.id}`,
    );
    expect(after.pausedSince).toBeNull();
    expect(after.timeline.map((e) => e.type)).toEqual(['filed', 'deadlines_computed', 'supplement_requested', 'supplement_received']);
  });

  it('a community helper files for a neighbour, with consent, and can follow the case', async () => {
    const helper = await newPage();
    await signIn(helper, 'helper@demo.civic.tw');
    await helper.goto(`${base}/assisted`);
    await helper.getByLabel('民眾電子郵件').fill(`neighbour-${Date.now()}@example.tw`);
    await helper.getByLabel('民眾姓名').fill('張阿嬤');
    await helper.getByLabel('同意方式').selectOption('signed_form');
    await helper.getByLabel('同意內容').fill('本人同意由林阿姨代為陳情並查詢處理進度。');
    await helper.getByLabel('陳情類別').selectOption('GRV-ROAD');
    await helper.getByLabel('主旨').fill('騎樓地面破損');
    await helper.getByLabel('陳情內容').fill('住家前騎樓地磚破損翹起，阿嬤出入使用助行器很危險。');
    expect(await axeViolations(helper)).toEqual([]);
    await helper.getByRole('button', { name: '送出陳情' }).click();
    await helper.getByTestId('case-page').waitFor();
    // Who filed, and the consent, on the case page; the timeline says it was filed on the citizen's behalf.
    await expect.poll(async () => (await helper.getByTestId('assistance').textContent()) ?? '').toContain('由林阿姨（社區資訊代理人）');
    expect(await helper.getByTestId('assistance').textContent()).toContain('本人同意由林阿姨代為陳情並查詢處理進度。');
    await expect.poll(async () => (await helper.getByTestId('timeline').textContent()) ?? '').toContain('由資訊代理人或臨櫃人員代為提出');
    await helper.goto(`${base}/assisted`);
    // The list loads after the page: on a loaded machine that takes longer than the default second.
    await expect.poll(async () => helper.getByRole('link', { name: '騎樓地面破損' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await helper.screenshot({ path: path.join(shots, 'helper-assisted.png'), fullPage: true });
  });

  it('works on a phone in English, accessibly', async () => {
    const phone = await newPage({ width: 375, height: 740 });
    await signIn(phone, 'resident@demo.civic.tw');
    // The account's language applies at sign-in, whatever the device showed before.
    await expect.poll(() => phone.evaluate(() => document.documentElement.lang)).toBe('en');
    await phone.goto(`${base}/cases`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(shots, 'phone-my-cases-en.png'), fullPage: true });
  });
});
