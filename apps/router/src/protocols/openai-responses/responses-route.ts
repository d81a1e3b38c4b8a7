import type { Context } from 'hono';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../pipeline/route-language-model.ts';
import { cacheRequestFromHeaders } from '../cache-request-headers.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { streamSSEBody } from '../sse-response.ts';
import { convertResponsesCallOptions } from './convert-responses-call-options.ts';
import { convertToResponse, type ResponseContext } from './convert-to-response.ts';
import { refuseStatefulRequest } from './refuse-stateful-request.ts';
import { createResponseEventStream } from './response-event-stream.ts';
import { echoOf } from './response-object.ts';
import { responsesRequestSchema } from './responses-request.ts';

/** `POST /v1/responses`: the OpenAI Responses API, stateless, served by whichever target can. */
export async function responses(c: Context<RouterEnv>) {
  const body = parseRequest(responsesRequestSchema, c.get('body'));
  refuseStatefulRequest(body);
  const converted = convertResponsesCallOptions(body);
  const request = routeRequestFrom(c, {
    model: body.model,
    call: converted.call,
    controls: withRoutingHeaders(c, {
      models: body.models,
      provider: body.provider,
      metadata: body.metadata ?? undefined,
      user: body.user ?? undefined,
      tags: body.tags,
    }),
    cache: cacheRequestFromHeaders(c),
  });
  const context = (model: string): ResponseContext => ({
    identity: {
      id: `resp_${c.get('requestId').slice(4)}`,
      createdAt: Math.floor(Date.now() / 1000),
      model,
    },
    echo: echoOf(body),
    names: converted.names,
  });
  // What this route dropped on the way in goes with what the provider ignored.
  const addWarnings = () => {
    if (converted.warnings.length === 0) return;
    request.facts.warnings = [...converted.warnings, ...(request.facts.warnings ?? [])];
  };
  const pipeline = c.get('pipeline');

  if (body.stream) {
    const served = await routeStream(pipeline, request);
    addWarnings();
    const events = createResponseEventStream(context(served.model), {
      cost: () => request.facts.cost,
    });
    return streamSSEBody(c, served.value.pipeThrough(events));
  }

  const served = await routeGenerate(pipeline, request);
  addWarnings();
  return c.json(convertToResponse(served.value, context(served.model), request.facts.cost));
}
