import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { ModelPrice } from '@pydantic/genai-prices';
import type { ModelPricing } from '../catalog/model-description.ts';
import { findPriceEntry } from '../catalog/pricing.ts';

/** What one call cost, in US dollars, split the way providers bill it. */
export interface Cost {
  total: number;
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  currency: 'USD';
}

const perToken = 1 / 1_000_000;

/**
 * Prices a call's usage at the model that served it: the operator's configured prices when
 * given, else the bundled genai-prices entry (tiers chosen by the request's input size, as
 * providers bill long-context requests). Unknown model and no override: undefined.
 */
export function computeCost(
  providerType: string,
  modelId: string,
  usage: LanguageModelV4Usage,
  override?: ModelPricing,
): Cost | undefined {
  const inputTotal = usage.inputTokens.total ?? 0;
  const prices = override ?? datasetPrices(providerType, modelId, inputTotal);
  if (prices === undefined) return undefined;

  const cacheReadTokens = usage.inputTokens.cacheRead ?? 0;
  const cacheWriteTokens = usage.inputTokens.cacheWrite ?? 0;
  const freshTokens =
    usage.inputTokens.noCache ?? Math.max(0, inputTotal - cacheReadTokens - cacheWriteTokens);
  const outputTokens = usage.outputTokens.total ?? 0;
  const reasoningTokens = prices.reasoning === undefined ? 0 : (usage.outputTokens.reasoning ?? 0);

  const input = freshTokens * prices.input * perToken;
  const cacheRead = cacheReadTokens * (prices.cacheRead ?? prices.input) * perToken;
  const cacheWrite = cacheWriteTokens * (prices.cacheWrite ?? prices.input) * perToken;
  const output =
    ((outputTokens - reasoningTokens) * prices.output + reasoningTokens * (prices.reasoning ?? 0)) *
    perToken;
  return {
    total: input + cacheRead + cacheWrite + output,
    input,
    cacheRead,
    cacheWrite,
    output,
    currency: 'USD',
  };
}

function datasetPrices(
  providerType: string,
  modelId: string,
  inputTokens: number,
): ModelPricing | undefined {
  const entry = findPriceEntry(providerType, modelId);
  if (entry === null) return undefined;
  const at = (key: string) => unitPrice(entry.model_price[key], inputTokens);
  const input = at('input_mtok');
  const output = at('output_mtok');
  if (input === undefined || output === undefined) return undefined;
  return { input, output, cacheRead: at('cache_read_mtok'), cacheWrite: at('cache_write_mtok') };
}

/** A tiered price applies whole at the highest tier the request's input size reaches. */
export function unitPrice(value: ModelPrice[string], inputTokens: number): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  let price = value.base;
  for (const tier of value.tiers) if (inputTokens >= tier.start) price = tier.price;
  return price;
}
