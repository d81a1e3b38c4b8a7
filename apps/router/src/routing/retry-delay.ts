import type { RoutingConfig } from '../config/routing-schema.ts';

/**
 * How long to wait before trying the same target again: the upstream's Retry-After when it
 * sent one, else exponential backoff with full jitter. Undefined when the wait would be longer
 * than the policy allows, so the loop moves on to the next target instead.
 */
export function retryDelay(
  retryNumber: number,
  retryAfterMs: number | undefined,
  policy: Pick<RoutingConfig, 'backoff' | 'maxRetryAfterMs'>,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  }
  const ceiling = Math.min(policy.backoff.maxMs, policy.backoff.baseMs * 2 ** (retryNumber - 1));
  return Math.round(random() * ceiling);
}
