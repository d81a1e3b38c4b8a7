import type { EmbeddingModelV4CallOptions } from '@ai-sdk/provider';
import type { EmbeddingsRequest } from './embeddings-request.ts';

/** The call options for an OpenAI embeddings request; `user` goes to OpenAI as it would. */
export function convertToEmbedOptions(request: EmbeddingsRequest): EmbeddingModelV4CallOptions {
  const options: EmbeddingModelV4CallOptions = {
    values: typeof request.input === 'string' ? [request.input] : request.input,
  };
  if (request.dimensions != null) options.dimensions = request.dimensions;
  if (request.user != null) options.providerOptions = { openai: { user: request.user } };
  return options;
}
