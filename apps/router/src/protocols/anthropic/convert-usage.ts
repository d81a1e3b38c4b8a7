import type { LanguageModelV4Usage } from '@ai-sdk/provider';

/** Anthropic `usage`: `input_tokens` counts only what was neither read from nor written to cache. */
export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/** Before any usage is known: what `message_start` carries on a translated stream. */
export const emptyUsage: AnthropicUsage = {
  input_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: 0,
};

/**
 * Anthropic's usage fields from the AI SDK's, for any provider: OpenAI's prompt tokens include
 * the cached ones, so those are taken out of `input_tokens`.
 * @example convertUsage(usage).cache_read_input_tokens
 */
export function convertUsage(usage: LanguageModelV4Usage): AnthropicUsage {
  const { total, noCache, cacheRead = 0, cacheWrite = 0 } = usage.inputTokens;
  return {
    input_tokens: noCache ?? Math.max(0, (total ?? 0) - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens.total ?? 0,
  };
}
