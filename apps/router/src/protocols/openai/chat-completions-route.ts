import type { Context } from 'hono';
import type { RouterDeps, RouterEnv } from '../../context.ts';
import { generateWithFailover, streamWithFailover } from '../../routing/call-with-failover.ts';
import { resolveTargets } from '../../routing/resolve-targets.ts';
import { parseRequest } from '../parse-request.ts';
import { streamSSEBody } from '../sse-response.ts';
import { createChatCompletionChunkStream } from './chat-completion-chunk-stream.ts';
import { chatCompletionRequestSchema } from './chat-completion-request.ts';
import { convertToCallOptions } from './convert-to-call-options.ts';
import { convertToChatCompletion } from './convert-to-chat-completion.ts';

/** `POST /v1/chat/completions`: the OpenAI API, served by whichever target can. */
export const chatCompletionsRoute = (deps: RouterDeps) =>
  async function chatCompletions(c: Context<RouterEnv>) {
    const request = parseRequest(chatCompletionRequestSchema, c.get('body'));
    const resolution = resolveTargets(deps.config, request.model);
    const callOptions = convertToCallOptions(request);
    const route = {
      requested: request.model,
      alias: resolution.alias,
      targets: resolution.targets.map((target) => target.id),
      attempts: [] as { target: string; outcome: 'ok' | 'error'; durationMs: number }[],
    };
    c.set('route', route);
    const failover = {
      registry: c.get('registry'),
      signal: c.req.raw.signal,
      onAttempt: (record: (typeof route.attempts)[number]) => route.attempts.push(record),
    };
    const identity = {
      id: `chatcmpl-${c.get('requestId').slice(4)}`,
      created: Math.floor(Date.now() / 1000),
      model: request.model,
    };

    if (request.stream) {
      const served = await streamWithFailover(resolution.targets, callOptions, failover);
      c.set('route', { ...route, served: served.target });
      identity.model = served.target.id;
      const body = served.value.pipeThrough(
        createChatCompletionChunkStream(identity, {
          includeUsage: request.stream_options?.include_usage === true,
        }),
      );
      return streamSSEBody(c, body);
    }

    const served = await generateWithFailover(resolution.targets, callOptions, failover);
    c.set('route', { ...route, served: served.target });
    identity.model = served.target.id;
    return c.json(convertToChatCompletion(served.value, identity));
  };
