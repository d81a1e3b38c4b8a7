import type { ImageModelV4CallOptions, ImageModelV4File } from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import type { Context } from 'hono';
import { z } from 'zod';
import type { RouterEnv } from '../../context.ts';
import { routeImage } from '../../pipeline/route-one-shot.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { readModelHeaders } from './ai-gateway-headers.ts';
import { providerOptionsSchema } from './language-model-prompt-schema.ts';
import { switchyardMetadata } from './switchyard-metadata.ts';
import {
  providerOptionsWithSwitchyardSchema,
  splitSwitchyardOptions,
} from './switchyard-provider-options.ts';

const base64DataUrl = /^data:([^;,]+)[^,]*;base64,(.*)$/is;

/**
 * Images per request. `@ai-sdk/gateway` never splits `n` (the gateway is to), so this is higher
 * than any one provider's limit: each attempt splits by the target model's `maxImagesPerCall`.
 */
export const maxImagesPerGatewayRequest = 100;

/**
 * An input image as the client sends it: base64 bytes (the client encodes them), or a base64
 * `data:` URL. Other URLs are refused: the provider packages would download them from inside
 * the gateway, on behalf of whoever sent the request.
 */
const imageFileSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('file'),
    mediaType: z.string().min(1).max(255),
    data: z.string(),
    providerOptions: providerOptionsSchema.optional(),
  }),
  z
    .object({
      type: z.literal('url'),
      url: z.string(),
      providerOptions: providerOptionsSchema.optional(),
    })
    .transform((file, context): ImageModelV4File => {
      const inline = base64DataUrl.exec(file.url);
      if (inline !== null) {
        const [, mediaType = 'application/octet-stream', data = ''] = inline;
        return { type: 'file', mediaType, data, providerOptions: file.providerOptions };
      }
      context.addIssue({
        code: 'custom',
        message: 'must be a base64 data URL: the gateway does not fetch image URLs',
        path: ['url'],
      });
      return z.NEVER;
    }),
]);

/** Pixels per side (and parts of a ratio), past the largest size any provider draws. */
const maxImageSide = 16_384;

const sidesMessage = (shape: string) =>
  `must be ${shape}, each a whole number from 1 to ${maxImageSide}`;

/** zod does not apply checks on the parts of a template literal: the sides are checked here. */
const wholeSides = (separator: string) => (value: string) =>
  value.split(separator).every((side) => {
    const number = Number(side);
    return Number.isInteger(number) && number >= 1 && number <= maxImageSide;
  });

const sizeSchema = z
  .templateLiteral([z.number(), 'x', z.number()], { error: sidesMessage('WIDTHxHEIGHT') })
  .refine(wholeSides('x'), sidesMessage('WIDTHxHEIGHT'));

const aspectRatioSchema = z
  .templateLiteral([z.number(), ':', z.number()], { error: sidesMessage('WIDTH:HEIGHT') })
  .refine(wholeSides(':'), sidesMessage('WIDTH:HEIGHT'));

/** The body of `POST /v4/ai/image-model`, as `GatewayImageModel.doGenerate` sends it. */
export const imageRequestSchema = z.object({
  prompt: z.string().max(32_000).optional(),
  n: z.number().int().min(1).max(maxImagesPerGatewayRequest),
  size: sizeSchema.optional(),
  aspectRatio: aspectRatioSchema.optional(),
  seed: z.number().int().optional(),
  files: z.array(imageFileSchema).max(16).optional(),
  mask: imageFileSchema.optional(),
  providerOptions: providerOptionsWithSwitchyardSchema.optional(),
});

/** `POST /v4/ai/image-model`: `ImageModelV4.doGenerate`, routed and failed over like embeddings. */
export async function imageModelRoute(c: Context<RouterEnv>) {
  const { modelId } = readModelHeaders(c, 'image');
  const body = parseRequest(imageRequestSchema, c.get('body'));
  const split = splitSwitchyardOptions(body.providerOptions);
  const call: ImageModelV4CallOptions = {
    prompt: body.prompt,
    n: body.n,
    size: body.size,
    aspectRatio: body.aspectRatio,
    seed: body.seed,
    files: body.files,
    mask: body.mask,
    providerOptions: split.providerOptions ?? {},
  };
  const request = routeRequestFrom(c, {
    model: modelId,
    call,
    controls: withRoutingHeaders(c, split.controls),
  });
  const { value: result } = await routeImage(c.get('pipeline'), request);
  const switchyard = switchyardMetadata(request.facts, c.get('requestId'));
  return c.json({
    // JSON has no bytes: images a provider returned as bytes travel as base64 text.
    images: result.images.map((image) =>
      typeof image === 'string' ? image : convertUint8ArrayToBase64(image),
    ),
    warnings: result.warnings,
    // Each provider's entry is kept as it is; `generateImage` expects per-image `images` in each.
    providerMetadata: { ...result.providerMetadata, switchyard: { ...switchyard, images: [] } },
    ...(result.usage !== undefined && { usage: result.usage }),
  });
}
