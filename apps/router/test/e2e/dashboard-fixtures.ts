import { mkdirSync } from 'node:fs';
import type { MockUpstream, RunningRouter } from '@switchyard/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';

export const adminKey = 'sk-test-admin';

/** Where the dashboard tests put their screenshots (test artifacts, not committed). */
export const screenshotDirectory = new URL('../../test-results/dashboard/', import.meta.url)
  .pathname;

/**
 * Mock targets in the router (one always down), an OpenAI-format upstream over HTTP, an alias
 * that fails over, one that caches, and prices, so every overview figure has something to show.
 */
export function dashboardConfig(upstream: MockUpstream) {
  return {
    providers: {
      mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
      upstream: {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
        models: ['gpt-4o-mini'],
      },
    },
    models: {
      chat: { targets: ['mock/down', 'upstream/gpt-4o-mini'] },
      cached: { targets: ['mock/echo'], cache: { enabled: true } },
    },
    catalog: {
      'upstream/gpt-4o-mini': { pricing: { input: 0.15, output: 0.6 } },
      'mock/echo': { pricing: { input: 1, output: 2 } },
    },
    server: { requestLog: false },
    // Four failed attempts open mock/down's circuit: the providers page has one to show.
    routing: { circuitBreaker: { minRequests: 4, cooldownMs: 600_000 } },
    store: { timeBudgetMs: 5_000 },
    observability: { storeTimeBudgetMs: 5_000 },
  };
}

/** Chromium as Debian ships it, driven by playwright-core (it cannot download browsers here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** What a page did that the tests refuse: console errors, uncaught errors, CSP violations. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  urls: string[];
  violations(): Promise<string[]>;
}

/**
 * Records the page's console errors, uncaught errors, the URLs it asked for, and every CSP
 * violation (a listener added before any of the page's own scripts runs).
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems = {
    consoleErrors: [] as string[],
    pageErrors: [] as string[],
    urls: [] as string[],
  };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('request', (request) => problems.urls.push(request.url()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    ...problems,
    violations: () =>
      page.evaluate(() => [...(window as unknown as { __violations: string[] }).__violations]),
  };
}

/** Signs in through the form, as an operator would, and waits for the navigation to show. */
export async function signIn(page: Page, router: RunningRouter, key: string): Promise<void> {
  await page.goto(`${router.url}/dashboard`);
  await page.fill('#management-key', key);
  await page.click('form.sign-in button[type=submit]');
  await page.waitForSelector('header.top nav');
}

/** Opens a page of the dashboard by its fragment and waits until none of its panels loads. */
export async function openPage(page: Page, hash: string): Promise<void> {
  const here = await page.evaluate(() => location.hash);
  // The same fragment fires no hashchange: the Refresh button renders the page again.
  if (here === hash) await page.click('header.top button:has-text("Refresh")');
  else {
    await page.evaluate((target) => {
      location.hash = target;
    }, hash);
  }
  await waitForRoute(page, hash);
}

/** Clicks a link of the dashboard and waits for the page it leads to. */
export async function followLink(page: Page, selector: string): Promise<void> {
  const href = await page.getAttribute(selector, 'href');
  if (href === null) throw new Error(`${selector} has no href`);
  await page.click(selector);
  await waitForRoute(page, href);
}

/** Waits until the dashboard shows `hash` and every panel of it has loaded. */
export async function waitForRoute(page: Page, hash: string): Promise<void> {
  await page.waitForFunction(
    (target) =>
      document.querySelector('main')?.getAttribute('data-route') === target &&
      document.querySelectorAll('[aria-busy="true"]').length === 0,
    hash,
  );
}

/** A full-page screenshot in the test artifacts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  await page.screenshot({ path: `${screenshotDirectory}${name}.png`, fullPage: true });
}

/** The router's JSON answer to a GET with the admin key. */
export async function apiGet<Answer>(router: RunningRouter, path: string): Promise<Answer> {
  const response = await fetch(`${router.url}${path}`, {
    headers: { authorization: `Bearer ${adminKey}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Answer;
}

/**
 * Asks `read` again every 50 ms until it answers `wanted` (outside tests, where `expect.poll`
 * is not available); fails with the last answer after `timeoutMs`.
 */
export async function until<Value>(
  read: () => Promise<Value>,
  wanted: Value,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== wanted) {
    if (Date.now() > deadline) throw new Error(`still ${String(last)}, not ${String(wanted)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
}
