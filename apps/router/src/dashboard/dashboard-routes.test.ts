import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { parseConfig } from '../config/index.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { dashboardAssets } from './generated/dashboard-assets.ts';

const app = createApp({
  config: parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {} } } },
    server: { requestLog: false },
  }),
  store: createMemoryStore(),
  adminKey: 'sk-test-admin',
});

describe('GET /dashboard', () => {
  it('serves the page without a key, under a strict Content-Security-Policy', async () => {
    const response = await app.request('/dashboard');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    // No inline script or style: the page only names its bundled assets.
    expect(html).toContain(
      `<script type="module" src="/dashboard/assets/${dashboardAssets.script.name}"></script>`,
    );
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son\w+=/);
  });

  it('serves each bundled asset by its hashed name, for good, and nothing else', async () => {
    for (const asset of [dashboardAssets.script, dashboardAssets.style]) {
      const response = await app.request(`/dashboard/assets/${asset.name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(asset.contentType);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(await response.text()).toBe(asset.text);
    }
    const missing = await app.request('/dashboard/assets/dashboard.000000000000.js');
    expect(missing.status).toBe(404);
    expect((await missing.json()) as unknown).toMatchObject({ error: { type: 'not_found_error' } });
    expect((await app.request('/dashboard/')).headers.get('location')).toBe('/dashboard');
  });

  it('answers any method but GET on the page and its assets with 405, allow GET, in the envelope', async () => {
    for (const path of ['/dashboard', `/dashboard/assets/${dashboardAssets.script.name}`]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await app.request(path, { method });
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get('allow')).toBe('GET');
        expect((await response.json()) as unknown).toMatchObject({
          error: { type: 'invalid_request_error', code: 'method_not_allowed' },
        });
      }
    }
  });
});
