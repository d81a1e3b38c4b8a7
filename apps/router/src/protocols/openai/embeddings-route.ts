import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeEmbed } from '../../pipeline/route-one-shot.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { convertToEmbedOptions } from './convert-to-embed-options.ts';
import { convertToEmbeddingList } from './convert-to-embedding-list.ts';
import { embeddingsRequestSchema } from './embeddings-request.ts';

/** `POST /v1/embeddings`: the OpenAI API, served by whichever embedding target can. */
export async function embeddings(c: Context<RouterEnv>) {
  const body = parseRequest(embeddingsRequestSchema, c.get('body'));
  const request = routeRequestFrom(c, {
    model: body.model,
    call: convertToEmbedOptions(body),
    controls: withRoutingHeaders(c, {
      models: body.models,
      provider: body.provider,
      metadata: body.metadata,
      user: body.user ?? undefined,
    }),
  });
  const served = await routeEmbed(c.get('pipeline'), request);
  return c.json(
    convertToEmbeddingList(served.value, served.model, body.encoding_format ?? 'float'),
  );
}
