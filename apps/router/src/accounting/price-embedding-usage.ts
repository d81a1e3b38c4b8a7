import type { EmbeddingModelV4Result } from '@ai-sdk/provider';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import type { Cost } from './compute-cost.ts';
import { findTargetPrices, inputOutputCost } from './target-prices.ts';

/**
 * The cost of an embedding call: its input tokens at the target's input price (embeddings
 * have no output). No usage reported, or no input price known: undefined.
 * @example priceEmbeddingUsage(config, openaiSmall, { tokens: 1000 })?.total // 0.00002
 */
export function priceEmbeddingUsage(
  config: RouterConfig,
  target: Target,
  usage: EmbeddingModelV4Result['usage'],
): Cost | undefined {
  if (usage === undefined) return undefined;
  const inputPrice = findTargetPrices(config, target, usage.tokens)?.input;
  if (inputPrice === undefined) return undefined;
  return inputOutputCost(usage.tokens, inputPrice, 0, 0);
}
