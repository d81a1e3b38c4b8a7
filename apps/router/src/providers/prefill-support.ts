import type { ProviderConfig, ProviderType } from '../config/index.ts';

/** Whether a model continues a trailing assistant message; `true`/`false` when the model id does not matter. */
type PrefillRule = boolean | ((modelId: string) => boolean);

/**
 * How each provider type treats a trailing assistant message, as its installed AI SDK package
 * sends it. Checked against the package sources; see each line for why.
 */
const prefillByType: Record<ProviderType, PrefillRule> = {
  // The built-in mock answers with the rest of its answer (providers/mock/mock-prefill.ts).
  mock: true,
  // Messages API continues a final assistant turn; the package trims its last text (both ends).
  // Claude 4.6 and later reject any prefill with a 400, so only earlier generations qualify.
  anthropic: claudeContinuesPrefill,
  // Converse continues a final assistant turn for Claude (the package trims it too), not for others.
  'amazon-bedrock': (modelId) => modelId.includes('anthropic') && claudeContinuesPrefill(modelId),
  // The package sends `prefix: true`, but Mistral repeats the prefix in its reply and the package
  // no longer strips it (only an orphaned comment is left), so a splice would say it twice.
  mistral: false,
  // Prefix completion needs a `/beta` base URL and `providerOptions.deepseek.prefix` on the message.
  deepseek: false,
  // Chat Completions and Responses answer a trailing assistant message afresh.
  openai: false,
  azure: false,
  // Sent as a trailing `model` turn; Gemini answers it afresh.
  google: false,
  // OpenAI-style chat APIs that send it as an ordinary assistant message and answer afresh.
  groq: false,
  xai: false,
  togetherai: false,
  fireworks: false,
  cerebras: false,
  perplexity: false,
  cohere: false,
  // Depends on the server (vLLM, llama.cpp, ...): it declares support with `assistantPrefill`.
  'openai-compatible': false,
};

/**
 * Whether this provider continues a trailing assistant message (a prefill) instead of answering
 * it afresh, so a stream that failed mid-way may be continued on it. A provider's
 * `assistantPrefill` setting overrides the default of its type.
 *
 * @example
 * continuesPrefill({ type: 'anthropic', allowRequestKeys: false }, 'claude-sonnet-4-5'); // true
 * continuesPrefill({ type: 'openai', api: 'responses', allowRequestKeys: false }, 'gpt-4o'); // false
 */
export function continuesPrefill(provider: ProviderConfig, modelId: string): boolean {
  if (provider.type !== 'mock' && provider.assistantPrefill !== undefined) {
    return provider.assistantPrefill;
  }
  const rule = prefillByType[provider.type];
  return typeof rule === 'boolean' ? rule : rule(modelId);
}

// `claude-3-5-sonnet-…`, `claude-sonnet-4-5-…`, `claude-opus-4-20250514`: generation, then a one-digit minor.
const claudeGeneration = /claude-(?:[a-z]+-)?(\d+)(?:[-.](\d)(?!\d))?/;

/** Claude models up to 4.5 accept a prefill; 4.6 and later reject it. */
function claudeContinuesPrefill(modelId: string): boolean {
  const match = claudeGeneration.exec(modelId);
  if (!match) return false;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major < 4 || (major === 4 && minor <= 5);
}
