import type { MockUsage } from './mock-reply.ts';
import { createOpenAIChatFormat, renderChatUsage } from './openai-chat.ts';
import type { WireFormat } from './wire-format.ts';

/**
 * Groq (`{url}/groq/openai/v1`): reasoning in `reasoning`, and stream usage in `x_groq` on the
 * last chunk, whatever `stream_options` says.
 */
export const groqChat: WireFormat = createOpenAIChatFormat({
  name: 'groq-chat',
  pathPrefix: '/groq',
  reasoningField: 'reasoning',
  streamUsage: 'x_groq',
  renderUsage: renderChatUsage,
});

/** Cerebras (`{url}/cerebras/v1`): reasoning in `reasoning`; every stream ends with usage. */
export const cerebrasChat: WireFormat = createOpenAIChatFormat({
  name: 'cerebras-chat',
  pathPrefix: '/cerebras',
  reasoningField: 'reasoning',
  streamUsage: 'always',
  renderUsage: renderChatUsage,
});

/** DeepSeek (`{url}/deepseek`): cache hits and misses as `prompt_cache_{hit,miss}_tokens`. */
export const deepseekChat: WireFormat = createOpenAIChatFormat({
  name: 'deepseek-chat',
  pathPrefix: '/deepseek',
  reasoningField: 'reasoning_content',
  streamUsage: 'requested',
  renderUsage: (usage: MockUsage) => ({
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_cache_hit_tokens: usage.cachedInputTokens,
    prompt_cache_miss_tokens: usage.inputTokens - usage.cachedInputTokens,
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  }),
});

/**
 * Perplexity (`{url}/perplexity`): citations beside the answer, usage on every stream, reasoning
 * tokens apart from completion tokens, no cached tokens, and no tools.
 */
export const perplexityChat: WireFormat = createOpenAIChatFormat({
  name: 'perplexity-chat',
  pathPrefix: '/perplexity',
  reasoningField: null,
  streamUsage: 'always',
  renderUsage: (usage: MockUsage) => ({
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens - usage.reasoningTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    reasoning_tokens: usage.reasoningTokens,
    citation_tokens: 0,
    num_search_queries: 1,
    search_context_size: 'low',
  }),
  extraFields: {
    citations: ['https://example.com/mock-source'],
    search_results: [{ title: 'Mock source', url: 'https://example.com/mock-source' }],
  },
});
