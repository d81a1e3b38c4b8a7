import { cohereChat } from './cohere-chat.ts';
import { arrayOf, recordOf, stringOf } from './json-values.ts';
import { defaultEmbeddingDimensions, embeddingOf, embeddingRequest } from './openai-embeddings.ts';
import type { WireFormat } from './wire-format.ts';
import { uuidFor } from './wire-format.ts';

/** Cohere v2 Embed: `POST {base}/embed`, answered with `float` vectors (all the AI SDK asks for). */
export const cohereEmbed: WireFormat = {
  name: 'cohere-embed',
  lineEnding: '\n',
  matches: (pathname) => pathname.endsWith('/embed'),
  parseRequest(body) {
    const request = recordOf(body);
    const inputs = arrayOf(request.texts).map((text) => stringOf(text) ?? JSON.stringify(text));
    const dimensions =
      typeof request.output_dimension === 'number' ? request.output_dimension : undefined;
    return embeddingRequest(stringOf(request.model) ?? '', inputs, dimensions);
  },
  renderResponse(reply, request) {
    const { inputs, dimensions } = request.embedding ?? { inputs: [], dimensions: undefined };
    const size = dimensions ?? defaultEmbeddingDimensions;
    return {
      id: uuidFor(reply.id),
      texts: inputs,
      embeddings: { float: inputs.map((input) => embeddingOf(input, size)) },
      meta: {
        api_version: { version: '2' },
        billed_units: { input_tokens: reply.usage.inputTokens },
      },
      response_type: 'embeddings_by_type',
    };
  },
  // Embeddings never stream; the request parser always says `stream: false`.
  renderStream: () => [],
  renderError: cohereChat.renderError,
  responseHeaders: cohereChat.responseHeaders,
};
