import { arrayOf, recordOf, stringOf } from './json-values.ts';
import type { MockRequest } from './mock-reply.ts';
import { renderOpenAIError } from './openai-error.ts';
import type { WireFormat } from './wire-format.ts';

/** Vector length when the request names no `dimensions` (the real models default to 1536+). */
export const defaultEmbeddingDimensions = 8;

/** The request every embedding mock hands the server: its inputs and dimensions, never a stream. */
export function embeddingRequest(
  model: string,
  inputs: string[],
  dimensions: unknown,
): MockRequest {
  return {
    model,
    stream: false,
    includeStreamUsage: false,
    lastUserText: inputs.at(-1) ?? '',
    toolResult: undefined,
    tools: [],
    toolChoice: { type: 'none' },
    inputCharacters: inputs.join('').length,
    embedding: { inputs, dimensions: typeof dimensions === 'number' ? dimensions : undefined },
  };
}

/**
 * OpenAI embeddings: `POST {base}/embeddings`, used by `openai.embeddingModel()` and
 * openai-compatible. Each input gets a deterministic unit vector derived from its text.
 */
export const openaiEmbeddings: WireFormat = {
  name: 'openai-embeddings',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/embeddings'),
  parseRequest(body) {
    const request = recordOf(body);
    const inputs =
      typeof request.input === 'string'
        ? [request.input]
        : arrayOf(request.input).map((input) => stringOf(input) ?? JSON.stringify(input));
    const dimensions = typeof request.dimensions === 'number' ? request.dimensions : undefined;
    return embeddingRequest(stringOf(request.model) ?? '', inputs, dimensions);
  },
  renderResponse(reply, request) {
    const { inputs, dimensions } = request.embedding ?? { inputs: [], dimensions: undefined };
    const tokens = reply.usage.inputTokens;
    return {
      object: 'list',
      data: inputs.map((input, index) => ({
        object: 'embedding',
        index,
        embedding: embeddingOf(input, dimensions ?? defaultEmbeddingDimensions),
      })),
      model: request.model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },
  // Embeddings never stream; the request parser always says `stream: false`.
  renderStream: () => [],
  renderError: renderOpenAIError,
  responseHeaders: (replyId) => ({ 'x-request-id': `req_${replyId}`, 'openai-processing-ms': '1' }),
};

/** A unit vector from FNV-1a hashes of the text, one seed per component. */
export function embeddingOf(text: string, dimensions: number): number[] {
  const vector = Array.from(
    { length: dimensions },
    (_, index) => (fnv1a(`${index}:${text}`) / 0xffffffff) * 2 - 1,
  );
  const norm = Math.sqrt(vector.reduce((sum, component) => sum + component * component, 0));
  return norm === 0 ? vector : vector.map((component) => component / norm);
}

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
