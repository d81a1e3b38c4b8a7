import {
  type MockUpstream,
  type RunningRouter,
  startMockUpstream,
  startRouter,
} from '@switchyard/testkit';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatCount,
  formatMoney,
  formatMs,
  formatPercent,
} from '../../src/dashboard/client/format.ts';
import type { StatsResult } from '../../src/observability/stats-query.ts';
import type { TargetHealthReport } from '../../src/protocols/observability-health/target-health.ts';
import {
  adminKey,
  apiGet,
  dashboardConfig,
  followLink,
  launchBrowser,
  openPage,
  type PageProblems,
  screenshot,
  signIn,
  until,
  watchPage,
} from './dashboard-fixtures.ts';

const messages = [{ role: 'user' as const, content: 'hello dashboard' }];
/** A key name an attacker would pick: it must show as text, never as markup. */
const hostileName = 'ops <img src=x onerror="window.__pwned=1"> & co';

describe('the dashboard in headless Chromium, against the router on Node', () => {
  let upstream: MockUpstream;
  let router: RunningRouter;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startMockUpstream();
    [router, browser] = await Promise.all([
      startRouter('node', {
        config: dashboardConfig(upstream),
        adminKey,
        vars: { SWITCHYARD_KEY_SECRET: 'dashboard e2e key secret' },
      }),
      launchBrowser(),
    ]);
    client = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    await scriptedRequests(client);
    // Records are written after each response: wait until all eight are counted.
    await until(async () => (await stats(router, '')).totals.requests, 8);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = await watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await router?.close();
    await upstream?.close();
  });

  it('refuses a wrong key at sign-in and keeps the right one out of every URL', async () => {
    await page.goto(`${router.url}/dashboard`);
    await page.fill('#management-key', 'sk-not-a-key');
    await page.click('form.sign-in button[type=submit]');
    await expect.poll(() => page.textContent('form.sign-in [role=alert]')).toMatch(/^401: /);
    await signIn(page, router, adminKey);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([adminKey]);
    expect(page.url()).toBe(`${router.url}/dashboard`);
  });

  it("shows the overview's figures exactly as the stats API gives them", async () => {
    await openPage(page, '#/overview?range=1h&group=model');
    const overview = page.locator('[data-panel=overview]');
    const from = await overview.getAttribute('data-from');
    const to = await overview.getAttribute('data-to');
    const api = await stats(router, `from=${from}&to=${to}&step=1m&group_by=model&groups=8`);
    const { totals } = api;
    expect(totals).toMatchObject({ requests: 8, errors: 1, cache_hits: 1, failovers: 1 });
    const expected: Record<string, [number | null, string]> = {
      requests: [totals.requests, formatCount(totals.requests)],
      spend: [totals.cost, formatMoney(totals.cost)],
      error_rate: [totals.error_rate, formatPercent(totals.error_rate)],
      cache_hit_rate: [totals.cache_hit_rate, formatPercent(totals.cache_hit_rate)],
      latency_p50: [totals.latency_ms.p50, formatMs(totals.latency_ms.p50)],
      latency_p95: [totals.latency_ms.p95, formatMs(totals.latency_ms.p95)],
      first_token_p50: [totals.first_token_ms.p50, formatMs(totals.first_token_ms.p50)],
      first_token_p95: [totals.first_token_ms.p95, formatMs(totals.first_token_ms.p95)],
      failovers: [totals.failovers, formatCount(totals.failovers)],
    };
    const shown = await page.$$eval('[data-metric]', (tiles) =>
      tiles.map((tile) => [
        tile.getAttribute('data-metric'),
        tile.getAttribute('data-value'),
        tile.querySelector('.tile-value')?.textContent,
      ]),
    );
    expect(
      Object.fromEntries(shown.map(([metric, value, text]) => [metric, [value, text]])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(expected).map(([metric, [value, text]]) => [
          metric,
          [value === null ? '' : String(value), text],
        ]),
      ),
    );
    expect(
      await page.$$eval('[data-group]', (rows) =>
        rows.map((row) => row.getAttribute('data-group')),
      ),
    ).toEqual(api.groups.map((group) => group.key));
    // Three uPlot charts drew (spend by model, latency, errors and failovers).
    expect(await page.locator('.chart canvas').count()).toBe(3);
    await screenshot(page, 'overview');
    // On a phone: nothing wider than the screen but the tables, which scroll on their own.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0);
    await screenshot(page, 'overview-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("shows each target's circuit as the health API does, and the failed attempts", async () => {
    await openPage(page, '#/providers');
    const { data } = await apiGet<{ data: TargetHealthReport }>(router, '/api/v1/targets/health');
    const circuits = await page.$$eval('[data-target]', (rows) =>
      rows.map((row) => [row.getAttribute('data-target'), row.getAttribute('data-circuit')]),
    );
    expect(circuits).toEqual(data.targets.map((target) => [target.target, target.circuit]));
    expect(Object.fromEntries(circuits)).toMatchObject({
      'mock/down': 'open',
      'mock/echo': 'closed',
    });
    // Two tries on mock/down for the failover, two for the direct call.
    expect(await page.locator('[data-failure="mock/down"]').count()).toBe(4);
    await screenshot(page, 'providers');
  });

  it('pages through the request log with its cursor and opens a request with its route and cost', async () => {
    await openPage(page, '#/requests?limit=5');
    const first = await requestIds(page);
    expect(first).toHaveLength(5);
    await screenshot(page, 'requests');
    await followLink(page, 'a[rel=next]');
    const second = await requestIds(page);
    const all = await apiGet<{ data: { id: string }[] }>(router, '/api/v1/requests?limit=200');
    expect([...first, ...second]).toEqual(all.data.map((record) => record.id));

    await openPage(page, '#/requests?model=chat');
    const [failover] = await requestIds(page);
    await followLink(page, `[data-request="${failover}"] a`);
    const outcomes = await page.$$eval('[data-attempt]', (rows) =>
      rows.map((row) => row.getAttribute('data-attempt')),
    );
    expect(outcomes).toEqual(['error', 'error', 'ok']);
    const generation = await apiGet<{ data: { total_cost: number } }>(
      router,
      `/api/v1/generation?id=${failover}`,
    );
    expect(await page.textContent('[data-fact="Cost"]')).toBe(
      formatMoney(generation.data.total_cost),
    );
    expect(await page.textContent('[data-fact="Summary"]')).toContain('mock/down');
    await screenshot(page, 'request-detail');
  });

  it('creates a key shown once for the openai client, edits its limits, rotates it and revokes it: then 401', async () => {
    await openPage(page, '#/keys');
    await page.fill('[data-form=create-key] input[name=name]', hostileName);
    await page.fill('[data-form=create-key] input[name=limit]', '1');
    await page.selectOption('[data-form=create-key] select[name=limit_reset]', 'daily');
    await page.fill('[data-form=create-key] textarea[name=models]', 'mock/echo, cached');
    await page.click('[data-form=create-key] button[type=submit]');
    const first = await (await page.waitForSelector('[data-testid=new-key]')).inputValue();
    expect(first).toMatch(/^sk-sy-/);
    const active = page.locator('tr[data-key][data-status=active]', { hasText: 'ops <img' });
    await active.waitFor();
    expect(await active.locator('td').first().textContent()).toBe(hostileName);
    expect(await page.locator('main img').count()).toBe(0);
    const hash = (await active.getAttribute('data-key')) as string;

    const app = (key: string) =>
      new OpenAI({ baseURL: `${router.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions;
    const answer = await app(first).create({ model: 'mock/echo', messages });
    expect(answer.choices[0]?.message.content).toBe('Echo: hello dashboard');
    // Its spend against its daily budget, as the usage API has it once settled.
    await expect
      .poll(async () => usageOf(await apiGet(router, '/api/v1/usage/keys'), hash), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await openPage(page, '#/keys');
    expect(
      Number(await page.getAttribute(`tr[data-key="${hash}"] [data-usage]`, 'data-usage')),
    ).toBe(usageOf(await apiGet(router, '/api/v1/usage/keys'), hash));

    await page.click(`tr[data-key="${hash}"] button:has-text("Edit")`);
    await page.fill('[data-form=edit-key] input[name=rpm]', '60');
    await page.click('[data-form=edit-key] button[type=submit]');
    await page.waitForSelector(`tr[data-key="${hash}"] td:has-text("60 rpm")`);
    const edited = await apiGet<{ data: { rpm: number; models: string[]; limit: number } }>(
      router,
      `/api/v1/keys/${hash}`,
    );
    expect(edited.data).toMatchObject({ rpm: 60, models: ['mock/echo', 'cached'], limit: 1 });

    await page.click(`tr[data-key="${hash}"] button:has-text("Rotate")`);
    await page.click('[data-form=rotate-key] button[type=submit]');
    await page.waitForSelector(`tr[data-key="${hash}"][data-status=expired]`);
    const second = await page.inputValue('[data-testid=new-key]');
    expect(second).not.toBe(first);
    await expect(app(first).create({ model: 'mock/echo', messages })).rejects.toMatchObject({
      status: 401,
    });
    expect((await app(second).create({ model: 'mock/echo', messages })).choices).toHaveLength(1);

    const successor = (await active.getAttribute('data-key')) as string;
    await page.click(`tr[data-key="${successor}"] button.danger`);
    await page.click(`tr[data-key="${successor}"] button.danger[data-armed=true]`);
    await page.waitForSelector(`tr[data-key="${successor}"][data-status=revoked]`);
    await expect(app(second).create({ model: 'mock/echo', messages })).rejects.toMatchObject({
      status: 401,
    });
    await screenshot(page, 'keys');
  });

  it('creates a team and lists the changes in the audit log', async () => {
    await openPage(page, '#/teams');
    await page.fill('[data-form=create-team] input[name=id]', 'research');
    await page.fill('[data-form=create-team] input[name=name]', 'R&D <b>lab</b>');
    await page.fill('[data-form=create-team] input[name=limit]', '25');
    await page.click('[data-form=create-team] button[type=submit]');
    await page.waitForSelector('tr[data-team=research]');
    expect(await page.locator('tr[data-team=research] td').nth(1).textContent()).toBe(
      'R&D <b>lab</b>',
    );
    await screenshot(page, 'teams');
    await openPage(page, '#/audit');
    const actions = await page.$$eval('[data-action]', (rows) =>
      rows.map((row) => row.getAttribute('data-action')),
    );
    expect(actions).toEqual([
      'team.create',
      'key.update',
      'key.rotate',
      'key.update',
      'key.create',
    ]);
    await screenshot(page, 'audit');
  });

  it('ran without console errors or CSP violations, under a CSP that does refuse inline script', async () => {
    // The one error: the browser's own line for the wrong key's 401 at sign-in.
    expect(problems.consoleErrors).toEqual([expect.stringMatching(/status of 401/)]);
    expect(problems.pageErrors).toEqual([]);
    expect(await problems.violations()).toEqual([]);
    expect(problems.urls.filter((url) => url.includes(adminKey))).toEqual([]);
    expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
    // The policy is enforced, so the listener above would have seen a violation.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
    });
    expect(await page.evaluate(() => '__inline' in window)).toBe(false);
    await expect.poll(() => problems.violations()).toEqual([expect.stringMatching(/^script-src/)]);
  });
});

/** Eight requests through the openai client: three plain, a stream, a cache miss and hit, a failover, a failure. */
async function scriptedRequests(client: OpenAI) {
  for (let index = 0; index < 3; index += 1) {
    await client.chat.completions.create({ model: 'mock/echo', messages });
  }
  const stream = await client.chat.completions.create({
    model: 'mock/echo',
    messages,
    stream: true,
  });
  for await (const _chunk of stream) {
    // Read to the end: the record is written when the stream is over.
  }
  for (let index = 0; index < 2; index += 1) {
    await client.chat.completions.create({ model: 'cached', messages });
  }
  await client.chat.completions.create({ model: 'chat', messages });
  await expect(
    client.chat.completions.create({ model: 'mock/down', messages }),
  ).rejects.toMatchObject({
    status: 502,
  });
}

async function stats(router: RunningRouter, query: string) {
  return (await apiGet<{ data: StatsResult }>(router, `/api/v1/stats?${query}`)).data;
}

async function requestIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-request]', (rows) =>
    rows.map((row) => row.getAttribute('data-request') ?? ''),
  );
}

/** A key's spend today, against its daily budget. */
function usageOf(answer: unknown, hash: string): number {
  const rows = (answer as { data: { hash: string; usage: { usage_daily: number } }[] }).data;
  return rows.find((row) => row.hash === hash)?.usage.usage_daily ?? -1;
}
