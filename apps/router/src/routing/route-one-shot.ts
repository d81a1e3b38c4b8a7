import type { Context } from 'hono';
import type { RouterEnv } from '../context.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { callWithFailover, type Served } from './call-with-failover.ts';
import type { RequestControls } from './request-controls.ts';
import { routeCall } from './route-language-model.ts';
import type { Target } from './target.ts';

/**
 * A call that answers in one piece (embeddings, images), routed like a language-model call:
 * the same resolution, ordering, failover, route facts and health records, with `run` as the
 * attempt, bounded by the attempt deadline.
 */
export function routeOneShot<T>(
  c: Context<RouterEnv>,
  model: string,
  controls: RequestControls | undefined,
  run: (registry: ProviderRegistry, target: Target, signal: AbortSignal) => Promise<T>,
): Promise<Served<T>> {
  return routeCall(
    c,
    model,
    controls,
    (targets, failover) =>
      callWithFailover(targets, failover, async (target, attempt) => {
        try {
          return await run(failover.registry, target, attempt.signal);
        } finally {
          attempt.clearDeadline();
        }
      }),
    (served, attempt, record) =>
      record(served.target.id, { ok: true, latencyMs: attempt.durationMs }),
  );
}
