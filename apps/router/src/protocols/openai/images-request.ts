import { z } from 'zod';
import { requestControlsSchema } from '../../routing/request-controls.ts';
import { requestMetadataSchema } from '../routing-headers.ts';

/** OpenAI's limit on images per request. */
export const maxImagesPerRequest = 10;
/** Pixels per side, past the largest size any provider draws. */
const maxImageSide = 16_384;

const sizeMessage = `must be WIDTHxHEIGHT, e.g. 1024x1024, each side 1 to ${maxImageSide}, or auto`;
const size = z
  .union([z.literal('auto'), z.templateLiteral([z.number().int(), 'x', z.number().int()])], {
    error: sizeMessage,
  })
  .refine(
    (value) =>
      value === 'auto' ||
      value.split('x').every((side) => Number(side) >= 1 && Number(side) <= maxImageSide),
    sizeMessage,
  );

/**
 * The OpenAI `POST /v1/images/generations` body, with the router's request controls.
 * `response_format` defaults to `b64_json`: the router hosts no files, so `url` answers are
 * `data:` URLs.
 */
export const imagesRequestSchema = requestControlsSchema.extend({
  model: z.string().min(1),
  prompt: z.string().min(1, 'must not be empty').max(32_000),
  n: z.number().int().min(1).max(maxImagesPerRequest).nullish(),
  size: size.nullish(),
  quality: z.enum(['standard', 'hd', 'low', 'medium', 'high', 'auto']).nullish(),
  style: z.enum(['vivid', 'natural']).nullish(),
  background: z.enum(['transparent', 'opaque', 'auto']).nullish(),
  output_format: z.enum(['png', 'jpeg', 'webp']).nullish(),
  response_format: z.enum(['b64_json', 'url']).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
  metadata: requestMetadataSchema.optional(),
});

export type ImagesRequest = z.infer<typeof imagesRequestSchema>;
