import { type Answer, complete, createKey, patchKey, roundRobin, statusCounts } from './client.ts';
import type { Fleet } from './fleet.ts';

export interface RevocationResult {
  /** Requests of the warm-up load, before the PATCH, by status. */
  before: Record<number, number>;
  /** Requests that were in flight while the PATCH ran, by status (either answer is fine). */
  during: Record<number, number>;
  patchMs: number;
  /** Requests sent after the PATCH returned, by status: all must be 401. */
  after: Record<number, number>;
  afterRequests: number;
  succeededAfter: number;
}

/**
 * A key in use on all three routers (so each has it cached) is disabled through one of them;
 * every request sent after the PATCH returned must be refused, whichever process it reaches.
 */
export async function runRevocation(
  fleet: Fleet,
  options: { requests: number; concurrency: number },
): Promise<RevocationResult> {
  await fleet.setUpstream({ latencyMs: 0 });
  const urls = fleet.routers.map((router) => router.url);
  const key = await createKey(urls[0] ?? '', { name: 'revoked key' });
  const next = roundRobin(urls);

  const before: Answer[] = [];
  const during: Answer[] = [];
  let phase: 'before' | 'during' | 'done' = 'before';
  const load = Array.from({ length: options.concurrency }, async () => {
    while (phase !== 'done') {
      const started = phase;
      const answer = await complete(next(), key.key);
      (started === 'before' && phase === 'before' ? before : during).push(answer);
    }
  });
  while (before.length < 60) await new Promise((resolve) => setTimeout(resolve, 10));

  phase = 'during';
  const patchStarted = performance.now();
  const patched = await patchKey(urls[2] ?? '', key.hash, { disabled: true });
  const patchMs = performance.now() - patchStarted;
  if (!patched.data.disabled) throw new Error('the PATCH did not disable the key');
  phase = 'done';

  const after: Answer[] = [];
  let sent = 0;
  const senders = Array.from({ length: options.concurrency }, async () => {
    while (sent < options.requests) {
      sent += 1;
      after.push(await complete(next(), key.key));
    }
  });
  await Promise.all([...senders, ...load]);
  const statuses = statusCounts(after);
  return {
    before: statusCounts(before),
    during: statusCounts(during),
    patchMs,
    after: statuses,
    afterRequests: after.length,
    succeededAfter: statuses[200] ?? 0,
  };
}
