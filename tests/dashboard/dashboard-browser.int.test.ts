/**
 * The manager dashboard, the escalations list and the public accountability page in headless
 * Chromium against the running stack: each loads its data, passes axe, and is screenshotted
 * (desktop and a 375 px phone) into test-results/screenshots/ (git-ignored).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, base, openMenu, phone, shots, signIn, useBrowser } from '../support/browser';

const newPage = useBrowser();

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('manager dashboard, escalations and public accountability in the browser', () => {
  it('a manager sees SLA tiles, the open-case table and performance with its trend, accessibly, on desktop and phone', async () => {
    for (const [viewport, name] of [
      [undefined, 'manager-dashboard.png'],
      [phone, 'phone-manager-dashboard.png'],
    ] as const) {
      const page = await newPage(viewport);
      await signIn(page, 'manager@demo.civic.tw');
      // A manager lands on the dashboard.
      await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
      await openMenu(page);
      await page.getByRole('link', { name: '管考儀表板' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
      await page.getByRole('heading', { level: 1, name: '管考儀表板' }).waitFor();

      const tiles = page.getByTestId('sla-tiles');
      await tiles.waitFor();
      // One tile per SLA state, each labelled in words, with a count.
      await expect.poll(() => tiles.locator('li').count()).toBe(5);
      for (const label of ['正常', '已用 50%', '已用 75%', '已逾期', '暫停計時']) {
        expect(await tiles.textContent()).toContain(label);
      }
      await page.getByTestId('trend-chart').waitFor();
      await page.getByTestId('perf-table').waitFor();
      expect(await page.getByTestId('perf-table').textContent()).toContain('合計');
      // The open-case table appears when there are open cases; otherwise the empty state does.
      await expect.poll(async () => (await page.getByTestId('sla-table').count()) + (await page.getByTestId('sla-empty').count())).toBe(1);
      expect(await page.getByTestId('perf-csv').getAttribute('href')).toMatch(/^\/api\/v1\/dashboard\/performance\.csv\?from=\d{4}-\d{2}-\d{2}&to=/);

      // The trend as a table, for people who cannot see the chart.
      await page.getByText('以表格檢視').click();
      await page.getByTestId('trend-table').waitFor();

      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(shots, name), fullPage: true });
      await page.context().close();
    }
  });

  it('a supervisor sees the escalations list (or that nothing is overdue)', async () => {
    const page = await newPage();
    await signIn(page, 'supervisor.dot@demo.civic.tw');
    await page.goto(`${base}/escalations`);
    await page.getByRole('heading', { level: 1, name: '逾期案件催辦' }).waitFor();
    const list = page.getByTestId('escalations');
    await list.waitFor();
    const count = Number(await list.getAttribute('data-count'));
    if (count === 0) {
      await page.getByTestId('escalations-empty').waitFor();
    } else {
      expect(await list.locator('li[data-case-id]').count()).toBe(count);
      expect(await list.getByTestId('ack-comment').count()).toBe(count);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'supervisor-escalations.png'), fullPage: true });
  });

  it('anyone, signed out, sees agency accountability with open-data links, accessibly', async () => {
    for (const [viewport, name] of [
      [undefined, 'public-accountability.png'],
      [phone, 'phone-public-accountability.png'],
    ] as const) {
      const page = await newPage(viewport);
      await page.goto(`${base}/`);
      await openMenu(page);
      await page.getByRole('link', { name: '公民管考' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/accountability');
      await page.getByTestId('accountability').waitFor();
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByTestId('open-data-json').getAttribute('href')).toBe('/api/v1/public/agencies');
      expect(await page.getByTestId('open-data-csv').getAttribute('href')).toBe('/api/v1/public/agencies.csv');
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(shots, name), fullPage: true });
      await page.context().close();
    }
  });
});
