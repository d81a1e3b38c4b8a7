import type { LanguageModelV4Usage } from '@ai-sdk/provider';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

/** OpenAI `usage`, with cached and reasoning token details when the upstream reported them. */
export function convertUsage(usage: LanguageModelV4Usage): OpenAIUsage {
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
  return result;
}
