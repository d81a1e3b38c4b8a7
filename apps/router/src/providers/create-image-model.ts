import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAzure } from '@ai-sdk/azure';
import { createFireworks } from '@ai-sdk/fireworks';
import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { ImageModelV4 } from '@ai-sdk/provider';
import { createTogetherAI } from '@ai-sdk/togetherai';
import { createXai } from '@ai-sdk/xai';
import type { ProviderConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import type { ProviderContext } from './create-language-model.ts';
import { createMockImageModel } from './mock/index.ts';
import { providerKeyMissing, resolveCredentials } from './provider-credentials.ts';

/**
 * The image model `modelId` of one configured provider, through its AI SDK package (OpenAI,
 * Azure, Google, Bedrock, xAI, Together AI, Fireworks, OpenAI-compatible) or the deterministic
 * mock, with the same keys (BYOK included) as its language models. Providers without image
 * models answer 400 `images_not_supported`.
 * @example createImageModel(config.providers.openai, { providerId: 'openai', env }, 'gpt-image-1')
 */
export function createImageModel(
  config: ProviderConfig | undefined,
  context: ProviderContext,
  modelId: string,
): ImageModelV4 {
  const { providerId } = context;
  if (config === undefined) throw new Error(`provider '${providerId}' is not configured`);
  if (config.type === 'mock') {
    const settings = Object.hasOwn(config.models, modelId) ? config.models[modelId] : undefined;
    if (settings === undefined) throw new Error(`mock model '${modelId}' is not configured`);
    return createMockImageModel({ providerId, modelId, settings });
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
    case 'openai': {
      const { organization, project } = config;
      return createOpenAI({ ...common, organization, project }).image(modelId);
    }
    case 'azure': {
      const { resourceName, apiVersion, useDeploymentBasedUrls } = config;
      const provider = createAzure({ ...common, resourceName, apiVersion, useDeploymentBasedUrls });
      return provider.image(modelId);
    }
    case 'amazon-bedrock':
      return createAmazonBedrock({ ...common, ...credentials.aws, region: config.region }).image(
        modelId,
      );
    case 'openai-compatible':
      return createOpenAICompatible({
        ...common,
        baseURL: config.baseURL,
        name: providerId,
      }).imageModel(modelId);
    case 'google':
      return createGoogle(common).image(modelId);
    case 'xai':
      return createXai(common).image(modelId);
    case 'togetherai':
      return createTogetherAI(common).image(modelId);
    case 'fireworks':
      return createFireworks(common).image(modelId);
    default:
      throw imagesNotSupported(providerId);
  }
}

/** A request the provider can never serve: retrying it, here or elsewhere, cannot help. */
function imagesNotSupported(providerId: string): GatewayError {
  return new GatewayError({
    message: `The model does not support images: provider '${providerId}' has no image models.`,
    statusCode: 400,
    type: 'invalid_request_error',
    code: 'images_not_supported',
  });
}
