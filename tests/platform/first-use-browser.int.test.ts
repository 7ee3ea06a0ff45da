/**
 * What a first real use found, checked in the browser and over HTTP against the running stack:
 * Chinese field messages from codes, stated limits and no silent truncation, landing pages and
 * role menus, the phone header, titles, the focus ring, security headers, caching and favicon.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, base, openMenu, phone as phoneViewport, shots, signIn, useBrowser } from '../support/browser';
import { HEIC_BYTES, jpegWithGps, webpWithGps } from '../support/jpeg-fixture';

const newPage = useBrowser();

const menuLinks = async (page: Page) => {
  await openMenu(page);
  return page.locator('#main-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
};

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('forms speak the reader’s language and drop nothing', () => {
  it('a citizen’s too-short subject reads in Chinese; a long text is counted, kept whole and refused with its limit', async () => {
    const page = await newPage();
    await signIn(page, 'citizen@demo.civic.tw');
    await page.goto(`${base}/cases/new`);
    await expect.poll(() => page.title()).toContain('提出陳情');
    await page.getByTestId('service-type').selectOption('GRV-NOISE');
    await page.getByTestId('subject').fill('吵');
    await page.getByTestId('description').fill('鄰居每晚施工。');
    // Limits are stated next to the field before anything goes wrong.
    expect(await page.locator('#subject-limits').textContent()).toBe('3–120 字');
    await page.getByTestId('case-submit').click();
    const errors = page.locator('.field-error');
    await expect.poll(() => errors.allTextContents()).toEqual(['請至少輸入 3 個字。', '請至少輸入 10 個字。']);
    expect(await page.locator('main').textContent()).not.toMatch(/Too small|expected string|characters/);

    const long = '路'.repeat(5010);
    await page.getByTestId('description').fill(long);
    // No maxlength: what was typed stays, and the counter says by how much it is over.
    expect(await page.getByTestId('description').inputValue()).toHaveLength(5010);
    expect(await page.getByTestId('description').getAttribute('maxlength')).toBeNull();
    await expect.poll(() => page.locator('char-counter[for=description]').textContent()).toContain('5010 / 5000');
    expect(await page.locator('char-counter[for=description]').textContent()).toContain('超過 10 字');
    await page.getByTestId('subject').fill('夜間施工噪音');
    await page.getByTestId('case-submit').click();
    await expect.poll(() => errors.allTextContents()).toEqual(['最多 5,000 個字，請刪減。']);
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'form-errors-zh.png'), fullPage: true });
  });

  it('the API’s own field errors are translated by code (the English detail never shows)', async () => {
    const page = await newPage();
    await signIn(page, 'resident@demo.civic.tw');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.goto(`${base}/cases/new`);
    await page.getByTestId('service-type').selectOption('APP-ROAD-DIG');
    await page.getByTestId('subject').fill('Water main replacement');
    await page.getByTestId('description').fill('Dig 30 metres of the slow lane for a water main.');
    await page.getByLabel('Contractor').fill('Da-an Construction');
    await page.getByLabel('Planned start').fill('2026-12-15');
    await page.getByLabel('Length (metres)').fill('-5');
    await page.getByLabel('Purpose').selectOption('water');
    await page.getByTestId('case-submit').click();
    await expect.poll(() => page.locator('#fd-lengthMetres-error').textContent()).toBe('Must be at least 0.');
  });
});

describe('photos and documents', () => {
  it('a citizen attaches a photo, may use its removed location, and the officer opens it from the case', async () => {
    const page = await newPage();
    await signIn(page, 'citizen@demo.civic.tw');
    await page.goto(`${base}/cases/new`);
    await page.getByTestId('service-type').selectOption('GRV-TRAFFIC');
    await page.getByTestId('subject').fill('號誌桿被撞歪');
    await page.getByTestId('description').fill('路口號誌桿被車撞歪，燈號朝向錯誤方向。');
    await page.getByTestId('file-input').setInputFiles({ name: 'IMG_2031.JPG', mimeType: 'image/jpeg', buffer: Buffer.from(jpegWithGps({ lat: 25.0418, long: 121.5654 })) });
    await page.getByTestId('uploaded-files').waitFor();
    expect(await page.getByTestId('uploaded-files').textContent()).toContain('已移除照片位置資訊');
    await page.getByRole('button', { name: '以照片位置作為案件地點' }).click();
    expect(await page.getByTestId('location').inputValue()).toMatch(/^25\.04\d+, 121\.56\d+$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('case-submit').click();
    await page.getByTestId('case-page').waitFor();
    const link = page.getByTestId('attachments').getByRole('link', { name: 'IMG_2031.jpg' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const caseId = await page.getByTestId('case-page').getAttribute('data-case-id');

    const officer = await newPage();
    await signIn(officer, 'officer.dot@demo.civic.tw');
    await officer.goto(`${base}/cases/${caseId}`);
    await officer.getByTestId('attachments').waitFor();
    const res = await officer.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('image/jpeg');
    const other = await newPage();
    await signIn(other, 'officer.dep@demo.civic.tw');
    expect((await other.request.get(`${base}${href}`)).status()).toBe(404);
  });

  it('on a phone, a WebP photo is taken with its location removed; a HEIC photo is refused with how to send a JPEG', async () => {
    const page = await newPage(phoneViewport);
    await signIn(page, 'resident@demo.civic.tw');
    await page.goto(`${base}/cases/new`);
    const input = page.getByTestId('file-input');
    await input.setInputFiles({ name: 'IMG_4410.HEIC', mimeType: 'image/heic', buffer: Buffer.from(HEIC_BYTES) });
    await expect.poll(() => page.locator('file-picker').getByRole('alert').textContent()).toContain('Most Compatible');
    expect(await axeViolations(page)).toEqual([]);
    await input.setInputFiles({ name: 'PXL_20261130.webp', mimeType: 'image/webp', buffer: Buffer.from(webpWithGps({ lat: 25.0418, long: 121.5654 })) });
    await page.getByTestId('uploaded-files').waitFor();
    expect(await page.getByTestId('uploaded-files').textContent()).toContain('Location data removed');
    await page.screenshot({ path: path.join(shots, 'phone-photo-formats.png'), fullPage: true });
  });
});

describe('assisted filing for people without e-mail', () => {
  it('a counter officer files with a phone number only, hands over a code, and the citizen claims the account', async () => {
    const officer = await newPage();
    await signIn(officer, 'officer.dep@demo.civic.tw');
    await officer.goto(`${base}/assisted`);
    const phone = `09${String(Date.now()).slice(-8)}`;
    await officer.getByLabel('民眾姓名').fill('張阿嬤');
    await officer.getByLabel('民眾電話').fill(phone);
    await officer.getByLabel('同意方式').selectOption('signed_form');
    await officer.getByLabel('同意內容').fill('本人同意由臨櫃人員代為陳情並查詢處理進度。');
    await officer.getByLabel('陳情類別').selectOption('GRV-NOISE');
    await officer.getByLabel('主旨').fill('卡拉OK 深夜噪音');
    await officer.getByLabel('陳情內容').fill('樓下卡拉OK 每晚唱到凌晨兩點，老人家無法入睡。');
    await officer.getByRole('button', { name: '送出陳情' }).click();
    const assistance = officer.getByTestId('assistance');
    await assistance.waitFor();
    expect(await assistance.textContent()).toContain('由李承辦（環保局）（承辦人）代為提出');
    expect(await assistance.textContent()).toContain('本人同意由臨櫃人員代為陳情');
    await officer.getByTestId('claim-code-issue').click();
    const shown = (await officer.getByTestId('claim-code').textContent()) ?? '';
    const code = /(\d{8})/.exec(shown)![1]!;
    expect(await axeViolations(officer)).toEqual([]);

    const citizen = await newPage({ width: 375, height: 740 });
    await citizen.goto(`${base}/login`);
    await citizen.getByRole('link', { name: /啟用帳號/ }).click();
    await citizen.getByLabel('電話').fill(phone);
    await citizen.getByLabel('啟用碼').fill(code);
    await citizen.getByLabel('新密碼').fill('grandma-2026-pw');
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.getByTestId('claim-submit').click();
    await expect.poll(() => new URL(citizen.url()).pathname).toBe('/cases');
    await citizen.getByRole('link', { name: '卡拉OK 深夜噪音' }).waitFor();
    await citizen.screenshot({ path: path.join(shots, 'phone-claimed-account.png'), fullPage: true });
  });
});

describe('staff land on their work and see only what they can use', () => {
  it('manager → dashboard, oversight officer → escalations, admin → admin page; supervisors do not file for others', async () => {
    for (const [email, landing] of [
      ['manager@demo.civic.tw', '/dashboard'],
      ['oversight@demo.civic.tw', '/escalations'],
      ['admin@demo.civic.tw', '/admin'],
      ['officer.dot@demo.civic.tw', '/inbox'],
    ] as const) {
      const page = await newPage();
      await signIn(page, email);
      await expect.poll(() => new URL(page.url()).pathname, { message: email }).toBe(landing);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
    const supervisor = await newPage();
    await signIn(supervisor, 'supervisor.dot@demo.civic.tw');
    expect(await menuLinks(supervisor)).not.toContain('/assisted');
    expect(await menuLinks(supervisor)).toEqual(expect.arrayContaining(['/inbox', '/dashboard', '/escalations']));
  });

  it('the dashboard keeps filters and page in the address, so a view can be shared and reloaded', async () => {
    const page = await newPage();
    await signIn(page, 'manager@demo.civic.tw');
    await page.goto(`${base}/dashboard?sla=breached`);
    await page.getByTestId('sla-tiles').waitFor();
    expect(await page.getByTestId('filter-sla').inputValue()).toBe('breached');
    await page.getByTestId('filter-sla').selectOption('on_track');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sla')).toBe('on_track');
    await page.reload();
    await page.getByTestId('sla-tiles').waitFor();
    expect(await page.getByTestId('filter-sla').inputValue()).toBe('on_track');
  });

  it('every page names itself in the document title', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor.dot@demo.civic.tw');
    const titles = new Set<string>();
    for (const p of ['/inbox', '/dashboard', '/escalations', '/notifications', '/accountability']) {
      await page.goto(`${base}${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(() => page.title()).toMatch(/ · 公民參與與案件平台$/);
      titles.add(await page.title());
    }
    expect(titles.size).toBe(5);
  });
});

describe('the account page', () => {
  it('keeps the chosen language for the next sign-in, and lists, issues and revokes API tokens', async () => {
    const page = await newPage();
    await signIn(page, 'officer.pwd@demo.civic.tw');
    await page.goto(`${base}/account`);
    await page.getByRole('heading', { level: 1, name: '我的帳號' }).waitFor();
    await page.getByLabel('用途說明').fill('GIS 同步');
    await page.getByRole('button', { name: '建立權杖' }).click();
    await page.getByTestId('token-issued').waitFor();
    await page.getByRole('button', { name: '撤銷權杖「GIS 同步」' }).first().click();
    await expect.poll(async () => (await page.getByTestId('account-status').textContent()) ?? '').toContain('權杖已撤銷');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('English').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const again = await newPage();
    await signIn(again, 'officer.pwd@demo.civic.tw');
    await expect.poll(() => again.evaluate(() => document.documentElement.lang)).toBe('en');
    // Back to Chinese, as the demo account was.
    await again.goto(`${base}/account`);
    await again.getByLabel('中文（臺灣）').check();
    await expect.poll(() => again.evaluate(() => document.documentElement.lang)).toBe('zh-Hant-TW');
  });
});

describe('identity verification (one platform level)', () => {
  it('an admin on a phone sets an account\'s level by e-mail; the person\'s account page shows it; unknown addresses are worded', async () => {
    // The demo admin reads English (seeds/demo.sql).
    const admin = await newPage(phoneViewport);
    await signIn(admin, 'admin@demo.civic.tw');
    await admin.getByRole('heading', { level: 2, name: 'Identity level' }).waitFor();
    await admin.getByLabel('Account e-mail address').fill('nobody@demo.civic.tw');
    await admin.getByRole('button', { name: 'Set level' }).click();
    await admin.getByRole('alert').filter({ hasText: 'No account has this e-mail address.' }).waitFor();
    await admin.getByLabel('Account e-mail address').fill('officer.dep@demo.civic.tw');
    await admin.getByLabel('Identity level').selectOption('email_verified');
    await admin.getByRole('button', { name: 'Set level' }).click();
    await admin.getByRole('status').filter({ hasText: 'Set to “E-mail address verified” (was “Not verified”).' }).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await admin.screenshot({ path: path.join(shots, 'phone-admin-identity-level.png'), fullPage: true });

    const officer = await newPage();
    await signIn(officer, 'officer.dep@demo.civic.tw');
    await officer.goto(`${base}/account`);
    await expect.poll(async () => (await officer.getByTestId('identity-level').textContent()) ?? '').toContain('已驗證電子郵件');
    // Back to the demo account's level.
    await admin.getByLabel('Identity level').selectOption('none');
    await admin.getByRole('button', { name: 'Set level' }).click();
    await admin.getByRole('status').filter({ hasText: '(was “E-mail address verified”)' }).waitFor();
  });
});

describe('on a phone and with the keyboard', () => {
  it('the header stays small with 44 px touch targets; my cases shows the answer deadline inside the screen', async () => {
    const page = await newPage({ width: 375, height: 667 });
    await signIn(page, 'citizen@demo.civic.tw');
    await page.goto(`${base}/cases`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const header = await page.locator('header').boundingBox();
    expect(header!.height).toBeLessThan(667 / 6);
    await openMenu(page);
    const heights = await page.locator('header a, header button').evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.getBoundingClientRect().height),
    );
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await page.getByTestId('menu-toggle').click();

    const due = page.getByTestId('answer-due');
    if ((await due.count()) > 0) {
      const box = await due.first().boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'phone-header-my-cases.png'), fullPage: true });
  });

  it('the focus ring contrasts at least 3:1 with the white page', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('#email').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      let el = document.activeElement as Element | null;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return getComputedStyle(el!).outlineColor;
    });
    expect(contrast(ring, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);
  });
});

describe('headers, caching and the favicon', () => {
  it('pages carry CSP, frame and nosniff headers; fingerprinted assets are immutable; /favicon.ico is an icon', async () => {
    const home = await fetch(`${base}/cases/new`);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(home.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(home.headers.get('x-frame-options')).toBe('DENY');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await home.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).not.toMatch(/html/);
    expect(new Uint8Array(await icon.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0, 0, 1, 0]));
    // The development mailbox shows everyone's mail: never to the anonymous.
    expect((await fetch(`${base}/dev/mailbox`)).status).toBe(401);
  });
});
