import type { RouterConfig } from '../config/index.ts';
import { InvalidRequestError, ModelNotFoundError } from '../errors/index.ts';
import type { RequestControls } from './request-controls.ts';
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

/**
 * Applies request controls: `models` fallbacks after the requested model (duplicates
 * dropped), then `only` / `ignore` by provider id, `order` to move the named providers first
 * (the rest keep their order), and `allow_fallbacks: false` to keep only the first target.
 */
export function resolveWithControls(
  config: RouterConfig,
  model: string,
  controls: RequestControls = {},
): Resolution {
  const primary = resolveTargets(config, model);
  const fallbacks = (controls.models ?? []).flatMap(
    (fallback, index) => resolveTargets(config, fallback, `models[${index}]`).targets,
  );
  const seen = new Set<string>();
  let targets = [...primary.targets, ...fallbacks].filter(
    (target) => !seen.has(target.id) && seen.add(target.id),
  );
  const { order, only, ignore, allow_fallbacks: allowFallbacks } = controls.provider ?? {};
  if (only !== undefined) targets = targets.filter((target) => only.includes(target.providerId));
  if (ignore !== undefined)
    targets = targets.filter((target) => !ignore.includes(target.providerId));
  if (order !== undefined) {
    const rank = (target: Target) => {
      const index = order.indexOf(target.providerId);
      return index === -1 ? order.length : index;
    };
    targets = targets
      .map((target, index) => ({ target, index }))
      .sort((left, right) => rank(left.target) - rank(right.target) || left.index - right.index)
      .map(({ target }) => target);
  }
  if (allowFallbacks === false) targets = targets.slice(0, 1);
  if (targets.length === 0) {
    throw new InvalidRequestError({
      message: `No provider is left to serve '${model}' after provider.only / provider.ignore.`,
      param: 'provider',
      code: 'no_target',
    });
  }
  return { alias: primary.alias, targets };
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
