import { Redis } from '@upstash/redis';
import type { Probe } from './measure.ts';

/**
 * One GET of the cached entry through `@upstash/redis` (configured as the router's store
 * configures it: raw strings, auto-pipelining on), the REST bridge and redis-server: what a
 * cache hit cannot avoid.
 */
export async function upstashGetProbe(
  upstash: { url: string; token: string },
  cacheKey: string | null,
): Promise<Probe> {
  const redis = new Redis({ ...upstash, automaticDeserialization: false });
  const [key] = await redis.keys(`sy:cache:*${cacheKey ?? ''}*`);
  if (key === undefined) throw new Error('the cached entry is not in Redis');
  return async () => {
    const started = performance.now();
    if ((await redis.get<string>(key)) === null) throw new Error('the cached entry is gone');
    const total = performance.now() - started;
    return { total, firstChunk: total };
  };
}
