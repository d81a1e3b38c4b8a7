import type { Context } from 'hono';
import { describeTarget } from '../../catalog/describe-target.ts';
import type { ModelDescription } from '../../catalog/model-description.ts';
import { perTokenPrice } from '../../catalog/per-token-price.ts';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { listModelIds } from '../../routing/resolve-targets.ts';

/**
 * `GET /v1/models`: aliases and the configured providers' models in OpenAI's list shape, with
 * what the catalog knows (OpenRouter's field names): context length, output limit,
 * modalities, tool support and per-token prices. Built once, at start-up.
 */
export const modelsRoute = (deps: RouterDeps) => {
  const body = {
    object: 'list' as const,
    data: listModelIds(deps.config).map(({ id, ownedBy }) => modelEntry(deps.config, id, ownedBy)),
  };
  return function models(c: Context<RouterEnv>) {
    return c.json(body);
  };
};

/** One model in OpenAI's shape, with what the catalog knows about it. */
export function modelEntry(config: RouterConfig, id: string, ownedBy: string) {
  return {
    id,
    object: 'model' as const,
    created: 0,
    owned_by: ownedBy,
    ...catalogFields(describeTarget(config, id)),
  };
}

function catalogFields(model: ModelDescription) {
  const { pricing } = model;
  return {
    ...(model.name !== undefined && { name: model.name }),
    ...(model.description !== undefined && { description: model.description }),
    ...(model.contextWindow !== undefined && { context_length: model.contextWindow }),
    ...(model.maxOutputTokens !== undefined && { max_output_tokens: model.maxOutputTokens }),
    ...(model.modalities !== undefined && {
      architecture: {
        input_modalities: model.modalities.input,
        output_modalities: model.modalities.output,
      },
    }),
    ...(model.toolCalls !== undefined && { supports_tools: model.toolCalls }),
    ...(model.reasoning !== undefined && { supports_reasoning: model.reasoning }),
    ...(pricing !== undefined && {
      pricing: {
        prompt: perTokenPrice(pricing.input),
        completion: perTokenPrice(pricing.output),
        ...(pricing.cacheRead !== undefined && {
          input_cache_read: perTokenPrice(pricing.cacheRead),
        }),
        ...(pricing.cacheWrite !== undefined && {
          input_cache_write: perTokenPrice(pricing.cacheWrite),
        }),
        ...(pricing.reasoning !== undefined && {
          internal_reasoning: perTokenPrice(pricing.reasoning),
        }),
      },
    }),
  };
}
