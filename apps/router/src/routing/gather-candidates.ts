import type { Context } from 'hono';
import { describeModel } from '../catalog/describe-model.ts';
import type { RouterConfig } from '../config/index.ts';
import type { RouterEnv } from '../context.ts';
import type { Candidate } from './order-candidates.ts';
import type { RequestControls } from './request-controls.ts';
import type { Resolution } from './resolve-targets.ts';
import { readCandidates } from './route-state.ts';

const prices = new Map<string, Candidate['price']>();

/** List prices of a target's model, from the catalog (static data, so kept once found). */
function priceOf(config: RouterConfig, providerId: string, modelId: string): Candidate['price'] {
  const provider = config.providers[providerId];
  if (provider === undefined) return undefined;
  const key = `${provider.type}/${modelId}`;
  if (!prices.has(key)) {
    if (prices.size > 1_000) prices.clear();
    const pricing = describeModel(provider.type, modelId).pricing;
    prices.set(key, pricing && { input: pricing.input, output: pricing.output });
  }
  return prices.get(key);
}

/**
 * What ordering needs to know of each target, read only when it matters: nothing for a single
 * target; circuit states for several; health windows and prices for scores, sorts and caps.
 */
export async function gatherCandidates(
  c: Context<RouterEnv>,
  resolution: Resolution,
  controls: RequestControls | undefined,
): Promise<Candidate[]> {
  const { targets } = resolution;
  if (targets.length === 1 && controls?.provider?.max_price === undefined) {
    return targets.map((target) => ({
      target,
      circuit: 'closed',
      stats: undefined,
      price: undefined,
    }));
  }
  const needsStats = resolution.strategy === 'health' || resolution.sort !== undefined;
  const needsPrices = needsStats || controls?.provider?.max_price !== undefined;
  const config = c.get('config');
  return readCandidates({ health: c.get('health'), circuits: c.get('circuits') }, targets, {
    withStats: needsStats,
    priceOf: needsPrices
      ? (target) => priceOf(config, target.providerId, target.modelId)
      : undefined,
  });
}
