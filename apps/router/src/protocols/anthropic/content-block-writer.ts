import type { LanguageModelV4StreamPart, SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { signedBy } from './thinking-signature.ts';

/** Writes one SSE event; `payload` gets `type: event` added. */
export type EmitEvent = (event: string, payload: object) => void;

type OpenBlock =
  | { kind: 'text' | 'thinking' | 'redacted'; id: string; index: number }
  | { kind: 'tool'; id: string; index: number; sentInput: boolean };

export interface ContentBlockWriter {
  /** Takes the next content part of the canonical stream. */
  accept(part: LanguageModelV4StreamPart): void;
  /** Closes whatever is open and writes what was held back; before `message_delta`. */
  finish(): void;
}

/**
 * Anthropic content blocks from AI SDK stream parts: one block open at a time, indexes counting
 * up from 0, each block started, given its deltas and stopped before the next starts. Text and
 * thinking that interleave become separate blocks (a thinking delta never lands in a text
 * block); a tool's input cannot be split, so while a tool block is open, parts of other blocks
 * are held back until it closes. Thinking ends with a signature naming `provider`.
 */
export function createContentBlockWriter(emit: EmitEvent, provider: string): ContentBlockWriter {
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  const held: LanguageModelV4StreamPart[] = [];
  const signatures = new Map<string, string>();
  const tools = new Set<string>();
  const providerRun = new Set<string>();

  const start = (block: object) => {
    emit('content_block_start', { index: nextIndex, content_block: block });
    return nextIndex++;
  };
  const delta = (index: number, payload: object) =>
    emit('content_block_delta', { index, delta: payload });
  const close = () => {
    const block = open;
    if (block === undefined) return;
    open = undefined;
    if (block.kind === 'thinking') {
      delta(block.index, {
        type: 'signature_delta',
        signature: signedBy(provider, signatures.get(block.id)),
      });
    }
    emit('content_block_stop', { index: block.index });
    if (block.kind === 'tool') for (const part of held.splice(0)) accept(part);
  };
  const openBlock = (kind: 'text' | 'thinking', id: string) => {
    if (open?.kind === kind && open.id === id) return open.index;
    close();
    const index = start(
      kind === 'text'
        ? { type: 'text', text: '' }
        : { type: 'thinking', thinking: '', signature: '' },
    );
    open = { kind, id, index };
    return index;
  };
  const isOpen = (kinds: OpenBlock['kind'][], id: string) =>
    open !== undefined && kinds.includes(open.kind) && open.id === id;

  function accept(part: LanguageModelV4StreamPart): void {
    const owner = ownerOf(part);
    if (open?.kind === 'tool' && owner !== undefined && owner !== `tool:${open.id}`) {
      held.push(part);
      return;
    }
    switch (part.type) {
      case 'text-delta':
        if (part.delta !== '')
          delta(openBlock('text', part.id), { type: 'text_delta', text: part.delta });
        return;
      case 'text-end':
        if (isOpen(['text'], part.id)) close();
        return;
      case 'reasoning-start':
      case 'reasoning-delta':
      case 'reasoning-end':
        acceptReasoning(part);
        return;
      case 'tool-input-start':
        if (part.providerExecuted) providerRun.add(part.id);
        else {
          close();
          tools.add(part.id);
          const index = start({ type: 'tool_use', id: part.id, name: part.toolName, input: {} });
          open = { kind: 'tool', id: part.id, index, sentInput: false };
        }
        return;
      case 'tool-input-delta':
        if (open?.kind === 'tool' && open.id === part.id && part.delta !== '') {
          delta(open.index, { type: 'input_json_delta', partial_json: part.delta });
          open.sentInput = true;
        }
        return;
      case 'tool-input-end':
        // Without deltas the input comes with the tool call, which closes the block.
        if (open?.kind === 'tool' && open.id === part.id && open.sentInput) close();
        return;
      case 'tool-call':
        acceptToolCall(part);
        return;
    }
  }

  function acceptReasoning(
    part: Extract<
      LanguageModelV4StreamPart,
      { type: 'reasoning-start' | 'reasoning-delta' | 'reasoning-end' }
    >,
  ): void {
    const metadata = anthropicMetadata(part.providerMetadata);
    if (metadata.signature !== undefined) signatures.set(part.id, metadata.signature);
    if (part.type === 'reasoning-start') {
      if (metadata.redactedData === undefined) return;
      close();
      const data = signedBy(provider, metadata.redactedData);
      open = { kind: 'redacted', id: part.id, index: start({ type: 'redacted_thinking', data }) };
    } else if (part.type === 'reasoning-delta') {
      if (part.delta === '' && metadata.signature === undefined) return;
      if (isOpen(['redacted'], part.id)) return;
      const index = openBlock('thinking', part.id);
      if (part.delta !== '') delta(index, { type: 'thinking_delta', thinking: part.delta });
    } else {
      // A signature alone (thinking withheld) is still a thinking block to replay.
      if (metadata.signature !== undefined && !isOpen(['redacted'], part.id)) {
        openBlock('thinking', part.id);
      }
      if (isOpen(['thinking', 'redacted'], part.id)) close();
    }
  }

  function acceptToolCall(part: Extract<LanguageModelV4StreamPart, { type: 'tool-call' }>): void {
    const id = part.toolCallId;
    if (part.providerExecuted || providerRun.has(id)) return;
    if (open?.kind === 'tool' && open.id === id) {
      if (!open.sentInput)
        delta(open.index, { type: 'input_json_delta', partial_json: part.input });
      close();
      return;
    }
    if (tools.has(id)) return;
    close();
    tools.add(id);
    const index = start({ type: 'tool_use', id, name: part.toolName, input: {} });
    delta(index, { type: 'input_json_delta', partial_json: part.input });
    emit('content_block_stop', { index });
  }

  return {
    accept,
    finish() {
      // Closing a tool writes what it held back, which may open another block.
      while (open !== undefined || held.length > 0) {
        if (open === undefined) accept(held.shift() as LanguageModelV4StreamPart);
        else close();
      }
    },
  };
}

/** The block a content part belongs to, by id; undefined for parts outside any block. */
function ownerOf(part: LanguageModelV4StreamPart): string | undefined {
  switch (part.type) {
    case 'text-delta':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-delta':
    case 'reasoning-end':
      return `${part.type.split('-')[0]}:${part.id}`;
    case 'tool-input-start':
    case 'tool-input-delta':
    case 'tool-input-end':
      return `tool:${part.id}`;
    case 'tool-call':
      return `tool:${part.toolCallId}`;
    default:
      return undefined;
  }
}

function anthropicMetadata(metadata: SharedV4ProviderMetadata | undefined) {
  const { signature, redactedData } = metadata?.anthropic ?? {};
  return {
    signature: typeof signature === 'string' ? signature : undefined,
    redactedData: typeof redactedData === 'string' ? redactedData : undefined,
  };
}
