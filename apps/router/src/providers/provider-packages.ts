import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createAzure } from '@ai-sdk/azure';
import { createCerebras } from '@ai-sdk/cerebras';
import { createCohere } from '@ai-sdk/cohere';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createFireworks } from '@ai-sdk/fireworks';
import { createGoogle } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createPerplexity } from '@ai-sdk/perplexity';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { createTogetherAI } from '@ai-sdk/togetherai';
import { createXai } from '@ai-sdk/xai';
import type { HttpProviderConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import type { ModelFactory } from './create-language-model.ts';
import type { Credentials } from './provider-credentials.ts';

export interface PackageContext {
  providerId: string;
  credentials: Credentials;
  fetch?: FetchFunction;
}

/**
 * The model factory of one provider, through its official AI SDK package. Every package gets
 * the configured base URL, headers and the runtime's fetch.
 */
export function createPackageFactory(
  config: HttpProviderConfig,
  { providerId, credentials, fetch }: PackageContext,
): ModelFactory {
  const common = {
    apiKey: credentials.apiKey,
    baseURL: config.baseURL,
    headers: config.headers,
    fetch,
  };
  const languageOnly = (languageModel: (modelId: string) => LanguageModelV4): ModelFactory => ({
    languageModel,
    embeddingModel: () => {
      throw embeddingsNotSupported(providerId);
    },
  });
  switch (config.type) {
    case 'openai': {
      const { organization, project } = config;
      const provider = createOpenAI({ ...common, organization, project });
      return {
        languageModel: config.api === 'chat' ? provider.chat : provider.responses,
        embeddingModel: provider.embeddingModel,
      };
    }
    case 'azure': {
      const { resourceName, apiVersion, useDeploymentBasedUrls } = config;
      const provider = createAzure({ ...common, resourceName, apiVersion, useDeploymentBasedUrls });
      return {
        languageModel: config.api === 'chat' ? provider.chat : provider.responses,
        embeddingModel: provider.embeddingModel,
      };
    }
    case 'amazon-bedrock': {
      const provider = createAmazonBedrock({
        ...common,
        ...credentials.aws,
        region: config.region,
      });
      return { languageModel: provider.languageModel, embeddingModel: provider.embeddingModel };
    }
    case 'openai-compatible': {
      const { baseURL, includeUsage } = config;
      const provider = createOpenAICompatible({
        ...common,
        baseURL,
        includeUsage,
        name: providerId,
      });
      return { languageModel: provider.chatModel, embeddingModel: provider.embeddingModel };
    }
    case 'google':
      return withEmbeddings(createGoogle(common));
    case 'mistral':
      return withEmbeddings(createMistral(common));
    case 'cohere':
      return withEmbeddings(createCohere(common));
    case 'togetherai':
      return withEmbeddings(createTogetherAI(common));
    case 'fireworks':
      return withEmbeddings(createFireworks(common));
    case 'perplexity':
      return withEmbeddings(createPerplexity(common));
    case 'anthropic':
      return languageOnly(createAnthropic(common).languageModel);
    case 'groq':
      return languageOnly(createGroq(common).languageModel);
    case 'xai':
      return languageOnly(createXai(common).languageModel);
    case 'deepseek':
      return languageOnly(createDeepSeek(common).languageModel);
    case 'cerebras':
      return languageOnly(createCerebras(common).languageModel);
  }
}

function withEmbeddings(provider: ModelFactory): ModelFactory {
  return { languageModel: provider.languageModel, embeddingModel: provider.embeddingModel };
}

/** A request the provider can never serve: retrying it, here or elsewhere, cannot help. */
function embeddingsNotSupported(providerId: string): GatewayError {
  return new GatewayError({
    message: `The model does not support embeddings: provider '${providerId}' has no embedding models.`,
    statusCode: 400,
    type: 'invalid_request_error',
    code: 'embeddings_not_supported',
  });
}
