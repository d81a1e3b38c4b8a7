import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import { createModelFactory, type ProviderContext } from './create-language-model.ts';

export interface ProviderRegistry {
  /** The language model behind a target; instances are reused across requests. */
  languageModel(target: Target): LanguageModelV4;
}

/** Most distinct pass-through model ids kept ready at once. */
const maxCachedModels = 512;

/** Creates every configured provider once, at start-up. */
export function createProviderRegistry(
  config: RouterConfig,
  context: Omit<ProviderContext, 'providerId'>,
): ProviderRegistry {
  const factories = new Map(
    Object.entries(config.providers).map(([providerId, providerConfig]) => [
      providerId,
      createModelFactory(providerConfig, { ...context, providerId }),
    ]),
  );
  const models = new Map<string, LanguageModelV4>();

  return {
    languageModel(target) {
      let model = models.get(target.id);
      if (model === undefined) {
        const factory = factories.get(target.providerId);
        if (factory === undefined)
          throw new Error(`provider '${target.providerId}' is not configured`);
        model = factory(target.modelId);
        if (models.size >= maxCachedModels) models.clear();
        models.set(target.id, model);
      }
      return model;
    },
  };
}
