import { describe, expect, it } from 'vitest';
import { createNodeStore } from './node-store.ts';

// Nothing listens on port 9 (discard), so the Redis store only tries to connect.
const redisUrl = 'redis://router:s3cret-password@127.0.0.1:9/2';
const upstash = {
  UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 't0ken',
};

describe('createNodeStore', () => {
  it('uses plain Redis for REDIS_URL, even when Upstash is configured too', async () => {
    const selected = createNodeStore({ REDIS_URL: redisUrl, ...upstash });
    expect(selected.store.kind).toBe('redis');
    expect(selected.description).toBe('Redis at redis://router:***@127.0.0.1:9/2');
    await selected.close();
  });

  it('never names the password or token of a store', async () => {
    const withQuery = createNodeStore({ REDIS_URL: `${redisUrl}?password=other-secret` });
    const upstashStore = createNodeStore(upstash);
    const descriptions = [withQuery.description, upstashStore.description];
    expect(descriptions.join(' ')).not.toMatch(/s3cret|other-secret|t0ken/);
    expect(upstashStore).toMatchObject({ description: 'Upstash at https://eu1.upstash.io/' });
    expect(upstashStore.store.kind).toBe('upstash');
    await withQuery.close();
  });

  it('uses the in-process store without Redis or Upstash variables', async () => {
    const selected = createNodeStore({ UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io' });
    expect(selected.store.kind).toBe('memory');
    expect(selected.description).toMatch(/in-process/);
    await expect(selected.close()).resolves.toBeUndefined();
  });
});
