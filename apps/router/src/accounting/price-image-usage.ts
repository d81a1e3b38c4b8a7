import type { ImageModelV4Usage } from '@ai-sdk/provider';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import type { Cost } from './compute-cost.ts';
import { findTargetPrices, inputOutputCost } from './target-prices.ts';

/**
 * The cost of an image generation from its token usage: input at the input price, output at
 * the image-output price where the dataset has one, else the output price. genai-prices has
 * no per-image prices (DALL·E is not in it), so a call without token counts is undefined, as
 * is a model without both prices.
 * @example priceImageUsage(config, gptImage1, { inputTokens: 50, outputTokens: 4160, totalTokens: undefined })?.total // 0.16665
 */
export function priceImageUsage(
  config: RouterConfig,
  target: Target,
  usage: ImageModelV4Usage | undefined,
): Cost | undefined {
  if (usage === undefined) return undefined;
  if (usage.inputTokens === undefined && usage.outputTokens === undefined) return undefined;
  const inputTokens = usage.inputTokens ?? 0;
  const prices = findTargetPrices(config, target, inputTokens);
  const outputPrice = prices?.imageOutput ?? prices?.output;
  if (prices?.input === undefined || outputPrice === undefined) return undefined;
  return inputOutputCost(inputTokens, prices.input, usage.outputTokens ?? 0, outputPrice);
}
