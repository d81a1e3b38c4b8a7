import type {
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4Reasoning,
  LanguageModelV4ResponseMetadata,
  LanguageModelV4StreamPart,
  LanguageModelV4Text,
  LanguageModelV4Usage,
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import type { Cost } from '../accounting/compute-cost.ts';
import { canonicalJson } from './canonical-json.ts';

/** A cached language-model answer: the result, and the exact stream parts when it was streamed. */
/** The provider and model that made a cached answer. */
export type CacheTarget = { providerId: string; modelId: string };

export interface LanguageCacheEntry {
  kind: 'language';
  createdAt: number;
  target: { providerId: string; modelId: string };
  result: {
    content: LanguageModelV4Content[];
    finishReason: LanguageModelV4FinishReason;
    usage: LanguageModelV4Usage;
    providerMetadata?: SharedV4ProviderMetadata;
    warnings: SharedV4Warning[];
    response?: { id?: string; modelId?: string; timestamp?: string };
    /** What to parse for structured output when it is not the text parts joined. */
    structuredOutputText?: string;
  };
  parts?: LanguageModelV4StreamPart[];
  /** What the answer cost when it was made: what a hit saves. */
  cost?: Cost;
}

type WithMetadata = { providerMetadata?: SharedV4ProviderMetadata };

const cacheableFinishes = new Set(['stop', 'length', 'tool-calls']);

/** Only complete successes are stored: never errors, cut or filtered answers. */
export function isCacheable(finishReason: LanguageModelV4FinishReason): boolean {
  return cacheableFinishes.has(finishReason.unified);
}

export function entryFromResult(
  result: LanguageModelV4GenerateResult,
  target: LanguageCacheEntry['target'],
  createdAt: number,
): LanguageCacheEntry {
  return {
    kind: 'language',
    createdAt,
    target,
    result: {
      content: result.content,
      finishReason: result.finishReason,
      usage: result.usage,
      providerMetadata: result.providerMetadata,
      warnings: result.warnings,
      response: result.response && {
        id: result.response.id,
        modelId: result.response.modelId,
        timestamp: result.response.timestamp?.toISOString(),
      },
      structuredOutputText: result.structuredOutputText,
    },
  };
}

/**
 * A recorded stream as an entry, or undefined when it did not finish cleanly. The result is
 * assembled from the parts so the entry also serves non-streaming requests.
 */
export function entryFromParts(
  parts: LanguageModelV4StreamPart[],
  target: LanguageCacheEntry['target'],
  createdAt: number,
): LanguageCacheEntry | undefined {
  const finish = parts.findLast((part) => part.type === 'finish');
  if (finish?.type !== 'finish' || parts.some((part) => part.type === 'error')) return undefined;
  const kept = parts.filter((part) => part.type !== 'raw');
  const start = kept.find((part) => part.type === 'stream-start');
  const metadata = kept.findLast((part) => part.type === 'response-metadata');
  return {
    kind: 'language',
    createdAt,
    target,
    result: {
      content: contentOf(kept),
      finishReason: finish.finishReason,
      usage: finish.usage,
      providerMetadata: finish.providerMetadata,
      warnings: start?.type === 'stream-start' ? start.warnings : [],
      response: metadata?.type === 'response-metadata' ? responseOf(metadata) : undefined,
    },
    parts: kept,
  };
}

function responseOf(metadata: LanguageModelV4ResponseMetadata) {
  return {
    id: metadata.id,
    modelId: metadata.modelId,
    timestamp: metadata.timestamp?.toISOString(),
  };
}

/** The content blocks a stream spells out, assembled as the AI SDK does. */
function contentOf(parts: LanguageModelV4StreamPart[]): LanguageModelV4Content[] {
  const content: LanguageModelV4Content[] = [];
  const blocks = new Map<string, LanguageModelV4Text | LanguageModelV4Reasoning>();
  // The latest provider metadata wins: signatures come with the last delta or the end.
  const block = (type: 'text' | 'reasoning', part: { id: string } & WithMetadata) => {
    const found = blocks.get(`${type}:${part.id}`);
    if (found !== undefined && part.providerMetadata !== undefined)
      found.providerMetadata = part.providerMetadata;
    return found;
  };
  for (const part of parts) {
    switch (part.type) {
      case 'text-start':
      case 'reasoning-start': {
        const type = part.type === 'text-start' ? 'text' : 'reasoning';
        const started: LanguageModelV4Text | LanguageModelV4Reasoning = { type, text: '' };
        blocks.set(`${type}:${part.id}`, started);
        block(type, part);
        content.push(started);
        break;
      }
      case 'text-delta':
      case 'reasoning-delta': {
        const found = block(part.type === 'text-delta' ? 'text' : 'reasoning', part);
        if (found !== undefined) found.text += part.delta;
        break;
      }
      case 'reasoning-end':
        block('reasoning', part);
        break;
      case 'text-end': {
        const found = block('text', part);
        if (found?.type === 'text' && part.citations !== undefined)
          found.citations = part.citations;
        break;
      }
      case 'tool-call':
      case 'tool-result':
      case 'source':
      case 'file':
      case 'reasoning-file':
      case 'custom':
      case 'tool-approval-request':
        content.push(part);
        break;
    }
  }
  return content;
}

/** The entry as a generate result. */
export function resultFromEntry(entry: LanguageCacheEntry): LanguageModelV4GenerateResult {
  const { response, ...rest } = entry.result;
  return {
    ...rest,
    ...(response && {
      response: {
        ...response,
        timestamp: response.timestamp === undefined ? undefined : new Date(response.timestamp),
      },
    }),
  };
}

/** The entry as stream parts: the recorded ones when it was streamed, else built from the result. */
export function partsFromEntry(entry: LanguageCacheEntry): LanguageModelV4StreamPart[] {
  if (entry.parts !== undefined) {
    return entry.parts.map((part) =>
      part.type === 'response-metadata' && typeof part.timestamp === 'string'
        ? { ...part, timestamp: new Date(part.timestamp) }
        : part,
    );
  }
  const { result } = entry;
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: result.warnings }];
  if (result.response !== undefined) {
    const { timestamp, ...metadata } = result.response;
    parts.push({
      type: 'response-metadata',
      ...metadata,
      ...(timestamp && { timestamp: new Date(timestamp) }),
    });
  }
  result.content.forEach((block, index) => {
    const id = String(index);
    if (block.type === 'text' || block.type === 'reasoning') {
      const kind = block.type;
      const metadata = block.providerMetadata && { providerMetadata: block.providerMetadata };
      const citations = block.type === 'text' && block.citations && { citations: block.citations };
      parts.push(
        { type: `${kind}-start`, id, ...metadata },
        { type: `${kind}-delta`, id, delta: block.text },
        { type: `${kind}-end`, id, ...citations },
      );
    } else if (block.type === 'tool-call') {
      parts.push(
        {
          type: 'tool-input-start',
          id: block.toolCallId,
          toolName: block.toolName,
          // Protocols skip provider-executed calls from their first part on.
          ...(block.providerExecuted !== undefined && { providerExecuted: block.providerExecuted }),
          ...(block.dynamic !== undefined && { dynamic: block.dynamic }),
        },
        { type: 'tool-input-delta', id: block.toolCallId, delta: block.input },
        { type: 'tool-input-end', id: block.toolCallId },
        block,
      );
    } else {
      parts.push(block);
    }
  });
  parts.push({
    type: 'finish',
    finishReason: result.finishReason,
    usage: result.usage,
    providerMetadata: result.providerMetadata,
  });
  return parts;
}

/** The entry as stored: canonical JSON (dates and bytes as strings). */
export function encodeEntry(entry: LanguageCacheEntry): string {
  return canonicalJson(entry);
}

export function decodeEntry(text: string): LanguageCacheEntry | undefined {
  try {
    return entryOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** An already parsed entry, or undefined when it is not one. */
export function entryOf(value: unknown): LanguageCacheEntry | undefined {
  const entry = value as Partial<LanguageCacheEntry> | null;
  if (entry === null || typeof entry !== 'object') return undefined;
  return entry.kind === 'language' && Array.isArray(entry.result?.content)
    ? (entry as LanguageCacheEntry)
    : undefined;
}
