import type { LanguageModelV4FinishReason, SharedV4ProviderMetadata } from '@ai-sdk/provider';

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const anthropicReasons = new Set<string>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/**
 * Anthropic's `stop_reason` and `stop_sequence`: an Anthropic target's own reason as it sent it,
 * any other provider's mapped from the unified reason. `undefined` for `error` and `interrupted`,
 * which never pass for a finished message.
 * @example mapStopReason({ unified: 'tool-calls', raw: 'tool_calls' }) // { reason: 'tool_use', sequence: null }
 */
export function mapStopReason(
  finishReason: LanguageModelV4FinishReason,
  metadata?: SharedV4ProviderMetadata,
): { reason: AnthropicStopReason; sequence: string | null } | undefined {
  const stopSequence = metadata?.anthropic?.stopSequence;
  const sequence = typeof stopSequence === 'string' ? stopSequence : null;
  const { raw, unified } = finishReason;
  if (unified === 'error' || unified === 'interrupted') return undefined;
  if (raw !== undefined && anthropicReasons.has(raw)) {
    return { reason: raw as AnthropicStopReason, sequence };
  }
  switch (unified) {
    case 'length':
      return { reason: 'max_tokens', sequence: null };
    case 'tool-calls':
      return { reason: 'tool_use', sequence: null };
    case 'content-filter':
      return { reason: 'refusal', sequence: null };
    case 'stop':
    case 'other':
      return { reason: 'end_turn', sequence: null };
  }
}
