import { describeCapabilities } from './capabilities.ts';
import type { ModelDescription } from './model-description.ts';
import { describePricing } from './pricing.ts';

/**
 * Everything known about a model: models.dev capabilities and display name, genai-prices
 * (fresher) for description, context window and prices, then the operator's config, which wins.
 * @example describeModel('anthropic', 'claude-sonnet-4-5').pricing // { input: 3, output: 15, … }
 */
export function describeModel(
  providerType: string,
  modelId: string,
  override: ModelDescription = {},
): ModelDescription {
  const capabilities = definedOnly(describeCapabilities(providerType, modelId));
  const merged: ModelDescription = {
    ...capabilities,
    ...definedOnly(describePricing(providerType, modelId)),
    // models.dev names models as their makers do ("GPT-4o"); genai-prices less so ("gpt 4o").
    ...(capabilities.name !== undefined && { name: capabilities.name }),
    ...definedOnly(override),
  };
  if (override.pricing !== undefined && merged.pricing !== undefined) {
    merged.pricing = { ...describePricing(providerType, modelId).pricing, ...override.pricing };
  }
  return merged;
}

function definedOnly(description: ModelDescription): ModelDescription {
  return Object.fromEntries(
    Object.entries(description).filter(([, value]) => value !== undefined),
  ) as ModelDescription;
}
