import type { Context } from 'hono';
import type { CacheRequest } from '../cache/cache-decision.ts';
import { cacheTtlSchema } from '../config/cache-schema.ts';
import { InvalidRequestError } from '../errors/index.ts';

/**
 * The cache controls a client sends as headers: `Cache-Control: no-cache | no-store |
 * max-age=N` and `x-switchyard-cache-ttl: N` (seconds, 10 to 31536000).
 */
export function cacheRequestFromHeaders(c: Context): CacheRequest {
  const request: CacheRequest = {};
  const directives = (c.req.header('cache-control') ?? '')
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim());
  if (directives.includes('no-store')) request.noStore = true;
  if (directives.includes('no-cache')) request.noCache = true;
  const maxAge = directives.find((directive) => directive.startsWith('max-age='));
  if (maxAge !== undefined) request.ttlSeconds = parseTtl(maxAge.slice(8), 'cache-control');
  const ttl = c.req.header('x-switchyard-cache-ttl');
  if (ttl !== undefined) request.ttlSeconds = parseTtl(ttl, 'x-switchyard-cache-ttl');
  return request;
}

function parseTtl(text: string, param: string): number {
  const result = cacheTtlSchema.safeParse(Number(text));
  if (!result.success) {
    throw new InvalidRequestError({
      message: `${param}: a cache TTL is a whole number of seconds from 10 to 31536000.`,
      param,
    });
  }
  return result.data;
}
