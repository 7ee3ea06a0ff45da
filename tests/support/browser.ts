/**
 * Shared setup of the browser tests: Debian's Chromium through playwright-core, sign-in as a
 * demo account, axe-core checks, and the screenshot folder (test-results/screenshots, git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs';

export const shots = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const axeSource = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
export const base = inject('edgeUrl');
export const phone = { width: 375, height: 800 };

/** Registers beforeAll/afterAll hooks in the calling test file and returns a page factory. */
export function useBrowser(): (viewport?: { width: number; height: number }) => Promise<Page> {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  });
  afterAll(() => browser?.close());
  return async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  };
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('電子郵件').fill(email);
  await page.getByLabel('密碼').fill('civic-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

/** On a phone the main menu is behind its toggle; opens it there, does nothing on a wide screen. */
export async function openMenu(page: Page): Promise<void> {
  const toggle = page.getByTestId('menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

/** axe-core's WCAG violations on the page as readable strings (empty when clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the UI's CSP forbids those.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<AxeResult> } }).axe;
    return axe.run();
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
