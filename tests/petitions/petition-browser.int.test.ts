/**
 * End to end in headless Chromium against the running stack, with a low threshold and
 * second-scale periods set by the admin: a citizen proposes (with similar petitions suggested),
 * a manager publishes it from the review queue, two verified citizens endorse it to the
 * threshold, the manager assigns the competent agency, the agency's officer publishes a
 * point-by-point response, and the proposer sees it. Screenshots in test-results/screenshots/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, base, shots, signIn, useBrowser } from '../support/browser';
import { ApiClient, eventually } from '../support/http-client';

const newPage = useBrowser();
let admin: ApiClient;
let before: unknown;

beforeAll(async () => {
  admin = await ApiClient.signedIn('admin@demo.civic.tw');
  before = await admin.json('/api/v1/petitions/settings');
  await admin.json(
    '/api/v1/petitions/settings',
    { method: 'PUT', json: { threshold: 2, reviewPeriod: '300s', endorsementWindow: '600s', responsePeriod: '600s', closeAfter: '600s', endorseLevel: 'verified_person' } },
    200,
  );
});

afterAll(async () => {
  await admin.json('/api/v1/petitions/settings', { method: 'PUT', json: before }, 200);
});

describe('petition round trip in the browser', () => {
  it('propose → review → endorse to the threshold → agency responds → proposer sees the response', async () => {
    const tag = Date.now().toString(36);
    const proposer = await newPage();
    await signIn(proposer, 'citizen@demo.civic.tw');
    await proposer.goto(`${base}/petitions/new`);
    await proposer.getByTestId('petition-title').fill(`敦化北路增設自行車道 ${tag}`);
    await proposer.getByTestId('petition-summary').fill('敦化北路車流量大，希望增設實體分隔的自行車道，保障通勤與通學安全。');
    await proposer.getByTestId('petition-body').fill('敦化北路從民生東路到南京東路一段，每天上下班時段車流量大，自行車只能與汽機車爭道。建議市府參考國外經驗，增設實體分隔的自行車道，並調整路口號誌。');
    expect(await axeViolations(proposer)).toEqual([]);
    await proposer.screenshot({ path: path.join(shots, 'petition-propose.png'), fullPage: true });
    await proposer.getByTestId('petition-submit').click();
    const page = proposer.getByTestId('petition-page');
    await page.waitFor();
    const id = (await page.getAttribute('data-petition-id'))!;
    expect(id).toMatch(/^P-\d{8}-[0-9A-Z]{6}$/);
    expect(await page.getAttribute('data-state')).toBe('in_review');

    const manager = await newPage();
    await signIn(manager, 'manager@demo.civic.tw');
    await manager.goto(`${base}/petitions/review`);
    const row = manager.getByTestId('petition-queue').locator(`tr[data-petition-id="${id}"]`);
    await row.waitFor();
    expect(await axeViolations(manager)).toEqual([]);
    await manager.screenshot({ path: path.join(shots, 'petition-review-queue.png'), fullPage: true });
    await row.getByRole('link').click();
    // The publish form appears once the workflow has started.
    await manager.getByTestId('publish-submit').click({ timeout: 30_000 });
    await expect.poll(() => manager.getByTestId('petition-page').getAttribute('data-state'), { timeout: 20_000 }).toBe('open');

    for (const email of ['resident@demo.civic.tw', 'helper@demo.civic.tw']) {
      const endorser = await newPage({ width: 375, height: 800 });
      await signIn(endorser, email);
      await endorser.goto(`${base}/petitions/${id}`);
      await endorser.getByTestId('endorse').click();
      await endorser.getByTestId('endorsement-state').waitFor();
      if (email.startsWith('resident')) {
        expect(await axeViolations(endorser)).toEqual([]);
        const overflow = await endorser.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await endorser.screenshot({ path: path.join(shots, 'petition-endorsed-phone.png'), fullPage: true });
      }
      await endorser.context().close();
    }

    // The threshold signal passes the petition at once.
    await expect
      .poll(async () => {
        await manager.reload();
        return manager.getByTestId('petition-page').getAttribute('data-state');
      }, { timeout: 30_000, interval: 1000 })
      .toBe('passed');
    await manager.getByTestId('assign-agency-agencyId').selectOption('TPE-DOT');
    await manager.getByTestId('assign-agency-submit').click();
    await expect.poll(() => manager.getByTestId('petition-page').getAttribute('data-state'), { timeout: 20_000 }).toBe('awaiting_response');

    const officer = await newPage();
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/petitions/responses`);
    await officer.getByTestId('petition-queue').locator(`tr[data-petition-id="${id}"]`).getByRole('link').click();
    await officer.getByTestId('response-summary').fill('本局已評估敦化北路自行車道，回應如下。');
    await officer.getByTestId('point-heading-0').fill('增設實體分隔自行車道');
    await officer.getByTestId('point-answer-0').fill('本局將於明年第一季完成設計，第二季施工。');
    expect(await axeViolations(officer)).toEqual([]);
    await officer.getByTestId('respond-submit').click();
    await expect.poll(() => officer.getByTestId('petition-page').getAttribute('data-state'), { timeout: 20_000 }).toBe('responded');
    await officer.screenshot({ path: path.join(shots, 'petition-agency-responded.png'), fullPage: true });

    await proposer.reload();
    await expect.poll(() => proposer.getByTestId('petition-page').getAttribute('data-state')).toBe('responded');
    await expect.poll(async () => proposer.getByTestId('response').textContent()).toContain('明年第一季完成設計');
    expect(await proposer.getByTestId('endorsement-count').textContent()).toContain('2');
    expect(await axeViolations(proposer)).toEqual([]);
    await proposer.screenshot({ path: path.join(shots, 'petition-proposer-sees-response.png'), fullPage: true });
    // The proposer was told at each stage, with a link to the petition.
    await proposer.goto(`${base}/notifications`);
    await expect.poll(async () => (await proposer.locator('body').innerText()).length).toBeGreaterThan(0);
  });

  it('a manager drills down from an accountability figure to its petitions; the public table links to the overdue list of the agency', async () => {
    const manager = await newPage();
    await signIn(manager, 'manager@demo.civic.tw');
    await manager.goto(`${base}/petitions/accountability`);
    // The first test left a petition of TPE-DOT responded.
    const link = manager.getByTestId('figure-responded-TPE-DOT');
    await link.waitFor();
    expect(await link.getAttribute('aria-label')).toBeTruthy();
    await link.click();
    await manager.getByTestId('oversight-table').waitFor();
    expect(new URL(manager.url()).searchParams.get('figure')).toBe('responded');
    expect(new URL(manager.url()).searchParams.get('agency')).toBe('TPE-DOT');
    expect(await manager.getByTestId('oversight-agency').inputValue()).toBe('TPE-DOT');
    expect(await manager.getByTestId('oversight-range').textContent()).toMatch(/\d/);
    expect(await manager.getByTestId('oversight-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(manager)).toEqual([]);
    await manager.screenshot({ path: path.join(shots, 'petition-oversight.png'), fullPage: true });
    // Another figure through the form: the URL follows.
    await manager.getByTestId('oversight-figure').selectOption('overdue');
    await manager.getByTestId('oversight-filters').getByRole('button').click();
    await expect.poll(() => new URL(manager.url()).searchParams.get('figure')).toBe('overdue');

    const anonymous = await newPage({ width: 375, height: 800 });
    await anonymous.goto(`${base}/petitions/overdue?agency=TPE-DOT`);
    await anonymous.getByTestId('agency-filter').waitFor();
    expect(await axeViolations(anonymous)).toEqual([]);
    const overflow = await anonymous.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Without sign-in the table's figures are not links to the managers' lists.
    await anonymous.goto(`${base}/petitions/accountability`);
    await anonymous.getByTestId('petition-accountability').locator('table').waitFor();
    expect(await anonymous.locator('a[href^="/petitions/oversight"]').count()).toBe(0);
  });

  it('an endorsement confirmed by e-mail: pending until the POST from the page the link opens, on a phone', { timeout: 120_000 }, async () => {
    const settings = await admin.json<Record<string, unknown>>('/api/v1/petitions/settings');
    await admin.json('/api/v1/petitions/settings', { method: 'PUT', json: { ...settings, emailConfirmation: 'always', confirmationSeconds: 600 } }, 200);
    try {
      const citizen = await ApiClient.signedIn('citizen@demo.civic.tw');
      const draft = await citizen.json<{ id: string }>(
        '/api/v1/petitions',
        { json: { title: `北投溫泉區增設垃圾桶 ${Date.now().toString(36)}`, summary: '北投溫泉區遊客多，垃圾桶不足，希望增設並定時清運。', body: '北投溫泉區假日遊客眾多，沿路垃圾桶不足，造成垃圾隨地丟棄。建議增設分類垃圾桶，並在假日增加清運班次。' } },
        201,
      );
      await citizen.json(`/api/v1/petitions/${draft.id}/submit`, { method: 'POST' }, 202);
      const manager = await ApiClient.signedIn('manager@demo.civic.tw');
      // The publish update is accepted once the workflow has started (the outbox starts it).
      await eventually('petition published', async () => (await manager.request(`/api/v1/petitions/${draft.id}/publish`, { json: {} })).status === 200);
      await eventually('petition open', async () => (await citizen.json<{ state: string }>(`/api/v1/petitions/${draft.id}`)).state === 'open');

      const phone = await newPage({ width: 375, height: 800 });
      await signIn(phone, 'resident@demo.civic.tw');
      await phone.goto(`${base}/petitions/${draft.id}`);
      await phone.getByTestId('endorse').click();
      await expect.poll(() => phone.getByTestId('endorsement-state').textContent()).toMatch(/confirmation e-mail|確認信/);
      const count = async () => (await citizen.json<{ endorsements: number }>(`/api/v1/petitions/${draft.id}`)).endorsements;
      expect(await count()).toBe(0);

      const mail = await eventually('confirmation e-mail', async () => {
        const { items } = await admin.json<{ items: { to_address: string; subject: string; body: string }[] }>('/dev/mailbox.json');
        return items.find((m) => m.to_address === 'resident@demo.civic.tw' && m.subject.includes('北投溫泉區增設垃圾桶'));
      });
      const link = /(http\S+\/petitions\/confirm#[A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
      // Opening the link (what a mail scanner does) confirms nothing.
      await phone.goto(link.replace(/^https?:\/\/[^/]+/, base));
      await phone.getByTestId('confirm-endorsement').waitFor();
      expect(await count()).toBe(0);
      expect(await axeViolations(phone)).toEqual([]);
      await phone.screenshot({ path: path.join(shots, 'petition-confirm-endorsement-phone.png'), fullPage: true });
      await phone.getByTestId('confirm-endorsement').click();
      await expect.poll(() => phone.getByTestId('confirm-done').textContent()).toMatch(/counts|已計入/);
      expect(await count()).toBe(1);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The link is single-use: a second confirmation says so and links back to the petition.
      await phone.reload();
      await phone.getByTestId('confirm-endorsement').click();
      await expect.poll(() => phone.getByTestId('confirm-error').textContent()).toMatch(/confirmed already|已經確認過/);
      expect(await phone.getByTestId('confirm-back').getAttribute('href')).toBe(`/petitions/${draft.id}`);
      expect(await axeViolations(phone)).toEqual([]);
      await phone.getByTestId('confirm-back').click();
      await expect.poll(() => phone.getByTestId('endorsement-state').textContent()).toMatch(/You endorsed|您已附議/);
    } finally {
      await admin.json('/api/v1/petitions/settings', { method: 'PUT', json: settings }, 200);
    }
  });

  it('search finds Chinese text and the public lists work in English on a phone', async () => {
    const phone = await newPage({ width: 375, height: 800 });
    await phone.goto(`${base}/petitions`);
    await phone.getByTestId('petition-search').fill('自行車道');
    await phone.getByRole('button', { name: '套用' }).click();
    await expect.poll(async () => phone.getByTestId('petition-list').locator('petition-card').count()).toBeGreaterThan(0);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(shots, 'petition-search.png'), fullPage: true });
    await phone.getByTestId('lang-toggle').click();
    await phone.goto(`${base}/petitions/overdue`);
    await phone.getByRole('heading', { level: 1, name: 'Overdue agency responses' }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.goto(`${base}/petitions/accountability`);
    await phone.getByTestId('petition-accountability').waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
