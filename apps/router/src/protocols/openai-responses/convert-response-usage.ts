import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
  /** US dollars at the model that served, as on the chat completions route. */
  cost?: number;
}

/**
 * Responses `usage`. The details are always present, as OpenAI sends them and Codex reads
 * them; a provider that did not report cached or reasoning tokens counts 0.
 * @example convertResponseUsage(result.usage).input_tokens_details.cached_tokens
 */
export function convertResponseUsage(usage: LanguageModelV4Usage, cost?: Cost): ResponseUsage {
  const input = usage.inputTokens.total ?? 0;
  const output = usage.outputTokens.total ?? 0;
  const converted: ResponseUsage = {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage.inputTokens.cacheRead ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.outputTokens.reasoning ?? 0 },
    total_tokens: input + output,
  };
  if (cost !== undefined) converted.cost = cost.total;
  return converted;
}
