import { describeModel } from '../catalog/describe-model.ts';
import type { RouterConfig } from '../config/index.ts';
import { createLru } from '../lru/create-lru.ts';
import type { Candidate } from './order-candidates.ts';
import type { RequestControls } from './request-controls.ts';
import type { Resolution } from './resolve-targets.ts';
import { type RouteState, readCandidates } from './route-state.ts';

/** List prices by `type/model` (static catalog data; bounded, since pass-through ids vary). */
const prices = createLru<string, Candidate['price']>(1_000);

/** List prices of a target's model: the config's catalog pricing when given, else the dataset's. */
function priceOf(config: RouterConfig, providerId: string, modelId: string): Candidate['price'] {
  const provider = Object.hasOwn(config.providers, providerId)
    ? config.providers[providerId]
    : undefined;
  if (provider === undefined) return undefined;
  const targetId = `${providerId}/${modelId}`;
  const override = Object.hasOwn(config.catalog, targetId)
    ? config.catalog[targetId]?.pricing
    : undefined;
  if (override !== undefined) return { input: override.input, output: override.output };
  const key = `${provider.type}/${modelId}`;
  if (!prices.has(key)) {
    const pricing = describeModel(provider.type, modelId).pricing;
    prices.set(key, pricing && { input: pricing.input, output: pricing.output });
  }
  return prices.get(key);
}

/**
 * What ordering needs to know of each target, read only when it matters: the circuit states
 * (from the isolate's copy when fresh), and health windows and prices for scores, sorts and caps.
 */
export async function gatherCandidates(
  state: RouteState,
  config: RouterConfig,
  resolution: Resolution,
  controls: RequestControls | undefined,
): Promise<Candidate[]> {
  const needsStats = resolution.strategy === 'health' || resolution.sort !== undefined;
  const needsPrices = needsStats || controls?.provider?.max_price !== undefined;
  return readCandidates(state, resolution.targets, {
    withStats: needsStats,
    priceOf: needsPrices
      ? (target) => priceOf(config, target.providerId, target.modelId)
      : undefined,
  });
}
