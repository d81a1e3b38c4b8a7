import type { RouterConfig } from '../config/index.ts';
import { ModelNotFoundError } from '../errors/index.ts';
import { parseTarget, type Target } from './target.ts';

export interface Resolution {
  /** The alias the request named, if any. */
  alias?: string;
  /** Targets in the order they will be tried. */
  targets: Target[];
}

/**
 * Resolves the requested model — an alias or `provider/model` — to the ordered targets that can
 * serve it. Unknown aliases, unknown providers and unlisted models are a 404.
 */
export function resolveTargets(config: RouterConfig, model: string, param = 'model'): Resolution {
  const alias = Object.hasOwn(config.models, model) ? config.models[model] : undefined;
  if (alias !== undefined) {
    return { alias: model, targets: alias.targets.map((id) => parseTarget(id) as Target) };
  }
  const target = parseTarget(model);
  if (target === undefined || !servesModel(config, target)) {
    throw new ModelNotFoundError(model, param);
  }
  return { targets: [target] };
}

function servesModel(config: RouterConfig, target: Target): boolean {
  if (!Object.hasOwn(config.providers, target.providerId)) return false;
  const provider = config.providers[target.providerId];
  if (provider === undefined) return false;
  if (provider.type === 'mock') return Object.hasOwn(provider.models, target.modelId);
  return provider.models === undefined || provider.models.includes(target.modelId);
}

/** Every model id a client can ask for: aliases first, then `provider/model` of listed models. */
export function listModelIds(config: RouterConfig): { id: string; ownedBy: string }[] {
  const ids = Object.keys(config.models).map((id) => ({ id, ownedBy: 'switchyard' }));
  for (const [providerId, provider] of Object.entries(config.providers)) {
    const models =
      provider.type === 'mock' ? Object.keys(provider.models) : (provider.models ?? []);
    for (const modelId of models) ids.push({ id: `${providerId}/${modelId}`, ownedBy: providerId });
  }
  return ids;
}
