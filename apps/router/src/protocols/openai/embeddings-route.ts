import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeEmbed } from '../../routing/route-embedding-model.ts';
import { parseRequest } from '../parse-request.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { convertToEmbedOptions } from './convert-to-embed-options.ts';
import { convertToEmbeddingList } from './convert-to-embedding-list.ts';
import { embeddingsRequestSchema } from './embeddings-request.ts';

/** `POST /v1/embeddings`: the OpenAI API, served by whichever embedding target can. */
export async function embeddings(c: Context<RouterEnv>) {
  const request = parseRequest(embeddingsRequestSchema, c.get('body'));
  const controls = withRoutingHeaders(c, {
    models: request.models,
    provider: request.provider,
    metadata: request.metadata,
    user: request.user ?? undefined,
  });
  const served = await routeEmbed(c, request.model, convertToEmbedOptions(request), controls);
  return c.json(
    convertToEmbeddingList(served.value, served.target.id, request.encoding_format ?? 'float'),
  );
}
