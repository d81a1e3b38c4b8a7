import type { LanguageModelV4FinishReason } from '@ai-sdk/provider';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';

/** `error` and `interrupted` never pass for a clean finish. */
export function mapOpenAIFinishReason(reason: LanguageModelV4FinishReason): OpenAIFinishReason {
  switch (reason.unified) {
    case 'stop':
    case 'other':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'error':
    case 'interrupted':
      return 'error';
  }
}
