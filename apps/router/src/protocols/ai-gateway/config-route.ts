import type { Context } from 'hono';
import { describeTarget } from '../../catalog/describe-target.ts';
import { perTokenPrice } from '../../catalog/per-token-price.ts';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import { listModelIds } from '../../routing/resolve-targets.ts';
import { parseTarget } from '../../routing/target.ts';

/** One entry of `GET /v1/ai/config`, in the shape `gatewayAvailableModelsResponseSchema` reads. */
export interface AIGatewayModelEntry {
  id: string;
  name: string;
  description?: string;
  /** USD per token, as decimal strings; left out when the catalog has no price. */
  pricing?: {
    input: string;
    output: string;
    input_cache_read?: string;
    input_cache_write?: string;
  };
  specification: { specificationVersion: 'v4'; provider: string; modelId: string };
  modelType: ModelType;
}

type ModelType = 'language' | 'embedding' | 'image' | 'reranking';

/**
 * The config names no model kind, so the id decides: `text-embedding-3-small`, `rerank-v3.5`,
 * `gpt-image-1`, `dall-e-3`, `imagen-4.0-generate-001`, `flux-pro`; anything else is a language model.
 */
const modelTypePatterns: [RegExp, ModelType][] = [
  [/embed/i, 'embedding'],
  [/rerank/i, 'reranking'],
  [/image|dall-e|imagen|flux|stable-diffusion|nova-canvas/i, 'image'],
];

const modelTypeOf = (id: string): ModelType =>
  modelTypePatterns.find(([pattern]) => pattern.test(id))?.[1] ?? 'language';

/** `GET /v1/ai/config`: the models `getAvailableModels()` lists — aliases, then listed models. */
export const configRoute = (config: RouterConfig) => {
  const body = { models: listModelIds(config).map(({ id }) => modelEntry(config, id)) };
  return function aiGatewayConfig(c: Context<RouterEnv>) {
    return c.json(body);
  };
};

function modelEntry(config: RouterConfig, id: string): AIGatewayModelEntry {
  const alias = Object.hasOwn(config.models, id) ? config.models[id] : undefined;
  const target = alias === undefined ? parseTarget(id) : undefined;
  const described = describeTarget(config, id);
  const pricing = described.pricing;
  return {
    id,
    name: described.name ?? id,
    ...((alias?.description ?? described.description) !== undefined && {
      description: alias?.description ?? described.description,
    }),
    ...(pricing !== undefined && {
      pricing: {
        input: perTokenPrice(pricing.input),
        output: perTokenPrice(pricing.output),
        ...(pricing.cacheRead !== undefined && {
          input_cache_read: perTokenPrice(pricing.cacheRead),
        }),
        ...(pricing.cacheWrite !== undefined && {
          input_cache_write: perTokenPrice(pricing.cacheWrite),
        }),
      },
    }),
    specification: {
      specificationVersion: 'v4',
      provider: target?.providerId ?? 'switchyard',
      modelId: target?.modelId ?? id,
    },
    modelType: modelTypeOf(id),
  };
}
