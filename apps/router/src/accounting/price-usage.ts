import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import { type Cost, computeCost } from './compute-cost.ts';

/** The cost of a call's usage at the target that served it, with the config's prices first. */
export function priceUsage(
  config: RouterConfig,
  target: Target,
  usage: LanguageModelV4Usage,
): Cost | undefined {
  const provider = config.providers[target.providerId];
  if (provider === undefined) return undefined;
  const override = Object.hasOwn(config.catalog, target.id)
    ? config.catalog[target.id]?.pricing
    : undefined;
  return computeCost(provider.type, target.modelId, usage, override);
}

/** Cost as it appears on the wire: dollars rounded to 10 decimals (sub-micro-cent). */
export function roundCost(cost: Cost): Cost {
  const round = (value: number) => Math.round(value * 1e10) / 1e10;
  return {
    total: round(cost.total),
    input: round(cost.input),
    cacheRead: round(cost.cacheRead),
    cacheWrite: round(cost.cacheWrite),
    output: round(cost.output),
    currency: 'USD',
  };
}
