import type { Context } from 'hono';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import { listModelIds } from '../../routing/resolve-targets.ts';
import { parseTarget } from '../../routing/target.ts';

/** One entry of `GET /v1/ai/config`, in the shape `gatewayAvailableModelsResponseSchema` reads. */
export interface AIGatewayModelEntry {
  id: string;
  name: string;
  description?: string;
  /** USD per token, as decimal strings; left out until a price catalog knows them. */
  pricing?: {
    input: string;
    output: string;
    input_cache_read?: string;
    input_cache_write?: string;
  };
  specification: { specificationVersion: 'v4'; provider: string; modelId: string };
  modelType: 'language' | 'embedding';
}

/** The config names no model kind, so the id decides: `text-embedding-3-small`, `nomic-embed-text`. */
const embeddingModelPattern = /embed/i;

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
  return {
    id,
    name: id,
    ...(alias?.description !== undefined && { description: alias.description }),
    specification: {
      specificationVersion: 'v4',
      provider: target?.providerId ?? 'switchyard',
      modelId: target?.modelId ?? id,
    },
    modelType: embeddingModelPattern.test(id) ? 'embedding' : 'language',
  };
}
