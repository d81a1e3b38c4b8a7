import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeImage } from '../../routing/route-image-model.ts';
import { parseRequest } from '../parse-request.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { convertToImageOptions } from './convert-to-image-options.ts';
import { convertToImagesResponse } from './convert-to-images-response.ts';
import { imagesRequestSchema } from './images-request.ts';

/** `POST /v1/images/generations`: the OpenAI API, served by whichever image target can. */
export async function imageGenerations(c: Context<RouterEnv>) {
  const request = parseRequest(imagesRequestSchema, c.get('body'));
  const controls = withRoutingHeaders(c, {
    models: request.models,
    provider: request.provider,
    metadata: request.metadata,
    user: request.user ?? undefined,
  });
  const served = await routeImage(c, request.model, convertToImageOptions(request), controls);
  return c.json(convertToImagesResponse(served.value, request.response_format ?? 'b64_json'));
}
