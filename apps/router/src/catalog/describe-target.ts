import type { RouterConfig } from '../config/index.ts';
import { parseTarget } from '../routing/target.ts';
import { describeModel } from './describe-model.ts';
import type { ModelDescription } from './model-description.ts';

const described = new WeakMap<RouterConfig, Map<string, ModelDescription>>();

/**
 * What the gateway knows of a model id a client can ask for: a `provider/model` from the
 * bundled catalog and the config's `catalog` overrides; an alias as its first target.
 */
export function describeTarget(config: RouterConfig, id: string): ModelDescription {
  let cache = described.get(config);
  if (cache === undefined) {
    cache = new Map();
    described.set(config, cache);
  }
  const known = cache.get(id);
  if (known !== undefined) return known;

  const alias = Object.hasOwn(config.models, id) ? config.models[id] : undefined;
  const targetId = alias?.targets[0]?.target ?? id;
  const target = parseTarget(targetId);
  const provider =
    target && Object.hasOwn(config.providers, target.providerId)
      ? config.providers[target.providerId]
      : undefined;
  const override = Object.hasOwn(config.catalog, targetId) ? config.catalog[targetId] : undefined;
  const description =
    target === undefined || provider === undefined
      ? {}
      : describeModel(provider.type, target.modelId, override);
  if (cache.size < 2_000) cache.set(id, description);
  return description;
}
