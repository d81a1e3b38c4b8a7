import { createJsonResponseHandler, getFromApi } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { mapSwitchyardError, switchyardFailedResponseHandler } from './map-switchyard-error.ts';
import type { SwitchyardModelConfig } from './switchyard-model-config.ts';

const price = z.union([z.string(), z.number()]).transform(String);

const availableModelsSchema = z.object({
  models: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullish(),
      pricing: z
        .object({
          input: price,
          output: price,
          input_cache_read: price.nullish(),
          input_cache_write: price.nullish(),
        })
        .nullish(),
      specification: z.object({
        specificationVersion: z.string(),
        provider: z.string(),
        modelId: z.string(),
      }),
      modelType: z.string().nullish(),
    }),
  ),
});

/** One model the router serves, as `GET {baseURL}/config` lists it. */
export interface SwitchyardModelEntry {
  /** What to pass to `gateway(id)`: an alias or `provider/model`. */
  id: string;
  name: string;
  description?: string;
  /** USD per token, as decimal strings. */
  pricing?: {
    input: string;
    output: string;
    cachedInputTokens?: string;
    cacheCreationInputTokens?: string;
  };
  specification: { specificationVersion: string; provider: string; modelId: string };
  /** `language`, `embedding`, `image`, ... */
  modelType?: string;
}

export interface SwitchyardAvailableModels {
  models: SwitchyardModelEntry[];
}

/** Fetches the router's model list (`GET {baseURL}/config`). */
export async function getAvailableModels(
  config: SwitchyardModelConfig,
): Promise<SwitchyardAvailableModels> {
  const { value } = await getFromApi({
    url: `${config.baseURL()}/config`,
    headers: config.headers(),
    successfulResponseHandler: createJsonResponseHandler(availableModelsSchema),
    failedResponseHandler: switchyardFailedResponseHandler,
    fetch: config.fetch,
  }).catch((error: unknown) => {
    throw mapSwitchyardError(error);
  });
  return {
    models: value.models.map(({ description, pricing, modelType, ...model }) => ({
      ...model,
      ...(description != null && { description }),
      ...(modelType != null && { modelType }),
      ...(pricing != null && {
        pricing: {
          input: pricing.input,
          output: pricing.output,
          ...(pricing.input_cache_read != null && { cachedInputTokens: pricing.input_cache_read }),
          ...(pricing.input_cache_write != null && {
            cacheCreationInputTokens: pricing.input_cache_write,
          }),
        },
      }),
    })),
  };
}
