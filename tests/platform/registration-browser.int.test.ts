/**
 * Registration and password reset in the browser, through the captured e-mails of the running
 * stack: register → "check your mailbox" → the link → the confirm button → signed in; a used link
 * says so; forgot password → the link → a new password → signed in, the old session ended.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, base, phone, shots, useBrowser } from '../support/browser';
import { ApiClient, eventually } from '../support/http-client';

const newPage = useBrowser();

/** The link of the newest captured e-mail to an address whose body has `path#…`, read as an admin. */
async function linkFor(address: string, linkPath: string): Promise<string> {
  const admin = await ApiClient.signedIn('admin@demo.civic.tw');
  return eventually(`an e-mail to ${address} with ${linkPath}`, async () => {
    const box = await admin.json<{ items: { to_address: string; body: string }[] }>('/dev/mailbox.json');
    const mail = box.items.find((m) => m.to_address === address && m.body.includes(`${linkPath}#`));
    const link = mail && /(https?:\/\/\S+#[A-Za-z0-9_-]+)/.exec(mail.body)?.[1];
    // The mail names the public base URL; the test stack listens elsewhere.
    return link ? base + new URL(link).pathname + new URL(link).hash : undefined;
  });
}

const signedIn = (page: Page) => page.getByTestId('logout').waitFor();

describe('registering through the mailbox', () => {
  it('register → check your mailbox → confirm on the linked page → signed in; the link then says it was used', async () => {
    const email = `browser-${Date.now()}@example.tw`;
    const page = await newPage(phone);
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '還沒有帳號？建立帳號' }).click();
    // The login page's own e-mail field has the same label: wait for the page to change.
    await page.getByTestId('register-submit').waitFor();
    await expect.poll(() => page.title()).toContain('建立帳號');
    await page.getByLabel('電子郵件').fill(email);
    await page.getByLabel('姓名或稱呼').fill('林小華');
    await page.getByLabel('密碼', { exact: true }).fill('short');
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.locator('#password-error').textContent()).toBe('請至少輸入 10 個字。');
    await page.getByLabel('密碼', { exact: true }).fill('browser-pass-2026');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('register-submit').click();
    await expect.poll(() => page.getByTestId('register-sent').textContent()).toContain(email);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'phone-register-check-mailbox.png'), fullPage: true });

    const link = await linkFor(email, '/register/confirm');
    // Opening the link shows a button and creates nothing by itself.
    const confirm = await newPage(phone);
    await confirm.goto(link);
    await confirm.getByTestId('register-confirm').waitFor();
    expect(await axeViolations(confirm)).toEqual([]);
    const tooEarly = await new ApiClient().request('/api/v1/auth/login', { json: { email, password: 'browser-pass-2026' } });
    expect(tooEarly.status).toBe(401);
    await confirm.getByTestId('register-confirm').click();
    await signedIn(confirm);
    await expect.poll(() => new URL(confirm.url()).pathname).toBe('/cases');
    await confirm.screenshot({ path: path.join(shots, 'phone-registered-signed-in.png'), fullPage: true });

    // The same link again: a clear state, with the way on.
    const again = await newPage(phone);
    await again.goto(link);
    await expect.poll(() => again.getByTestId('link-state').textContent()).toContain('已經使用過');
    expect(await axeViolations(again)).toEqual([]);
    // A mangled link says it is not valid (a new page: changing only the fragment loads nothing).
    const mangled = await newPage(phone);
    await mangled.goto(`${base}/register/confirm#not-a-token`);
    await expect.poll(() => mangled.getByTestId('link-state').textContent()).toContain('連結不正確');
  });
});

describe('forgotten password in the browser', () => {
  it('asks for a link, sets a new password on its page, is signed in; the old session is ended', async () => {
    const email = `reset-${Date.now()}@example.tw`;
    const client = new ApiClient();
    await client.json('/api/v1/auth/register', { json: { email, password: 'old-browser-pass', displayName: 'Alex Lin', locale: 'en' } }, 202);
    const confirmLink = await linkFor(email, '/register/confirm');
    await client.json('/api/v1/auth/register/confirm', { json: { token: new URL(confirmLink).hash.slice(1) } }, 200);
    expect((await client.request('/api/v1/auth/me')).status).toBe(200);

    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '忘記密碼？' }).click();
    // The login page's own e-mail field has the same label: wait for the page to change.
    await page.getByTestId('forgot-submit').waitFor();
    await page.getByLabel('電子郵件').fill(email);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('forgot-submit').click();
    await expect.poll(() => page.getByTestId('forgot-sent').textContent()).toContain(email);

    const link = await linkFor(email, '/reset-password');
    await page.goto(link);
    await page.getByTestId('reset-submit').waitFor();
    await page.getByLabel('新密碼').fill('new-browser-pass');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('reset-submit').click();
    await signedIn(page);
    // The account's language (English) takes over after sign-in.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await client.request('/api/v1/auth/me')).status).toBe(401);
    await page.goto(link);
    await expect.poll(() => page.getByTestId('link-state').textContent()).toContain('used already');
  });
});
