import { z } from 'zod';
import { requestControlsSchema } from '../../routing/request-controls.ts';
import { requestMetadataSchema } from '../routing-headers.ts';

/** OpenAI's own limit on inputs per request. */
export const maxEmbeddingInputs = 2048;

const text = z.string().min(1, 'must not be an empty string');

const input = z.union([text, z.array(text).min(1, 'must contain at least one string')], {
  error: (issue) => {
    if (issue.input === undefined) return 'is required';
    if (isTokenInput(issue.input)) return 'token arrays are not supported: send the input as text';
    return 'must be a string or an array of strings';
  },
});

/** The OpenAI `POST /v1/embeddings` body, with the router's request controls. */
export const embeddingsRequestSchema = requestControlsSchema.extend({
  model: z.string().min(1),
  input: input.refine(
    (value) => typeof value === 'string' || value.length <= maxEmbeddingInputs,
    `must contain at most ${maxEmbeddingInputs} strings`,
  ),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().positive().max(65_536).nullish(),
  user: z.string().nullish(),
  metadata: requestMetadataSchema.optional(),
});

export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

/** `[1, 2]` or `[[1, 2], [3]]`: pre-tokenised input, which only OpenAI's own models read. */
function isTokenInput(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every(
    (item) =>
      typeof item === 'number' ||
      (Array.isArray(item) && item.every((token) => typeof token === 'number')),
  );
}
