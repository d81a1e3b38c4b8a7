import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeImage } from '../../pipeline/route-one-shot.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { convertToImageOptions } from './convert-to-image-options.ts';
import { convertToImagesResponse } from './convert-to-images-response.ts';
import { imagesRequestSchema } from './images-request.ts';

/** `POST /v1/images/generations`: the OpenAI API, served by whichever image target can. */
export async function imageGenerations(c: Context<RouterEnv>) {
  const body = parseRequest(imagesRequestSchema, c.get('body'));
  const request = routeRequestFrom(c, {
    model: body.model,
    call: convertToImageOptions(body),
    controls: withRoutingHeaders(c, {
      models: body.models,
      provider: body.provider,
      metadata: body.metadata,
      user: body.user ?? undefined,
    }),
  });
  const served = await routeImage(c.get('pipeline'), request);
  return c.json(convertToImagesResponse(served.value, body.response_format ?? 'b64_json'));
}
