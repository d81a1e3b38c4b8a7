import { describeCapabilities } from './capabilities.ts';
import type { ModelDescription } from './model-description.ts';
import { describePricing } from './pricing.ts';

/**
 * Everything known about a model: models.dev capabilities, then genai-prices (fresher) for
 * name, context window and prices, then the operator's config, which wins.
 * @example describeModel('anthropic', 'claude-sonnet-4-5').pricing // { input: 3, output: 15, … }
 */
export function describeModel(
  providerType: string,
  modelId: string,
  override: ModelDescription = {},
): ModelDescription {
  const merged: ModelDescription = {
    ...definedOnly(describeCapabilities(providerType, modelId)),
    ...definedOnly(describePricing(providerType, modelId)),
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
