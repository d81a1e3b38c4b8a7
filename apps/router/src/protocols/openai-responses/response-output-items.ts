import type { LanguageModelV4FinishReason, SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { sealReasoning } from './reasoning-envelope.ts';
import {
  type FunctionCallItem,
  type IncompleteReason,
  type ItemStatus,
  type MessageItem,
  outputText,
  type ReasoningItem,
  type ResponseStatus,
} from './response-object.ts';
import type { ToolNames } from './tool-names.ts';

/**
 * Item ids unique within one response: `msg_…`, `fc_…`, `rs_…` followed by the response's own
 * suffix and a counter.
 */
export function createItemIds(responseId: string) {
  const suffix = responseId.replace(/^resp_/, '');
  let next = 0;
  return (prefix: 'msg' | 'fc' | 'rs') => `${prefix}_${suffix}${(next++).toString(36)}`;
}

export function messageItem(id: string, text: string, status: ItemStatus): MessageItem {
  return { type: 'message', id, status, role: 'assistant', content: [outputText(text)] };
}

/** A function call under the name and namespace the client gave its tool. */
export function functionCallItem(
  id: string,
  call: { toolCallId: string; toolName: string; input: string },
  names: ToolNames,
  status: ItemStatus,
): FunctionCallItem {
  const client = names.clientOf(call.toolName);
  return {
    type: 'function_call',
    id,
    status,
    call_id: call.toolCallId,
    name: client.name,
    ...(client.namespace === undefined ? {} : { namespace: client.namespace }),
    arguments: call.input,
  };
}

/** Reasoning text as one summary part; what its provider needs back, sealed. */
export function reasoningItem(
  id: string,
  text: string,
  metadata: SharedV4ProviderMetadata | undefined,
  status: ItemStatus,
): ReasoningItem {
  const sealed = sealReasoning(metadata);
  return {
    type: 'reasoning',
    id,
    status,
    summary: text === '' ? [] : [{ type: 'summary_text', text }],
    ...(sealed === undefined ? {} : { encrypted_content: sealed }),
  };
}

/**
 * How a finish reads as a response status. An answer cut short is `incomplete` and still a
 * clean finish; `error` and `interrupted` never pass for one.
 */
export function statusOf(reason: LanguageModelV4FinishReason): {
  status: Exclude<ResponseStatus, 'in_progress'>;
  incompleteReason?: IncompleteReason;
} {
  switch (reason.unified) {
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'error':
    case 'interrupted':
      return { status: 'failed' };
    default:
      return { status: 'completed' };
  }
}
