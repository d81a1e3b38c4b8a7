import { bedrockConverse, decodeModelId } from './bedrock-converse.ts';
import { arrayOf, recordOf, stringOf } from './json-values.ts';
import { defaultEmbeddingDimensions, embeddingOf, embeddingRequest } from './openai-embeddings.ts';
import type { WireFormat } from './wire-format.ts';
import { uuidFor } from './wire-format.ts';

const invokePath = /\/model\/([^/]+)\/invoke$/;

/**
 * Bedrock embeddings through `POST {base}/model/{modelId}/invoke`: `cohere.embed-*` models answer
 * in Cohere's v3 shape, every other model in Titan's (one `inputText` per call).
 */
export const bedrockEmbeddings: WireFormat = {
  name: 'bedrock-embeddings',
  lineEnding: '\n',
  matches: (pathname) => invokePath.test(pathname),
  parseRequest(body, url) {
    const request = recordOf(body);
    const [, encodedModel = ''] = invokePath.exec(url.pathname) ?? [];
    const inputs = Array.isArray(request.texts)
      ? arrayOf(request.texts).map((text) => stringOf(text) ?? JSON.stringify(text))
      : [stringOf(request.inputText) ?? ''];
    const dimensions = [request.dimensions, request.output_dimension].find(
      (value) => typeof value === 'number',
    );
    return embeddingRequest(decodeModelId(encodedModel), inputs, dimensions);
  },
  renderResponse(reply, request) {
    const { inputs, dimensions } = request.embedding ?? { inputs: [], dimensions: undefined };
    const vectors = inputs.map((input) =>
      embeddingOf(input, dimensions ?? defaultEmbeddingDimensions),
    );
    if (request.model.includes('cohere.embed')) {
      return {
        embeddings: vectors,
        id: uuidFor(reply.id),
        response_type: 'embeddings_floats',
        texts: inputs,
      };
    }
    const [embedding = []] = vectors;
    return {
      embedding,
      embeddingsByType: { float: embedding },
      inputTextTokenCount: reply.usage.inputTokens,
    };
  },
  // Embeddings never stream; the request parser always says `stream: false`.
  renderStream: () => [],
  renderError: bedrockConverse.renderError,
  responseHeaders: bedrockConverse.responseHeaders,
};
