import type { EmbeddingModelV4, LanguageModelV4 } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import type { ProviderConfig } from '../config/index.ts';
import type { GatewayError } from '../errors/index.ts';
import { createMockEmbeddingModel, createMockLanguageModel } from './mock/index.ts';
import { providerKeyMissing, resolveCredentials } from './provider-credentials.ts';
import { createPackageFactory } from './provider-packages.ts';

export interface ProviderContext {
  providerId: string;
  env: Readonly<Record<string, unknown>>;
  fetch?: FetchFunction;
  /** The request's own key for this provider (BYOK), used instead of the configured one. */
  apiKey?: string;
}

/** Turns a model id into a model of one configured provider. */
export interface ModelFactory {
  languageModel(modelId: string): LanguageModelV4;
  embeddingModel(modelId: string): EmbeddingModelV4;
}

/**
 * Builds the factory for one configured provider. The provider instance is created once;
 * models are created on demand. A provider without a key fails when it is used, not here,
 * so the other providers keep serving.
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
  const credentials = resolveCredentials(config, context.env, context.apiKey);
  if (credentials === undefined) {
    return failingFactory(() => providerKeyMissing(config, context.providerId));
  }
  return createPackageFactory(config, {
    providerId: context.providerId,
    credentials,
    fetch: context.fetch,
  });
}

function failingFactory(error: () => GatewayError): ModelFactory {
  const fail = () => {
    throw error();
  };
  return { languageModel: fail, embeddingModel: fail };
}
