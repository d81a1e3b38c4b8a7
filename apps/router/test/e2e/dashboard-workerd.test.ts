import {
  type MockUpstream,
  type RunningRouter,
  startMockUpstream,
  startRouter,
} from '@switchyard/testkit';
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/dashboard/client/format.ts';
import type { StatsResult } from '../../src/observability/stats-query.ts';
import {
  adminKey,
  apiGet,
  dashboardConfig,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  until,
  watchPage,
} from './dashboard-fixtures.ts';

describe('the dashboard served by the Worker (workerd), in headless Chromium', () => {
  let upstream: MockUpstream;
  let router: RunningRouter;
  let browser: Browser;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    [router, browser] = await Promise.all([
      startRouter('workerd', { config: dashboardConfig(upstream), adminKey }),
      launchBrowser(),
    ]);
    const client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    const messages = [{ role: 'user' as const, content: 'hello from the edge' }];
    await client.chat.completions.create({ model: 'mock/echo', messages });
    await client.chat.completions.create({ model: 'chat', messages });
    const requests = async () =>
      (await apiGet<{ data: StatsResult }>(router, '/api/v1/stats')).data.totals.requests;
    await until(requests, 2);
  });
  afterAll(async () => {
    await browser?.close();
    await router?.close();
    await upstream?.close();
  });

  it('loads its bundled assets under the CSP, signs in and shows the stats API figures', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = await watchPage(page);
    await signIn(page, router, adminKey);
    await openPage(page, '#/overview?range=1h&group=provider');
    const overview = page.locator('[data-panel=overview]');
    const query = `from=${await overview.getAttribute('data-from')}&to=${await overview.getAttribute('data-to')}&step=1m`;
    const { totals } = (await apiGet<{ data: StatsResult }>(router, `/api/v1/stats?${query}`)).data;
    expect(totals.requests).toBe(2);
    expect(await page.getAttribute('[data-metric=requests]', 'data-value')).toBe('2');
    expect(await page.textContent('[data-metric=spend] .tile-value')).toBe(
      formatMoney(totals.cost),
    );
    expect(await page.locator('.chart canvas').count()).toBe(3);
    await screenshot(page, 'overview-workerd');
    await openPage(page, '#/providers');
    expect(await page.getAttribute('[data-target="upstream/gpt-4o-mini"]', 'data-circuit')).toBe(
      'closed',
    );
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(await problems.violations()).toEqual([]);
    await page.close();
  });
});
