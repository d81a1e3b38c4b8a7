import type {
  EmbeddingModelV4,
  ImageModelV4,
  LanguageModelV4,
  RerankingModelV4,
} from '@ai-sdk/provider';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import { createImageModel } from './create-image-model.ts';
import {
  createModelFactory,
  type ModelFactory,
  type ProviderContext,
} from './create-language-model.ts';
import { createRerankingModel } from './create-reranking-model.ts';

export interface ProviderRegistry {
  /** The language model behind a target; instances are reused across requests. */
  languageModel(target: Target): LanguageModelV4;
  /** The embedding model behind a target; throws a 400 for providers without embeddings. */
  embeddingModel(target: Target): EmbeddingModelV4;
  /** The image model behind a target; throws a 400 for providers without image models. */
  imageModel(target: Target): ImageModelV4;
  /** The reranking model behind a target; throws a 400 for providers without reranking. */
  rerankingModel(target: Target): RerankingModelV4;
}

/** Most distinct pass-through model ids kept ready at once, per model kind. */
const maxCachedModels = 512;

/**
 * Creates every configured provider once, at start-up. With `requestKeys` (BYOK, `providerId ->
 * key`), a registry for one request: its models are its own, so the keys reach no shared instance.
 */
export function createProviderRegistry(
  config: RouterConfig,
  context: Omit<ProviderContext, 'providerId' | 'apiKey'>,
  requestKeys: Readonly<Record<string, string>> = {},
): ProviderRegistry {
  const contextFor = (providerId: string): ProviderContext => ({
    ...context,
    providerId,
    apiKey: Object.hasOwn(requestKeys, providerId) ? requestKeys[providerId] : undefined,
  });
  const factories = new Map(
    Object.entries(config.providers).map(([providerId, providerConfig]) => [
      providerId,
      createModelFactory(providerConfig, contextFor(providerId)),
    ]),
  );
  const configOf = (providerId: string) =>
    Object.hasOwn(config.providers, providerId) ? config.providers[providerId] : undefined;
  const factoryFor = (target: Target): ModelFactory => {
    const factory = factories.get(target.providerId);
    if (factory === undefined) throw new Error(`provider '${target.providerId}' is not configured`);
    return factory;
  };
  return {
    languageModel: cached((target) => factoryFor(target).languageModel(target.modelId)),
    embeddingModel: cached((target) => factoryFor(target).embeddingModel(target.modelId)),
    imageModel: cached((target) => {
      const { providerId, modelId } = target;
      const providerConfig = Object.hasOwn(config.providers, providerId)
        ? config.providers[providerId]
        : undefined;
      return createImageModel(providerConfig, contextFor(providerId), modelId);
    }),
    rerankingModel: cached(({ providerId, modelId }) =>
      createRerankingModel(configOf(providerId), contextFor(providerId), modelId),
    ),
  };
}

function cached<Model>(create: (target: Target) => Model): (target: Target) => Model {
  const models = new Map<string, Model>();
  return (target) => {
    let model = models.get(target.id);
    if (model === undefined) {
      model = create(target);
      if (models.size >= maxCachedModels) models.clear();
      models.set(target.id, model);
    }
    return model;
  };
}
