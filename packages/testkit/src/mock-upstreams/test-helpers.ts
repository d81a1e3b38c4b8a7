import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type {
  LanguageModelV4,
  LanguageModelV4FunctionTool,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type MockUpstream, startMockUpstream } from './server.ts';

export type ProviderName =
  | 'openai-responses'
  | 'openai-chat'
  | 'openai-compatible'
  | 'anthropic'
  | 'google';

export const providerNames: ProviderName[] = [
  'openai-responses',
  'openai-chat',
  'openai-compatible',
  'anthropic',
  'google',
];

export const defaultModelIds: Record<ProviderName, string> = {
  'openai-responses': 'gpt-4o',
  'openai-chat': 'gpt-4o',
  'openai-compatible': 'llama-3.3-70b',
  anthropic: 'claude-sonnet-4-5',
  google: 'gemini-2.5-flash',
};

/** The real AI SDK language model for a provider, pointed at the mock upstream. */
export function createLanguageModel(
  upstream: MockUpstream,
  provider: ProviderName,
  modelId = defaultModelIds[provider],
  options: { includeUsage?: boolean } = {},
): LanguageModelV4 {
  const { openai, anthropic, google } = upstream.baseURLs;
  switch (provider) {
    case 'openai-responses':
      return createOpenAI({ baseURL: openai, apiKey: 'test' })(modelId);
    case 'openai-chat':
      return createOpenAI({ baseURL: openai, apiKey: 'test' }).chat(modelId);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'compatible',
        baseURL: openai,
        apiKey: 'test',
        includeUsage: options.includeUsage ?? true,
      }).chatModel(modelId);
    case 'anthropic':
      return createAnthropic({ baseURL: anthropic, apiKey: 'test' })(modelId);
    case 'google':
      return createGoogleGenerativeAI({ baseURL: google, apiKey: 'test' })(modelId);
  }
}

export const weatherTool: LanguageModelV4FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  inputSchema: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      days: { type: 'integer' },
      metric: { type: 'boolean' },
    },
    required: ['city', 'days', 'metric'],
    additionalProperties: false,
  },
};

export const timeTool: LanguageModelV4FunctionTool = {
  type: 'function',
  name: 'get_time',
  description: 'Current time in a zone',
  inputSchema: {
    type: 'object',
    properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } },
    required: ['zone'],
    additionalProperties: false,
  },
};

export function userPrompt(text: string): LanguageModelV4Prompt {
  return [{ role: 'user', content: [{ type: 'text', text }] }];
}

/** A conversation whose last message is the result of a `get_weather` call. */
export function toolResultPrompt(result: string): LanguageModelV4Prompt {
  const call = { toolCallId: 'call_1', toolName: 'get_weather' };
  return [
    ...userPrompt('What is the weather in Paris?'),
    { role: 'assistant', content: [{ type: 'tool-call', ...call, input: { city: 'Paris' } }] },
    {
      role: 'tool',
      content: [{ type: 'tool-result', ...call, output: { type: 'text', value: result } }],
    },
  ];
}

export interface StreamOutcome {
  parts: LanguageModelV4StreamPart[];
  /** What reading the stream threw, if it did. */
  error: unknown;
}

export async function readStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): Promise<StreamOutcome> {
  const reader = stream.getReader();
  const parts: LanguageModelV4StreamPart[] = [];
  try {
    for (let result = await reader.read(); !result.done; result = await reader.read()) {
      parts.push(result.value);
    }
    return { parts, error: undefined };
  } catch (error) {
    return { parts, error };
  }
}

/** Non-empty deltas: OpenAI Chat opens its stream with `content: ""`, which the SDK passes on. */
export function deltasOf(
  parts: LanguageModelV4StreamPart[],
  type: 'text-delta' | 'reasoning-delta',
) {
  return parts.flatMap((part) => (part.type === type && part.delta !== '' ? [part.delta] : []));
}

export function partsOfType<Type extends LanguageModelV4StreamPart['type']>(
  parts: LanguageModelV4StreamPart[],
  type: Type,
): Extract<LanguageModelV4StreamPart, { type: Type }>[] {
  return parts.filter(
    (part): part is Extract<LanguageModelV4StreamPart, { type: Type }> => part.type === type,
  );
}

export interface RawExchange {
  response: Response;
  text: string;
  /** The body parsed as server-sent events (empty for JSON bodies). */
  events: EventSourceMessage[];
}

/** Posts JSON to the mock without any SDK, to check the bytes on the wire. */
export async function postRaw(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawExchange> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events: EventSourceMessage[] = [];
  createParser({ onEvent: (event) => events.push(event) }).feed(text);
  return { response, text, events };
}

/** Parses each event's JSON data, skipping the `[DONE]` sentinel; `Shape` is what the test expects. */
export function eventData<Shape = Record<string, unknown>>(events: EventSourceMessage[]): Shape[] {
  return events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data));
}

/** The raw response body the SDK kept, typed as the test expects it. */
export function responseBodyOf<Shape>(result: LanguageModelV4GenerateResult): Shape {
  if (result.response?.body === undefined) throw new Error('The SDK kept no response body');
  return result.response.body as Shape;
}

/** What a call rejected with; throws when it resolved instead. */
export async function rejectionOf(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to reject');
}

/** The APICallError a provider call rejected with. */
export async function apiCallErrorOf(call: PromiseLike<unknown>): Promise<APICallError> {
  const error = await rejectionOf(call);
  if (!APICallError.isInstance(error)) throw new Error(`Expected an APICallError, got ${error}`);
  return error;
}

/**
 * One mock upstream for the whole file: started before the tests, reset before each one,
 * closed after. The returned object reads through to the running server.
 */
export function useMockUpstream(): MockUpstream {
  let current: MockUpstream | undefined;
  beforeAll(async () => {
    current = await startMockUpstream();
  });
  afterAll(() => current?.close());
  beforeEach(() => current?.reset());
  const running = () => {
    if (current === undefined) throw new Error('the mock upstream starts in beforeAll');
    return current;
  };
  return {
    get url() {
      return running().url;
    },
    get baseURLs() {
      return running().baseURLs;
    },
    get requests() {
      return running().requests;
    },
    get requestCounts() {
      return running().requestCounts;
    },
    get aborted() {
      return running().aborted;
    },
    reset: () => running().reset(),
    close: () => running().close(),
  };
}
