import type { Context } from 'hono';
import type { CacheRequest } from '../../cache/cache-decision.ts';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../pipeline/route-language-model.ts';
import { cacheRequestFromHeaders } from '../cache-request-headers.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { encodeEvents, streamSSEBody } from '../sse-response.ts';
import { readLanguageModelHeaders } from './ai-gateway-headers.ts';
import { encodeGenerateResult } from './encode-generate-result.ts';
import { parseLanguageModelCall } from './language-model-call-options.ts';
import { createStreamPartEventStream } from './stream-part-event-stream.ts';
import { switchyardMetadata } from './switchyard-metadata.ts';

/** `POST /v1/ai/language-model`: one `LanguageModelV4` call, served by whichever target can. */
export async function languageModelRoute(c: Context<RouterEnv>) {
  const { modelId, streaming } = readLanguageModelHeaders(c);
  const { callOptions, controls, cache } = parseLanguageModelCall(c.get('body'));
  const request = routeRequestFrom(c, {
    model: modelId,
    call: callOptions,
    controls: withRoutingHeaders(c, controls),
    cache: { ...cacheRequestFromHeaders(c), ...definedOnly(cache) },
  });
  const facts = () => switchyardMetadata(request.facts, c.get('requestId'));
  const pipeline = c.get('pipeline');
  if (streaming) {
    const served = await routeStream(pipeline, request);
    return streamSSEBody(c, encodeEvents(served.value, createStreamPartEventStream(facts)));
  }
  const served = await routeGenerate(pipeline, request);
  return c.json(encodeGenerateResult(served.value, facts()));
}

function definedOnly(request: CacheRequest | undefined): CacheRequest {
  return Object.fromEntries(
    Object.entries(request ?? {}).filter(([, value]) => value !== undefined),
  );
}
