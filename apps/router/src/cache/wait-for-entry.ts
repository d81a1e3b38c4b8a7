import type { CacheHit } from './response-cache.ts';

/**
 * Single flight, follower side: polls for the leader's entry with growing intervals until it
 * appears, the leader lets go without one (failed, uncacheable, or the store is down), the
 * wait budget runs out, or the client leaves. Undefined means "ask upstream".
 */
export async function waitForEntry(
  lookup: () => Promise<CacheHit | undefined>,
  isLocked: () => Promise<boolean>,
  budgetMs: number,
  signal: AbortSignal | undefined,
): Promise<CacheHit | undefined> {
  const deadline = Date.now() + budgetMs;
  let interval = 25;
  while (Date.now() < deadline && !signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(interval, deadline - Date.now())));
    const [hit, locked] = await Promise.all([lookup(), isLocked()]);
    if (hit !== undefined) return hit;
    // The leader saves before it lets go: one more look finds an entry saved meanwhile.
    if (!locked) return lookup();
    interval = Math.min(interval * 2, 250);
  }
  return undefined;
}
