import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import type { Cost } from '../../accounting/compute-cost.ts';
import { convertResponseUsage } from './convert-response-usage.ts';
import {
  type MessageItem,
  type OutputItem,
  type RequestEcho,
  type ResponseIdentity,
  responseObject,
} from './response-object.ts';
import {
  createItemIds,
  functionCallItem,
  messageItem,
  reasoningItem,
  statusOf,
} from './response-output-items.ts';
import type { ToolNames } from './tool-names.ts';

export interface ResponseContext {
  identity: ResponseIdentity;
  echo: RequestEcho;
  names: ToolNames;
}

/**
 * The OpenAI `response` object for a generate result: consecutive text becomes one message
 * item, reasoning a reasoning item with its summary, each function call a `function_call` item.
 */
export function convertToResponse(
  result: LanguageModelV4GenerateResult,
  context: ResponseContext,
  cost?: Cost,
) {
  const nextId = createItemIds(context.identity.id);
  const output: OutputItem[] = [];
  let message: MessageItem | undefined;
  for (const part of result.content) {
    if (part.type === 'text') {
      if (part.text === '') continue;
      const content = message?.content[0];
      if (content !== undefined) content.text += part.text;
      else {
        message = messageItem(nextId('msg'), part.text, 'completed');
        output.push(message);
      }
      continue;
    }
    if (part.type === 'reasoning') {
      const item = reasoningItem(nextId('rs'), part.text, part.providerMetadata, 'completed');
      if (item.summary.length > 0 || item.encrypted_content !== undefined) output.push(item);
    } else if (part.type === 'tool-call' && !part.providerExecuted) {
      output.push(functionCallItem(nextId('fc'), part, context.names, 'completed'));
    } else continue;
    // Text after a reasoning or function call item starts a new message.
    message = undefined;
  }
  const { status, incompleteReason } = statusOf(result.finishReason);
  return responseObject(context.identity, context.echo, {
    status,
    output,
    usage: convertResponseUsage(result.usage, cost),
    incompleteReason,
    error:
      status === 'failed'
        ? { code: 'server_error', message: 'The upstream model finished with an error.' }
        : undefined,
  });
}
