import type { AliasConfig, RouterConfig, RoutingStrategy } from '../config/index.ts';
import { InvalidRequestError, ModelNotFoundError } from '../errors/index.ts';
import { ModelNotAllowedError } from '../errors/model-not-allowed-error.ts';
import type { RequestControls } from './request-controls.ts';
import { assertValidModelId, parseTarget, type Target } from './target.ts';

export type SortKey = 'price' | 'throughput' | 'latency';

export interface Resolution {
  /** The alias the request named, if any, and the rule of it that matched. */
  alias?: string;
  rule?: number;
  strategy: RoutingStrategy;
  /** Set by `provider.sort` or a `:nitro` / `:floor` suffix; wins over the strategy. */
  sort?: SortKey;
  /** Candidate targets, in configured order; ordering by health happens later. */
  targets: Target[];
  /** Targets dropped because the request named more than the candidate cap. */
  capped?: Target[];
  /** Targets the caller's model allowlists refused. */
  refused?: Target[];
}

/**
 * Which of the targets a requested name resolved to the caller may use (its key's and team's
 * model allowlists); the name is the alias or `provider/model` as the request wrote it.
 */
export type TargetFilter = (
  name: string,
  targets: Target[],
) => { allowed: Target[]; refused: Target[] };

type RequestFacts = Pick<RequestControls, 'metadata' | 'user' | 'tags'>;

/**
 * Resolves the requested model — an alias or `provider/model` — to the targets that can serve
 * it. Unknown aliases, unknown providers and unlisted models are a 404.
 */
export function resolveTargets(
  config: RouterConfig,
  model: string,
  param = 'model',
  request: RequestFacts = {},
): Resolution {
  assertValidModelId(model, param);
  const alias = Object.hasOwn(config.models, model) ? config.models[model] : undefined;
  if (alias !== undefined) return resolveAlias(model, alias, request);
  const target = parseTarget(model);
  if (target === undefined || !servesModel(config, target)) {
    throw new ModelNotFoundError(model, param);
  }
  return { strategy: 'ordered', targets: [target] };
}

function resolveAlias(name: string, alias: AliasConfig, request: RequestFacts): Resolution {
  const rule = alias.rules.findIndex(({ when }) => {
    const metadata = request.metadata ?? {};
    return (
      (when.metadata === undefined ||
        Object.entries(when.metadata).every(([key, value]) => metadata[key] === value)) &&
      (when.user === undefined ||
        (request.user !== undefined && when.user.includes(request.user))) &&
      (when.tags === undefined || when.tags.some((tag) => request.tags?.includes(tag)))
    );
  });
  const chosen = rule === -1 ? alias : (alias.rules[rule] ?? alias);
  return {
    alias: name,
    ...(rule === -1 ? {} : { rule }),
    strategy: chosen.strategy ?? alias.strategy,
    targets: chosen.targets.map(({ target, weight }) => parseTarget(target, weight) as Target),
  };
}

const sortSuffixes: Record<string, SortKey> = { ':nitro': 'throughput', ':floor': 'price' };

/**
 * Applies request controls: a `:nitro` / `:floor` suffix or `provider.sort`; `models`
 * fallbacks after the requested model (duplicates dropped); `only` / `ignore` by provider id;
 * `order` to move the named providers first (the rest keep their order, and the order is then
 * kept); and `allow_fallbacks: false` to keep only the first target.
 */
export function resolveWithControls(
  config: RouterConfig,
  requested: string,
  controls: RequestControls = {},
  allow?: TargetFilter,
): Resolution {
  assertValidModelId(requested, 'model');
  const suffix = Object.keys(sortSuffixes).find((ending) => requested.endsWith(ending));
  const model = suffix === undefined ? requested : requested.slice(0, -suffix.length);
  const refused: Target[] = [];
  // Each name is checked with its own targets: an allowed alias allows all of them.
  const allowed = (name: string, targets: Target[]) => {
    if (allow === undefined) return targets;
    const checked = allow(name, targets);
    refused.push(...checked.refused);
    return checked.allowed;
  };
  const primary = resolveTargets(config, model, 'model', controls);
  primary.targets = allowed(model, primary.targets);
  const fallbacks = (controls.models ?? []).flatMap((fallback, index) =>
    allowed(fallback, resolveTargets(config, fallback, `models[${index}]`, controls).targets),
  );
  if (primary.targets.length === 0 && fallbacks.length === 0) {
    throw new ModelNotAllowedError(requested);
  }
  const seen = new Set<string>();
  let targets = [...primary.targets, ...fallbacks].filter(
    (target) => !seen.has(target.id) && seen.add(target.id),
  );
  const { order, only, ignore, sort, allow_fallbacks: allowFallbacks } = controls.provider ?? {};
  if (only !== undefined) targets = targets.filter((target) => only.includes(target.providerId));
  if (ignore !== undefined)
    targets = targets.filter((target) => !ignore.includes(target.providerId));
  if (order !== undefined) targets = orderByProvider(targets, order);
  if (allowFallbacks === false) targets = targets.slice(0, 1);
  if (targets.length === 0) {
    throw new InvalidRequestError({
      message: `No provider is left to serve '${requested}' after provider.only / provider.ignore.`,
      param: 'provider',
      code: 'no_target',
    });
  }
  // Each candidate may cost store reads and an upstream try: a request cannot ask for more.
  const cap = config.routing.maxCandidates;
  const resolution: Resolution = {
    ...primary,
    strategy: order !== undefined ? 'ordered' : primary.strategy,
    targets: targets.slice(0, cap),
  };
  if (targets.length > cap) resolution.capped = targets.slice(cap);
  if (refused.length > 0) resolution.refused = refused;
  const sortKey = sort ?? (suffix === undefined ? undefined : sortSuffixes[suffix]);
  if (sortKey !== undefined) resolution.sort = sortKey;
  return resolution;
}

function orderByProvider(targets: Target[], order: string[]): Target[] {
  const rank = (target: Target) => {
    const index = order.indexOf(target.providerId);
    return index === -1 ? order.length : index;
  };
  return targets
    .map((target, index) => ({ target, index }))
    .sort((left, right) => rank(left.target) - rank(right.target) || left.index - right.index)
    .map(({ target }) => target);
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
