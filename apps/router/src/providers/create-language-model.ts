import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogle } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { type ProviderConfig, resolveSecret } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { createMockLanguageModel } from './mock/index.ts';

export interface ProviderContext {
  providerId: string;
  env: Readonly<Record<string, unknown>>;
  fetch?: FetchFunction;
}

/** The variable each provider type reads its key from when the config names none. */
const defaultKeyReference: Partial<Record<ProviderConfig['type'], string>> = {
  openai: 'env:OPENAI_API_KEY',
  anthropic: 'env:ANTHROPIC_API_KEY',
  google: 'env:GOOGLE_GENERATIVE_AI_API_KEY',
};

/**
 * Builds the factory that turns a model id into a `LanguageModelV4` for one configured
 * provider. The provider instance is created once; models are created on demand.
 */
export function createModelFactory(
  config: ProviderConfig,
  context: ProviderContext,
): (modelId: string) => LanguageModelV4 {
  if (config.type === 'mock') {
    return (modelId) => {
      const settings = Object.hasOwn(config.models, modelId) ? config.models[modelId] : undefined;
      if (settings === undefined) throw new Error(`mock model '${modelId}' is not configured`);
      return createMockLanguageModel({ providerId: context.providerId, modelId, settings });
    };
  }

  const reference = config.apiKey ?? defaultKeyReference[config.type];
  const apiKey = resolveSecret(reference, context.env);
  if (apiKey === undefined && config.type !== 'openai-compatible') {
    return () => {
      throw new GatewayError({
        message: `Provider '${context.providerId}' has no API key: set ${reference?.replace(/^env:/, '')}.`,
        statusCode: 500,
        type: 'api_error',
        code: 'provider_key_missing',
        isRetryable: true,
      });
    };
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
      return config.api === 'chat' ? provider.chat : provider.responses;
    }
    case 'anthropic':
      return createAnthropic({ ...common, baseURL: config.baseURL });
    case 'google':
      return createGoogle({ ...common, baseURL: config.baseURL });
    case 'openai-compatible':
      return createOpenAICompatible({
        ...common,
        name: context.providerId,
        baseURL: config.baseURL,
        includeUsage: config.includeUsage,
      }).chatModel;
  }
}
