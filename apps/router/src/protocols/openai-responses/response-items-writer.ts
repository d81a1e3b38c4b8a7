import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { ResponseContext } from './convert-to-response.ts';
import { sealReasoning } from './reasoning-envelope.ts';
import {
  type FunctionCallItem,
  type ItemStatus,
  type MessageItem,
  type OutputItem,
  outputText,
  type ReasoningItem,
} from './response-object.ts';
import {
  createItemIds,
  functionCallItem,
  messageItem,
  reasoningItem,
} from './response-output-items.ts';

/** Sends one event; the writer numbers it. */
export type Emit = (type: string, payload: object) => void;

type OpenItem =
  | { kind: 'message'; index: number; item: MessageItem }
  | { kind: 'function'; index: number; item: FunctionCallItem }
  | {
      kind: 'reasoning';
      index: number | undefined;
      item: ReasoningItem | undefined;
      text: string;
      metadata: SharedV4ProviderMetadata | undefined;
    };

/**
 * The output items of a streamed response and their events, in the order OpenAI sends them:
 * `output_item.added`, the content part or summary part, deltas, the `.done` events, then
 * `output_item.done` with the whole item. Items are keyed by the stream part ids, so items a
 * provider interleaves stay apart; each keeps the output index it was announced with.
 */
export function createResponseItemsWriter(context: ResponseContext, emit: Emit) {
  const nextId = createItemIds(context.identity.id);
  const output: OutputItem[] = [];
  const open = new Map<string, OpenItem>();

  const announce = (item: OutputItem): number => {
    output.push(item);
    const index = output.length - 1;
    emit('response.output_item.added', { output_index: index, item: startedItem(item) });
    return index;
  };
  const position = (entry: { index: number; item: OutputItem }) => ({
    item_id: entry.item.id,
    output_index: entry.index,
  });

  function textDelta(id: string, delta: string): void {
    let entry = open.get(id);
    if (entry?.kind !== 'message') {
      const item = messageItem(nextId('msg'), '', 'in_progress');
      entry = { kind: 'message', index: announce(item), item };
      open.set(id, entry);
      emit('response.content_part.added', {
        ...position(entry),
        content_index: 0,
        part: outputText(''),
      });
    }
    const content = entry.item.content[0];
    if (content !== undefined) content.text += delta;
    emit('response.output_text.delta', {
      ...position(entry),
      content_index: 0,
      delta,
      logprobs: [],
    });
  }

  function reasoning(
    id: string,
    delta: string,
    metadata: SharedV4ProviderMetadata | undefined,
  ): void {
    let entry = open.get(id);
    if (entry?.kind !== 'reasoning') {
      entry = { kind: 'reasoning', index: undefined, item: undefined, text: '', metadata };
      open.set(id, entry);
    } else if (metadata !== undefined) entry.metadata = mergeMetadata(entry.metadata, metadata);
    if (delta === '') return;
    if (entry.item === undefined || entry.index === undefined) {
      entry.item = reasoningItem(nextId('rs'), '', undefined, 'in_progress');
      entry.index = announce(entry.item);
      emit('response.reasoning_summary_part.added', {
        item_id: entry.item.id,
        output_index: entry.index,
        summary_index: 0,
        part: { type: 'summary_text', text: '' },
      });
    }
    entry.text += delta;
    emit('response.reasoning_summary_text.delta', {
      item_id: entry.item.id,
      output_index: entry.index,
      summary_index: 0,
      delta,
    });
  }

  function toolInputStart(id: string, toolName: string): void {
    const item = functionCallItem(
      nextId('fc'),
      { toolCallId: id, toolName, input: '' },
      context.names,
      'in_progress',
    );
    open.set(id, { kind: 'function', index: announce(item), item });
  }

  function toolInputDelta(id: string, delta: string): void {
    const entry = open.get(id);
    if (entry?.kind !== 'function' || delta === '') return;
    entry.item.arguments += delta;
    emit('response.function_call_arguments.delta', { ...position(entry), delta });
  }

  /** The finished call: its input is authoritative, whatever the deltas said. */
  function toolCall(call: { toolCallId: string; toolName: string; input: string }): void {
    if (open.get(call.toolCallId)?.kind !== 'function') {
      toolInputStart(call.toolCallId, call.toolName);
      toolInputDelta(call.toolCallId, call.input);
    }
    const entry = open.get(call.toolCallId);
    if (entry?.kind === 'function') entry.item.arguments = call.input;
    close(call.toolCallId, 'completed');
  }

  function close(id: string, status: ItemStatus): void {
    const entry = open.get(id);
    if (entry === undefined) return;
    open.delete(id);
    if (entry.kind === 'message') {
      const text = entry.item.content[0]?.text ?? '';
      const part = { ...position(entry), content_index: 0 };
      emit('response.output_text.done', { ...part, text, logprobs: [] });
      emit('response.content_part.done', { ...part, part: outputText(text) });
    } else if (entry.kind === 'function') {
      const { arguments: text, name } = entry.item;
      emit('response.function_call_arguments.done', { ...position(entry), arguments: text, name });
    } else if (!closeReasoning(entry)) return;
    const done = output.find((item) => item.id === (entry.item as OutputItem).id);
    if (done === undefined) return;
    done.status = status;
    emit('response.output_item.done', { output_index: output.indexOf(done), item: done });
  }

  /** False when the reasoning had neither text nor anything to seal: no item at all. */
  function closeReasoning(entry: Extract<OpenItem, { kind: 'reasoning' }>): boolean {
    const sealed = sealReasoning(entry.metadata);
    if (entry.item === undefined) {
      if (sealed === undefined) return false;
      entry.item = reasoningItem(nextId('rs'), '', entry.metadata, 'in_progress');
      entry.index = announce(entry.item);
      return true;
    }
    const summary = { item_id: entry.item.id, output_index: entry.index, summary_index: 0 };
    const part = { type: 'summary_text' as const, text: entry.text };
    emit('response.reasoning_summary_text.done', { ...summary, text: entry.text });
    emit('response.reasoning_summary_part.done', { ...summary, part });
    entry.item.summary = [part];
    if (sealed !== undefined) entry.item.encrypted_content = sealed;
    return true;
  }

  return {
    output,
    textDelta,
    reasoning,
    toolInputStart,
    toolInputDelta,
    toolCall,
    close,
    /** Ends every item still open, in the order they were announced. */
    closeAll(status: ItemStatus): void {
      for (const id of [...open.keys()]) close(id, status);
    },
    /** Items still open are cut short: a failed response reports them as incomplete. */
    markOpenIncomplete(): void {
      for (const entry of open.values()) if (entry.item) entry.item.status = 'incomplete';
    },
  };
}

/** The item as `output_item.added` announces it: in progress, without content yet. */
function startedItem(item: OutputItem): OutputItem {
  if (item.type === 'message') return { ...item, content: [] };
  if (item.type === 'reasoning') return { ...item, summary: [] };
  return { ...item, arguments: '' };
}

function mergeMetadata(
  base: SharedV4ProviderMetadata | undefined,
  next: SharedV4ProviderMetadata,
): SharedV4ProviderMetadata {
  const merged: SharedV4ProviderMetadata = { ...base };
  for (const [namespace, values] of Object.entries(next)) {
    merged[namespace] = { ...merged[namespace], ...values };
  }
  return merged;
}
