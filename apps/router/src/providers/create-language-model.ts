import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { type ProviderConfig, resolveSecret } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { createMockEmbeddingModel, createMockLanguageModel } from './mock/index.ts';

export interface ProviderContext {
  providerId: string;
  env: Readonly<Record<string, unknown>>;
  fetch?: FetchFunction;
}

/** Turns a model id into a model of one configured provider. */
export interface ModelFactory {
  languageModel(modelId: string): LanguageModelV4;
  embeddingModel(modelId: string): EmbeddingModelV4;
}

/** The variable each provider type reads its key from when the config names none. */
const defaultKeyReference: Partial<Record<ProviderConfig['type'], string>> = {
  openai: 'env:OPENAI_API_KEY',
  anthropic: 'env:ANTHROPIC_API_KEY',
  google: 'env:GOOGLE_GENERATIVE_AI_API_KEY',
};

/**
 * Builds the factory for one configured provider. The provider instance is created once;
 * models are created on demand.
 */
export function createModelFactory(config: ProviderConfig, context: ProviderContext): ModelFactory {
  if (config.type === 'mock') {
    const settingsOf = (modelId: string) => {
      const settings = Object.hasOwn(config.models, modelId) ? config.models[modelId] : undefined;
      if (settings === undefined) throw new Error(`mock model '${modelId}' is not configured`);
      return { providerId: context.providerId, modelId, settings };
    };
    return {
      languageModel: (modelId) => createMockLanguageModel(settingsOf(modelId)),
      embeddingModel: (modelId) => createMockEmbeddingModel(settingsOf(modelId)),
    };
  }
  const reference = config.apiKey ?? defaultKeyReference[config.type];
  const apiKey = resolveSecret(reference, context.env);
  if (apiKey === undefined && config.type !== 'openai-compatible') {
    const missingKey = () => {
      throw new GatewayError({
        message: `Provider '${context.providerId}' has no API key: set ${reference?.replace(/^env:/, '')}.`,
        statusCode: 500,
        type: 'api_error',
        code: 'provider_key_missing',
        isRetryable: true,
      });
    };
    return { languageModel: missingKey, embeddingModel: missingKey };
  }
  const common = { apiKey, headers: config.headers, fetch: context.fetch };
  switch (config.type) {
    case 'openai': {
      const provider = createOpenAI({
        ...common,
        baseURL: config.baseURL,
        organization: config.organization,
        project: config.project,
      });
      return {
        languageModel: config.api === 'chat' ? provider.chat : provider.responses,
        embeddingModel: provider.embeddingModel,
      };
    }
    case 'anthropic':
      return {
        languageModel: createAnthropic({ ...common, baseURL: config.baseURL }),
        embeddingModel: () => {
          throw embeddingsNotSupported(context.providerId);
        },
      };
    case 'google': {
      const provider = createGoogle({ ...common, baseURL: config.baseURL });
      return { languageModel: provider, embeddingModel: provider.embeddingModel };
    }
    case 'openai-compatible': {
      const provider = createOpenAICompatible({
        ...common,
        name: context.providerId,
        baseURL: config.baseURL,
        includeUsage: config.includeUsage,
      });
      return { languageModel: provider.chatModel, embeddingModel: provider.embeddingModel };
    }
  }
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
