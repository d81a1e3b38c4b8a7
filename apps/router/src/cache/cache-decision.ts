import type { RouterConfig } from '../config/index.ts';

/** What one request asked of the cache (headers or `providerOptions.switchyard.cache`). */
export interface CacheRequest {
  ttlSeconds?: number;
  /** Skip the lookup, still store the answer (`Cache-Control: no-cache`). */
  noCache?: boolean;
  /** Neither look up nor store (`Cache-Control: no-store`). */
  noStore?: boolean;
}

export type CacheDecision =
  | { use: false }
  | { use: true; lookup: boolean; store: boolean; ttlSeconds: number };

/**
 * Whether and how this request uses the cache: the request's own TTL turns it on; otherwise
 * the alias's setting, then the global one. `no-store` always bypasses.
 */
export function decideCache(
  config: RouterConfig,
  model: string,
  request: CacheRequest = {},
): CacheDecision {
  if (request.noStore) return { use: false };
  const alias = Object.hasOwn(config.models, model) ? config.models[model]?.cache : undefined;
  const enabled = request.ttlSeconds !== undefined || (alias?.enabled ?? config.cache.enabled);
  if (!enabled) return { use: false };
  return {
    use: true,
    lookup: request.noCache !== true,
    store: true,
    ttlSeconds: request.ttlSeconds ?? alias?.ttlSeconds ?? config.cache.ttlSeconds,
  };
}
