import Anthropic from '@anthropic-ai/sdk';
import type { MockUpstream, RecordedRequest, RunningRouter } from '@switchyard/testkit';

export const adminKey = 'sk-test-admin';

/**
 * Providers of each wire format on the mock upstream, and aliases named as Claude Code names its
 * models: one served by Anthropic, one by OpenAI, so the same client reaches either.
 */
export function anthropicMessagesConfig(upstream: MockUpstream) {
  return {
    providers: {
      anthropic: { type: 'anthropic', baseURL: upstream.baseURLs.anthropic, apiKey: 'test-key' },
      openai: { type: 'openai', baseURL: upstream.baseURLs.openai, apiKey: 'test-key' },
      'openai-chat': {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
      compatible: {
        type: 'openai-compatible',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
      google: { type: 'google', baseURL: upstream.baseURLs.google, apiKey: 'test-key' },
    },
    models: {
      'claude-sonnet-5-5': { targets: ['anthropic/claude-sonnet-5-5'] },
      'claude-haiku-5-5': { targets: ['openai-chat/gpt-4o-mini'] },
    },
    // One try per target: the error tests need no retries.
    routing: { attemptsPerTarget: 1 },
    server: { requestLog: false },
  };
}

/** Each upstream wire format, by the model a client asks for. */
export const messagesUpstreams = [
  { format: 'Anthropic Messages', model: 'anthropic/claude-sonnet-5-5', reasons: true },
  { format: 'OpenAI Responses', model: 'openai/gpt-4o', reasons: true },
  { format: 'OpenAI chat completions', model: 'openai-chat/gpt-4o-mini', reasons: false },
  { format: 'OpenAI-compatible', model: 'compatible/llama-3.1-8b', reasons: true },
  { format: 'Gemini generateContent', model: 'google/gemini-2.5-flash', reasons: true },
] as const;

export const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

/** The Anthropic SDK pointed at the router, as `ANTHROPIC_BASE_URL` points Claude Code. */
export const anthropicClient = (router: RunningRouter, apiKey = adminKey) =>
  new Anthropic({ baseURL: router.url, apiKey, maxRetries: 0 });

/** Upstream requests made while `run` ran. */
export async function upstreamRequestsDuring(
  upstream: MockUpstream,
  run: () => Promise<unknown>,
): Promise<RecordedRequest[]> {
  const before = upstream.requests.length;
  await run();
  return upstream.requests.slice(before);
}

/** Resolves to what a promise rejected with (undefined if it did not). */
export const rejectionOf = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );
