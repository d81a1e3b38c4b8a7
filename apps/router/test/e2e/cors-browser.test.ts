import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, useRouter } from './fixtures.ts';

/** An empty page to run `fetch` from: its origin is what the router allows or not. */
async function startPageServer(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface PageResult {
  ok: boolean;
  status?: number;
  requestId?: string | null;
  switchyardRequestId?: string | null;
  route?: string | null;
  text?: string;
  error?: string;
}

/** What a browser app sees when it calls the router from `pageUrl` (a preflighted request). */
async function fetchFromPage(
  browser: Browser,
  pageUrl: string,
  url: string,
  init: { key: string; body: unknown },
): Promise<PageResult> {
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    return await page.evaluate(
      async ({ url, key, body }) => {
        try {
          const response = await fetch(url, {
            method: 'POST',
            // Cookies and the Authorization header: a credentialed, preflighted request.
            credentials: 'include',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          return {
            ok: true,
            status: response.status,
            requestId: response.headers.get('x-request-id'),
            switchyardRequestId: response.headers.get('x-switchyard-request-id'),
            route: response.headers.get('x-switchyard-route'),
            text: await response.text(),
          };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      { url, ...init },
    );
  } finally {
    await page.close();
  }
}

describe('a browser app calling the router', () => {
  let pages: Server;
  let browser: Browser;
  let allowedOrigin = '';
  beforeAll(async () => {
    pages = await startPageServer();
    allowedOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  const running = useRouter('node', (upstream) => ({
    ...upstreamConfig(upstream),
    server: { cors: { origins: [allowedOrigin], credentials: true } },
  }));
  afterAll(async () => {
    await browser?.close();
    pages?.close();
  });

  const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hello from a page' }] };

  it('reads the answer and the exposed headers from an allowed origin', async () => {
    const result = await fetchFromPage(
      browser,
      allowedOrigin,
      `${running.router.url}/v1/chat/completions`,
      {
        key: adminKey,
        body: chat,
      },
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(JSON.parse(result.text ?? '{}').choices[0].message.content).toBe(
      'Echo: hello from a page',
    );
    expect(result.requestId).toMatch(/^req_/);
    expect(result.switchyardRequestId).toBe(result.requestId);
    expect(result.route).toContain('model=mock/echo');
  });

  it('reads a refusal from an allowed origin', async () => {
    const result = await fetchFromPage(
      browser,
      allowedOrigin,
      `${running.router.url}/v1/chat/completions`,
      {
        key: 'sk-wrong',
        body: chat,
      },
    );
    expect(result).toMatchObject({ ok: true, status: 401 });
    expect(JSON.parse(result.text ?? '{}').error.message).toMatch(/gateway key/);
  });

  it('is refused by the browser from an origin that is not listed', async () => {
    // localhost and 127.0.0.1 are different origins.
    const otherOrigin = allowedOrigin.replace('127.0.0.1', 'localhost');
    const result = await fetchFromPage(
      browser,
      otherOrigin,
      `${running.router.url}/v1/chat/completions`,
      {
        key: adminKey,
        body: chat,
      },
    );
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Failed to fetch/) });
  });
});
