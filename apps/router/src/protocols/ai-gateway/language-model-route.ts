import type { Context } from 'hono';
import type { CacheRequest } from '../../cache/cache-decision.ts';
import { cacheRequestFromHeaders } from '../../cache/cache-request-headers.ts';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../routing/route-language-model.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { streamSSEBody } from '../sse-response.ts';
import { readLanguageModelHeaders } from './ai-gateway-headers.ts';
import { encodeGenerateResult } from './encode-generate-result.ts';
import { parseLanguageModelCall } from './language-model-call-options.ts';
import { createStreamPartEventStream } from './stream-part-event-stream.ts';
import { switchyardMetadata } from './switchyard-metadata.ts';

/** `POST /v1/ai/language-model`: one `LanguageModelV4` call, served by whichever target can. */
export async function languageModelRoute(c: Context<RouterEnv>) {
  const { modelId, streaming } = readLanguageModelHeaders(c);
  const {
    callOptions,
    controls: bodyControls,
    cache: bodyCache,
  } = parseLanguageModelCall(c.get('body'));
  const controls = withRoutingHeaders(c, bodyControls);
  const cache = { ...cacheRequestFromHeaders(c), ...definedOnly(bodyCache) };
  const facts = () => switchyardMetadata(c.get('route'), c.get('requestId'));
  if (streaming) {
    const served = await routeStream(c, modelId, callOptions, controls, cache);
    return streamSSEBody(c, served.value.pipeThrough(createStreamPartEventStream(facts)));
  }
  const served = await routeGenerate(c, modelId, callOptions, controls, cache);
  return c.json(encodeGenerateResult(served.value, facts()));
}

function definedOnly(request: CacheRequest | undefined): CacheRequest {
  return Object.fromEntries(
    Object.entries(request ?? {}).filter(([, value]) => value !== undefined),
  );
}
