import type { EmbeddingModelV4CallOptions, EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { Context } from 'hono';
import type { RouteFacts, RouterEnv } from '../context.ts';
import type { AttemptRecord } from './attempt.ts';
import { callWithFailover, type Served } from './call-with-failover.ts';
import type { RequestControls } from './request-controls.ts';
import { resolveWithControls } from './resolve-targets.ts';

/**
 * `routeGenerate` for embeddings: resolves the requested model to targets, tries them in order
 * with the same failover rules, and records the decision in `c.var.route`.
 */
export async function routeEmbed(
  c: Context<RouterEnv>,
  model: string,
  options: EmbeddingModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<EmbeddingModelV4Result>> {
  const resolution = resolveWithControls(c.get('config'), model, controls);
  const attempts: AttemptRecord[] = [];
  const facts: RouteFacts = {
    requested: model,
    alias: resolution.alias,
    targets: resolution.targets.map((target) => target.id),
    attempts,
  };
  c.set('route', facts);
  const registry = c.get('registry');
  const served = await callWithFailover(
    resolution.targets,
    {
      registry,
      signal: c.req.raw.signal,
      onAttempt: (record) => attempts.push(record),
      policy: c.get('config').routing,
    },
    async (target, attempt) => {
      try {
        return await registry
          .embeddingModel(target)
          .doEmbed({ ...options, abortSignal: attempt.signal });
      } finally {
        attempt.clearDeadline();
      }
    },
  );
  facts.served = served.target;
  return served;
}
