import type { LanguageModelV4Content, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { StreamInterruptedError } from '../../errors/index.ts';
import { type AnthropicUsage, convertUsage } from './convert-usage.ts';
import { type AnthropicStopReason, mapStopReason } from './map-stop-reason.ts';
import { signedBy } from './thinking-signature.ts';

/** Who answers: the message id, and the `provider/model` that served (it signs the thinking). */
export interface MessageIdentity {
  id: string;
  model: string;
}

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface AnthropicMessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/**
 * A whole answer as an Anthropic message. Tool calls the provider ran itself are not the
 * client's to answer and are left out; a result that finished with an error is not a message.
 * @example c.json(convertToMessage(served.value, { id: 'msg_01', model: served.model }))
 */
export function convertToMessage(
  result: LanguageModelV4GenerateResult,
  identity: MessageIdentity,
): AnthropicMessageResponse {
  const stop = mapStopReason(result.finishReason, result.providerMetadata);
  if (stop === undefined) throw new StreamInterruptedError('The provider finished with an error.');
  const provider = providerOf(identity.model);
  return {
    id: identity.id,
    type: 'message',
    role: 'assistant',
    model: identity.model,
    content: result.content.flatMap((part) => contentBlock(part, provider)),
    stop_reason: stop.reason,
    stop_sequence: stop.sequence,
    usage: convertUsage(result.usage),
  };
}

/** The provider id of a served `provider/model`. */
export function providerOf(model: string): string {
  return model.slice(0, model.indexOf('/'));
}

function contentBlock(part: LanguageModelV4Content, provider: string): AnthropicContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'reasoning': {
      const { signature, redactedData } = part.providerMetadata?.anthropic ?? {};
      if (typeof redactedData === 'string') {
        return [{ type: 'redacted_thinking', data: signedBy(provider, redactedData) }];
      }
      const value = typeof signature === 'string' ? signature : undefined;
      return [{ type: 'thinking', thinking: part.text, signature: signedBy(provider, value) }];
    }
    case 'tool-call':
      if (part.providerExecuted) return [];
      return [
        {
          type: 'tool_use',
          id: part.toolCallId,
          name: part.toolName,
          input: parseInput(part.input),
        },
      ];
    default:
      return [];
  }
}

/** Tool input arrives as JSON text; Anthropic sends it as an object. */
export function parseInput(input: string): unknown {
  try {
    return JSON.parse(input === '' ? '{}' : input);
  } catch {
    return {};
  }
}
