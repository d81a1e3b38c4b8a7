import { findPriceEntry } from '../catalog/pricing.ts';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import { type Cost, unitPrice } from './compute-cost.ts';

/** US dollars per million tokens; a price the source does not state is undefined. */
export interface TargetPrices {
  input: number | undefined;
  output: number | undefined;
  /** Output tokens that are generated images, where billed apart from text output. */
  imageOutput: number | undefined;
}

const perToken = 1 / 1_000_000;

/**
 * The prices of one call at a target, as `priceUsage` finds them: the config's catalog pricing
 * when given (it replaces the dataset), else the genai-prices entry at the tier the call's
 * input size reaches. Unknown provider, or a model neither source prices: undefined.
 */
export function findTargetPrices(
  config: RouterConfig,
  target: Target,
  inputTokens: number,
): TargetPrices | undefined {
  const provider = Object.hasOwn(config.providers, target.providerId)
    ? config.providers[target.providerId]
    : undefined;
  if (provider === undefined) return undefined;
  const override = Object.hasOwn(config.catalog, target.id)
    ? config.catalog[target.id]?.pricing
    : undefined;
  if (override !== undefined) {
    return { input: override.input, output: override.output, imageOutput: undefined };
  }
  const entry = findPriceEntry(provider.type, target.modelId);
  if (entry === null) return undefined;
  const at = (key: string) => unitPrice(entry.model_price[key], inputTokens);
  return {
    input: at('input_mtok'),
    output: at('output_mtok'),
    imageOutput: at('output_image_mtok'),
  };
}

/** A cost with no cache part, from token counts and prices per million tokens. */
export function inputOutputCost(
  inputTokens: number,
  inputPrice: number,
  outputTokens: number,
  outputPrice: number,
): Cost {
  const input = inputTokens * inputPrice * perToken;
  const output = outputTokens * outputPrice * perToken;
  return { total: input + output, input, cacheRead: 0, cacheWrite: 0, output, currency: 'USD' };
}
