import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RouterEnv } from '../context.ts';
import { errorHandler } from '../middleware/error-handler.ts';
import { cacheRequestFromHeaders } from '../protocols/cache-request-headers.ts';
import { decideCache } from './cache-decision.ts';

function configWith(cache: object = {}) {
  return parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {} } } },
    models: {
      cached: { targets: ['mock/echo'], cache: { enabled: true, ttlSeconds: 60 } },
      uncached: { targets: ['mock/echo'], cache: { enabled: false } },
      plain: { targets: ['mock/echo'] },
    },
    cache,
  });
}

describe('decideCache', () => {
  it('is off by default', () => {
    expect(decideCache(configWith(), 'plain')).toEqual({ use: false });
    expect(decideCache(configWith(), 'mock/echo')).toEqual({ use: false });
  });

  it("follows the alias's setting over the global one, with the alias's TTL", () => {
    const on = configWith({ enabled: true, ttlSeconds: 300 });
    expect(decideCache(configWith(), 'cached')).toEqual({
      use: true,
      lookup: true,
      store: true,
      ttlSeconds: 60,
    });
    expect(decideCache(on, 'uncached')).toEqual({ use: false });
    expect(decideCache(on, 'plain')).toMatchObject({ use: true, ttlSeconds: 300 });
  });

  it("turns the cache on for a request with its own TTL, which wins over the alias's", () => {
    expect(decideCache(configWith(), 'plain', { ttlSeconds: 20 })).toMatchObject({
      use: true,
      ttlSeconds: 20,
    });
    expect(decideCache(configWith(), 'cached', { ttlSeconds: 20 })).toMatchObject({
      ttlSeconds: 20,
    });
  });

  it('skips the lookup but stores with no-cache, and bypasses with no-store', () => {
    expect(decideCache(configWith(), 'cached', { noCache: true })).toMatchObject({
      use: true,
      lookup: false,
      store: true,
    });
    expect(decideCache(configWith(), 'cached', { noStore: true, ttlSeconds: 20 })).toEqual({
      use: false,
    });
  });

  it('does not read aliases off the object prototype', () => {
    expect(decideCache(configWith(), 'constructor')).toEqual({ use: false });
  });
});

describe('cacheRequestFromHeaders', () => {
  const app = new Hono<RouterEnv>();
  app.onError(errorHandler);
  app.get('/', (c) => c.json(cacheRequestFromHeaders(c)));
  const read = async (headers: Record<string, string>) => {
    const response = await app.request('/', { headers });
    return { status: response.status, body: await response.json() };
  };

  it('reads Cache-Control directives in any case and order', async () => {
    expect((await read({ 'cache-control': 'No-Cache' })).body).toEqual({ noCache: true });
    expect((await read({ 'cache-control': 'max-age=60, no-store' })).body).toEqual({
      noStore: true,
      ttlSeconds: 60,
    });
    expect((await read({})).body).toEqual({});
  });

  it('takes x-switchyard-cache-ttl over max-age', async () => {
    const { body } = await read({ 'cache-control': 'max-age=60', 'x-switchyard-cache-ttl': '90' });
    expect(body).toEqual({ ttlSeconds: 90 });
  });

  it('rejects a TTL outside 10 s to one year, or not a whole number', async () => {
    const cases: Record<string, string>[] = [
      { 'x-switchyard-cache-ttl': '5' },
      { 'x-switchyard-cache-ttl': '31536001' },
      { 'x-switchyard-cache-ttl': '1.5' },
      { 'x-switchyard-cache-ttl': 'soon' },
      { 'cache-control': 'max-age=0' },
    ];
    for (const headers of cases) {
      const { status, body } = await read(headers);
      expect(status).toBe(400);
      expect(body.error.param).toBe(Object.keys(headers)[0]);
    }
  });
});
