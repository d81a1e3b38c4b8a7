import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number };
  /** US dollars at the model that served, as OpenRouter reports it. */
  cost?: number;
  cost_details?: { input: number; cache_read: number; cache_write: number; output: number };
}

/** OpenAI `usage`, with cached and reasoning token details when the upstream reported them. */
export function convertUsage(usage: LanguageModelV4Usage, cost?: Cost): OpenAIUsage {
  const prompt = usage.inputTokens.total ?? 0;
  const completion = usage.outputTokens.total ?? 0;
  const result: OpenAIUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
  const { cacheRead, cacheWrite } = usage.inputTokens;
  if (cacheRead !== undefined || cacheWrite !== undefined) {
    result.prompt_tokens_details = { cached_tokens: cacheRead ?? 0 };
    if (cacheWrite !== undefined) result.prompt_tokens_details.cache_write_tokens = cacheWrite;
  }
  if (usage.outputTokens.reasoning !== undefined) {
    result.completion_tokens_details = { reasoning_tokens: usage.outputTokens.reasoning };
  }
  if (cost !== undefined) {
    result.cost = cost.total;
    result.cost_details = {
      input: cost.input,
      cache_read: cost.cacheRead,
      cache_write: cost.cacheWrite,
      output: cost.output,
    };
  }
  return result;
}
