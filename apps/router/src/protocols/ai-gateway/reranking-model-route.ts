import type { RerankingModelV4CallOptions } from '@ai-sdk/provider';
import type { Context } from 'hono';
import { z } from 'zod';
import type { RouterEnv } from '../../context.ts';
import { routeRerank } from '../../pipeline/route-one-shot.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { readModelHeaders } from './ai-gateway-headers.ts';
import { switchyardMetadata, withSwitchyardMetadata } from './switchyard-metadata.ts';
import {
  providerOptionsWithSwitchyardSchema,
  splitSwitchyardOptions,
} from './switchyard-provider-options.ts';

/** Cohere's limit on documents per rerank call, the lowest of the reranking providers. */
export const maxDocumentsPerRerank = 1_000;

const documents = <Value extends z.ZodType>(value: Value) =>
  z.array(value).min(1, 'must contain at least one document').max(maxDocumentsPerRerank);

/** The body of `POST /v4/ai/reranking-model`, as `GatewayRerankingModel.doRerank` sends it. */
export const rerankingRequestSchema = z.object({
  documents: z.discriminatedUnion('type', [
    z.object({ type: z.literal('text'), values: documents(z.string()) }),
    z.object({ type: z.literal('object'), values: documents(z.record(z.string(), z.json())) }),
  ]),
  query: z.string().min(1, 'must not be empty').max(32_000),
  topN: z.number().int().min(1).optional(),
  providerOptions: providerOptionsWithSwitchyardSchema.optional(),
});

/** `POST /v4/ai/reranking-model`: `RerankingModelV4.doRerank`, routed and failed over like embeddings. */
export async function rerankingModelRoute(c: Context<RouterEnv>) {
  const { modelId } = readModelHeaders(c, 'reranking');
  const { providerOptions, ...body } = parseRequest(rerankingRequestSchema, c.get('body'));
  const split = splitSwitchyardOptions(providerOptions);
  const call: RerankingModelV4CallOptions = body;
  if (split.providerOptions !== undefined) call.providerOptions = split.providerOptions;
  const request = routeRequestFrom(c, {
    model: modelId,
    call,
    controls: withRoutingHeaders(c, split.controls),
  });
  const { value: result } = await routeRerank(c.get('pipeline'), request);
  const switchyard = switchyardMetadata(request.facts, c.get('requestId'));
  return c.json({
    ranking: result.ranking,
    warnings: result.warnings ?? [],
    providerMetadata: withSwitchyardMetadata(result.providerMetadata, switchyard),
  });
}
