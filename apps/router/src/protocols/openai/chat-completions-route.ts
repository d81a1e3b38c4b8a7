import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../pipeline/route-language-model.ts';
import { cacheRequestFromHeaders } from '../cache-request-headers.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { encodeEvents, streamSSEBody } from '../sse-response.ts';
import { createChatCompletionChunkStream } from './chat-completion-chunk-stream.ts';
import { chatCompletionRequestSchema } from './chat-completion-request.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { convertToChatCompletion } from './convert-to-chat-completion.ts';

/** `POST /v1/chat/completions`: the OpenAI API, served by whichever target can. */
export async function chatCompletions(c: Context<RouterEnv>) {
  const body = parseRequest(chatCompletionRequestSchema, c.get('body'));
  const request = routeRequestFrom(c, {
    model: body.model,
    call: convertToCallOptions(body),
    controls: withRoutingHeaders(c, {
      models: body.models,
      provider: body.provider,
      metadata: body.metadata ?? undefined,
      user: body.user ?? undefined,
      guardrails: body.guardrails,
    }),
    cache: cacheRequestFromHeaders(c),
  });
  const identity = (model: string) => ({
    id: `chatcmpl-${c.get('requestId').slice(4)}`,
    created: Math.floor(Date.now() / 1000),
    model,
  });
  const pipeline = c.get('pipeline');

  if (body.stream) {
    const served = await routeStream(pipeline, request);
    const chunks = createChatCompletionChunkStream(identity(served.model), {
      includeUsage: body.stream_options?.include_usage === true,
      cost: () => request.facts.cost,
    });
    return streamSSEBody(c, encodeEvents(served.value, chunks));
  }

  const served = await routeGenerate(pipeline, request);
  return c.json(convertToChatCompletion(served.value, identity(served.model), request.facts.cost));
}
