import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../pipeline/route-language-model.ts';
import { cacheRequestFromHeaders } from '../cache-request-headers.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { encodeEvents, streamSSEBody } from '../sse-response.ts';
import { readAnthropicHeaders } from './anthropic-headers.ts';
import { anthropicTargetRegistry } from './anthropic-target-registry.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { convertToMessage } from './convert-to-message.ts';
import { createMessageEventStream } from './message-event-stream.ts';
import { messagesRequestSchema } from './messages-request.ts';

/** `POST /v1/messages` (also `?beta=true`): the Anthropic API, served by whichever target can. */
export async function messagesRoute(c: Context<RouterEnv>) {
  const body = parseRequest(messagesRequestSchema, c.get('body'));
  const headers = readAnthropicHeaders(c);
  const request = routeRequestFrom(c, {
    model: body.model,
    call: convertToCallOptions(body, { betas: headers.betas }),
    controls: withRoutingHeaders(c, {
      models: body.models,
      provider: body.provider,
      user: body.metadata?.user_id ?? undefined,
      guardrails: body.guardrails,
    }),
    cache: cacheRequestFromHeaders(c),
  });
  request.registry = anthropicTargetRegistry(request.registry, c.get('config'), {
    version: headers.version,
  });
  const identity = (model: string) => ({ id: `msg_${c.get('requestId').slice(4)}`, model });
  const pipeline = c.get('pipeline');

  if (body.stream) {
    const served = await routeStream(pipeline, request);
    return streamSSEBody(
      c,
      encodeEvents(served.value, createMessageEventStream(identity(served.model))),
    );
  }
  const served = await routeGenerate(pipeline, request);
  return c.json(convertToMessage(served.value, identity(served.model)));
}
