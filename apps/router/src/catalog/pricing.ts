import { calcPrice, type ModelPrice, type PriceCalculation } from '@pydantic/genai-prices';
import { pricesProviderIds } from './dataset-ids.ts';
import type { ModelDescription, ModelPricing } from './model-description.ts';

/** The genai-prices entry for a model, matched by the dataset's own rules (prefixes, dates). */
export function findPriceEntry(providerType: string, modelId: string): PriceCalculation | null {
  const key = `${providerType}/${modelId}`;
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = matchPriceEntry(providerType, modelId);
    // The dataset is bundled and never changes: a match (or its absence) holds for good.
    if (entries.size >= 2_000) entries.clear();
    entries.set(key, entry);
  }
  return entry;
}

const entries = new Map<string, PriceCalculation | null>();

function matchPriceEntry(providerType: string, modelId: string): PriceCalculation | null {
  const providerId = pricesProviderIds[providerType];
  if (providerId === undefined) return null;
  try {
    return calcPrice({ input_tokens: 0, output_tokens: 0 }, modelId, { providerId });
  } catch {
    return null;
  }
}

/** Name, context window and list prices (the base tier) from genai-prices. */
export function describePricing(providerType: string, modelId: string): ModelDescription {
  const entry = findPriceEntry(providerType, modelId);
  if (entry === null) return {};
  return {
    name: entry.model.name,
    description: entry.model.description,
    contextWindow: entry.model.context_window,
    pricing: listPrices(entry.model_price),
  };
}

function listPrices(price: ModelPrice): ModelPricing | undefined {
  const input = basePrice(price.input_mtok);
  const output = basePrice(price.output_mtok);
  if (input === undefined || output === undefined) return undefined;
  const pricing: ModelPricing = { input, output };
  const cacheRead = basePrice(price.cache_read_mtok);
  const cacheWrite = basePrice(price.cache_write_mtok);
  if (cacheRead !== undefined) pricing.cacheRead = cacheRead;
  if (cacheWrite !== undefined) pricing.cacheWrite = cacheWrite;
  return pricing;
}

function basePrice(value: ModelPrice[string]): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : value.base;
}
