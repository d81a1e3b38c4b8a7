import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RouterEnv } from '../context.ts';
import { errorHandler } from '../middleware/error-handler.ts';
import { withRoutingHeaders } from './routing-headers.ts';

const app = new Hono<RouterEnv>()
  .get('/controls', (c) => c.json(withRoutingHeaders(c, { metadata: { team: 'body' } })))
  .onError(errorHandler);

const controlsFor = (headers: Record<string, string>) => app.request('/controls', { headers });

describe('withRoutingHeaders', () => {
  it('merges header metadata and tags under what the body says', async () => {
    const response = await controlsFor({
      'x-switchyard-metadata': '{"team":"header","region":"eu"}',
      'x-switchyard-tags': 'beta, eu,,beta',
    });
    expect(await response.json()).toEqual({
      metadata: { team: 'body', region: 'eu' },
      tags: ['beta', 'eu'],
    });
  });

  it('answers 400 naming the header for metadata that is not an object of strings', async () => {
    for (const header of ['not json', '[]', '{"a":1}', '{"a":{"b":"c"}}']) {
      const response = await controlsFor({ 'x-switchyard-metadata': header });
      expect(response.status, header).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { type: 'invalid_request_error', param: 'x-switchyard-metadata' },
      });
    }
  });

  it('answers 400 naming the header for prototype keys in metadata', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const response = await controlsFor({ 'x-switchyard-metadata': `{"${key}":"x"}` });
      expect(response.status, key).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { type: 'invalid_request_error', param: 'x-switchyard-metadata' },
      });
    }
  });
});
