import type { EmbeddingModelV4CallOptions } from '@ai-sdk/provider';
import type { Context } from 'hono';
import { z } from 'zod';
import type { RouterEnv } from '../../context.ts';
import { routeEmbed } from '../../pipeline/route-one-shot.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { readEmbeddingModelHeaders } from './ai-gateway-headers.ts';
import { switchyardMetadata, withSwitchyardMetadata } from './switchyard-metadata.ts';
import {
  providerOptionsWithSwitchyardSchema,
  splitSwitchyardOptions,
} from './switchyard-provider-options.ts';

/** The body of `POST /v1/ai/embedding-model`; 2048 values is the client's batch size. */
export const embeddingRequestSchema = z.object({
  values: z.array(z.string()).min(1, 'must contain at least one value').max(2048),
  dimensions: z.number().int().positive().max(65_536).optional(),
  providerOptions: providerOptionsWithSwitchyardSchema.optional(),
});

/** `POST /v1/ai/embedding-model`: `EmbeddingModelV4.doEmbed`, with the same routing and failover. */
export async function embeddingModelRoute(c: Context<RouterEnv>) {
  const { modelId } = readEmbeddingModelHeaders(c);
  const { providerOptions, ...request } = parseRequest(embeddingRequestSchema, c.get('body'));
  const split = splitSwitchyardOptions(providerOptions);
  const options: EmbeddingModelV4CallOptions = request;
  if (split.providerOptions !== undefined) options.providerOptions = split.providerOptions;
  const routeRequest = routeRequestFrom(c, {
    model: modelId,
    call: options,
    controls: withRoutingHeaders(c, split.controls),
  });
  const { value: result } = await routeEmbed(c.get('pipeline'), routeRequest);
  const switchyard = switchyardMetadata(routeRequest.facts, c.get('requestId'));
  return c.json({
    embeddings: result.embeddings,
    ...(result.usage !== undefined && { usage: result.usage }),
    providerMetadata: withSwitchyardMetadata(result.providerMetadata, switchyard),
    warnings: result.warnings,
  });
}
