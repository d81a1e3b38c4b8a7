import type {
  LanguageModelV4FunctionTool,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type MockUpstream, startMockUpstream } from './server.ts';

export {
  createLanguageModel,
  defaultModelIds,
  type ProviderName,
  providerNames,
} from './provider-models.ts';

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
