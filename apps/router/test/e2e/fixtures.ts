import {
  type MockUpstream,
  type RouterRuntime,
  type RunningRouter,
  startMockUpstream,
  startRouter,
} from '@switchyard/testkit';
import { afterAll, beforeAll } from 'vitest';

export const adminKey = 'sk-test-admin';

/** A router configuration with one provider of each wire format, all pointed at the mock. */
export function upstreamConfig(upstream: MockUpstream) {
  return {
    providers: {
      openai: { type: 'openai', baseURL: upstream.baseURLs.openai, apiKey: 'env:TEST_OPENAI_KEY' },
      'openai-chat': {
        type: 'openai',
        api: 'chat',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
      anthropic: { type: 'anthropic', baseURL: upstream.baseURLs.anthropic, apiKey: 'test-key' },
      google: { type: 'google', baseURL: upstream.baseURLs.google, apiKey: 'test-key' },
      compatible: {
        type: 'openai-compatible',
        baseURL: upstream.baseURLs.openai,
        apiKey: 'test-key',
      },
      mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
    },
    models: {
      'failover-chat': { targets: ['mock/down', 'anthropic/claude-sonnet-4-5'] },
    },
  };
}

export const upstreamVars = { TEST_OPENAI_KEY: 'test-key' };

/** Each upstream wire format, by the model id a client asks for. */
export const upstreamModels = [
  { format: 'OpenAI Responses', model: 'openai/gpt-4o' },
  { format: 'OpenAI chat completions', model: 'openai-chat/gpt-4o-mini' },
  { format: 'OpenAI-compatible', model: 'compatible/llama-3.1-8b' },
  { format: 'Anthropic Messages', model: 'anthropic/claude-sonnet-4-5' },
  { format: 'Gemini generateContent', model: 'google/gemini-2.5-flash' },
] as const;

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

/**
 * One mock upstream and the router in front of it, started before a file's tests and closed
 * after them; read `upstream` and `router` from the returned object inside tests and hooks.
 */
export function useRouter(
  runtime: RouterRuntime,
  config: (upstream: MockUpstream) => unknown = upstreamConfig,
  vars: Record<string, string> = upstreamVars,
) {
  const running = {} as { upstream: MockUpstream; router: RunningRouter };
  beforeAll(async () => {
    running.upstream = await startMockUpstream();
    running.router = await startRouter(runtime, {
      config: config(running.upstream),
      adminKey,
      vars,
    });
  });
  afterAll(async () => {
    await running.router?.close();
    await running.upstream?.close();
  });
  return running;
}
