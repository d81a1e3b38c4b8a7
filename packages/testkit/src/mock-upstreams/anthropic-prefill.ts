import type { JsonRecord } from './json-values.ts';
import { arrayOf, recordOf, stringOf } from './json-values.ts';
import type { MockRequest } from './mock-reply.ts';

/**
 * The text of a final assistant message, which Anthropic continues instead of answering afresh;
 * `undefined` when the conversation ends otherwise (or the assistant turn calls a tool).
 */
export function anthropicPrefillOf(message: JsonRecord | undefined): string | undefined {
  if (message?.role !== 'assistant') return undefined;
  const { content } = message;
  if (typeof content === 'string') return content;
  const blocks = arrayOf(content).map(recordOf);
  if (blocks.some((block) => block.type === 'tool_use')) return undefined;
  const texts = blocks.flatMap((block) =>
    block.type === 'text' ? [stringOf(block.text) ?? ''] : [],
  );
  return texts.length === 0 ? undefined : texts.join('');
}

/** Anthropic's 400 for a prefill it refuses: on models from Claude 4.6 on, or ending in whitespace. */
export function rejectAnthropicPrefill({
  model,
  assistantPrefill,
}: MockRequest): string | undefined {
  if (assistantPrefill === undefined) return undefined;
  if (!acceptsPrefill(model)) {
    return 'This model does not support assistant message prefill. The conversation must end with a user message.';
  }
  return /\s$/.test(assistantPrefill)
    ? 'messages: final assistant content cannot end with trailing whitespace'
    : undefined;
}

// `claude-3-5-sonnet-…`, `claude-sonnet-4-5-…`, `claude-opus-4-20250514`: generation, then a one-digit minor.
const claudeGeneration = /claude-(?:[a-z]+-)?(\d+)(?:[-.](\d)(?!\d))?/;

/** Claude models up to 4.5 accept a prefill; 4.6 and later refuse it. Other ids are not refused. */
function acceptsPrefill(model: string): boolean {
  const match = claudeGeneration.exec(model);
  if (!match) return true;
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major < 4 || (major === 4 && minor <= 5);
}
