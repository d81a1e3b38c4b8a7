import type { Context } from 'hono';
import type { RouterConfig } from '../../config/index.ts';
import type { RouterEnv } from '../../context.ts';
import { routeGenerate, routeStream } from '../../pipeline/route-language-model.ts';
import type { GuardedStore } from '../../store/index.ts';
import { cacheRequestFromHeaders } from '../cache-request-headers.ts';
import { parseRequest } from '../parse-request.ts';
import { routeRequestFrom } from '../route-request-from-context.ts';
import { withRoutingHeaders } from '../routing-headers.ts';
import { encodeEvents, streamSSEBody } from '../sse-response.ts';
import { convertResponsesCallOptions } from './convert-responses-call-options.ts';
import { convertToResponse, type ResponseContext } from './convert-to-response.ts';
import { refuseStatefulRequest } from './refuse-stateful-request.ts';
import { createResponseEventStream } from './response-event-stream.ts';
import { echoOf, type OutputItem } from './response-object.ts';
import { type ResponsesRequest, responsesRequestSchema } from './responses-request.ts';
import { createResponseStore, type StoredConversation } from './stored-responses.ts';

/**
 * `POST /v1/responses`: the OpenAI Responses API, served by whichever target can. Stateless
 * unless `responses.storeTtlSeconds` keeps answers for `previous_response_id`.
 * @example app.post('/v1/responses', auth, body, responsesRoute({ store, config }));
 */
export function responsesRoute(deps: { store: GuardedStore; config: RouterConfig }) {
  const ttlSeconds = deps.config.responses.storeTtlSeconds;
  const kept =
    ttlSeconds > 0
      ? createResponseStore({
          store: deps.store,
          ttlSeconds,
          // A conversation larger than a request body could not be sent back inline either.
          maxBytes: deps.config.server.maxBodyBytes,
        })
      : undefined;

  return async function responses(c: Context<RouterEnv>) {
    const parsed = parseRequest(responsesRequestSchema, c.get('body'));
    refuseStatefulRequest(parsed, kept !== undefined);
    const tenant = c.get('tenant');
    const previous = parsed.previous_response_id;
    const history = kept && previous != null ? await kept.load(tenant, previous) : [];
    const conversation: StoredConversation = [...history, ...inputItemsOf(parsed.input)];
    const body: ResponsesRequest =
      history.length === 0 ? parsed : { ...parsed, input: conversation };
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
        guardrails: body.guardrails,
      }),
      cache: cacheRequestFromHeaders(c),
    });
    const id = `resp_${c.get('requestId').slice(4)}`;
    const storing = kept !== undefined && body.store !== false;
    const context = (model: string): ResponseContext => ({
      identity: { id, createdAt: Math.floor(Date.now() / 1000), model },
      echo: echoOf(body, storing),
      names: converted.names,
    });
    // Kept before the answer goes out, so the id can be continued as soon as the client has it.
    const keep = async (output: OutputItem[]) => {
      if (!storing) return;
      const items = conversation.filter((item) => item.type !== 'dropped');
      await kept?.save(tenant, id, [...items, ...output]).catch(() => false);
    };
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
        onComplete: keep,
      });
      return streamSSEBody(c, encodeEvents(served.value, events));
    }

    const served = await routeGenerate(pipeline, request);
    addWarnings();
    const response = convertToResponse(served.value, context(served.model), request.facts.cost);
    if (response.status !== 'failed') await keep(response.output);
    return c.json(response);
  };
}

function inputItemsOf(input: ResponsesRequest['input']): StoredConversation {
  if (typeof input !== 'string') return input;
  return [{ type: 'message', role: 'user', content: input }];
}
