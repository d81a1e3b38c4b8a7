import type { Context } from 'hono';
import { cacheRequestFromHeaders } from '../../cache/cache-request-headers.ts';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../routing/route-language-model.ts';
import { parseRequest } from '../parse-request.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { streamSSEBody } from '../sse-response.ts';
import { createChatCompletionChunkStream } from './chat-completion-chunk-stream.ts';
import { chatCompletionRequestSchema } from './chat-completion-request.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { convertToChatCompletion } from './convert-to-chat-completion.ts';

/** `POST /v1/chat/completions`: the OpenAI API, served by whichever target can. */
export async function chatCompletions(c: Context<RouterEnv>) {
  const request = parseRequest(chatCompletionRequestSchema, c.get('body'));
  const callOptions = convertToCallOptions(request);
  const controls = withRoutingHeaders(c, {
    models: request.models,
    provider: request.provider,
    metadata: request.metadata ?? undefined,
    user: request.user ?? undefined,
  });
  const identity = (model: string) => ({
    id: `chatcmpl-${c.get('requestId').slice(4)}`,
    created: Math.floor(Date.now() / 1000),
    model,
  });

  if (request.stream) {
    const served = await routeStream(
      c,
      request.model,
      callOptions,
      controls,
      cacheRequestFromHeaders(c),
    );
    const chunks = createChatCompletionChunkStream(identity(served.target.id), {
      includeUsage: request.stream_options?.include_usage === true,
      cost: () => c.get('route')?.cost,
    });
    return streamSSEBody(c, served.value.pipeThrough(chunks));
  }

  const served = await routeGenerate(
    c,
    request.model,
    callOptions,
    controls,
    cacheRequestFromHeaders(c),
  );
  return c.json(
    convertToChatCompletion(served.value, identity(served.target.id), c.get('route')?.cost),
  );
}
