import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createCohere } from '@ai-sdk/cohere';
import type { RerankingModelV4 } from '@ai-sdk/provider';
import { createTogetherAI } from '@ai-sdk/togetherai';
import type { ProviderConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import type { ProviderContext } from './create-language-model.ts';
import { createMockRerankingModel } from './mock/index.ts';
import { providerKeyMissing, resolveCredentials } from './provider-credentials.ts';

/**
 * The reranking model `modelId` of one configured provider, through its AI SDK package (Cohere,
 * Amazon Bedrock, Together AI) or the deterministic mock, with the same keys (BYOK included) as
 * its language models. Providers without reranking models answer 400 `reranking_not_supported`.
 * @example createRerankingModel(config.providers.cohere, { providerId: 'cohere', env }, 'rerank-v3.5')
 */
export function createRerankingModel(
  config: ProviderConfig | undefined,
  context: ProviderContext,
  modelId: string,
): RerankingModelV4 {
  const { providerId } = context;
  if (config === undefined) throw new Error(`provider '${providerId}' is not configured`);
  if (config.type === 'mock') {
    const settings = Object.hasOwn(config.models, modelId) ? config.models[modelId] : undefined;
    if (settings === undefined) throw new Error(`mock model '${modelId}' is not configured`);
    return createMockRerankingModel({ providerId, modelId, settings });
  }
  // Refused before the key is looked up: a missing key is not the reason it cannot serve.
  if (
    config.type !== 'cohere' &&
    config.type !== 'togetherai' &&
    config.type !== 'amazon-bedrock'
  ) {
    throw rerankingNotSupported(providerId);
  }
  const credentials = resolveCredentials(config, context.env, context.apiKey);
  if (credentials === undefined) throw providerKeyMissing(config, providerId);
  const common = {
    apiKey: credentials.apiKey,
    baseURL: config.baseURL,
    headers: config.headers,
    fetch: context.fetch,
  };
  switch (config.type) {
    case 'cohere':
      return createCohere(common).reranking(modelId);
    case 'togetherai':
      return createTogetherAI(common).reranking(modelId);
    case 'amazon-bedrock':
      return createAmazonBedrock({
        ...common,
        ...credentials.aws,
        region: config.region,
      }).reranking(modelId);
  }
}

/** A request the provider can never serve: retrying it, here or elsewhere, cannot help. */
function rerankingNotSupported(providerId: string): GatewayError {
  return new GatewayError({
    message: `The model does not support reranking: provider '${providerId}' has no reranking models.`,
    statusCode: 400,
    type: 'invalid_request_error',
    code: 'reranking_not_supported',
  });
}
