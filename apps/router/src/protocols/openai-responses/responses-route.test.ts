import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

const app = createApp({
  config: parseConfig({
    providers: { mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } } },
  }),
  store: createMemoryStore(),
  adminKey: 'sk-admin',
  logger: () => {},
});
const client = new OpenAI({
  baseURL: 'http://router.test/v1',
  apiKey: 'sk-admin',
  maxRetries: 0,
  fetch: async (url, init) => app.request(String(url), init),
});

async function apiError(promise: Promise<unknown>) {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe('POST /v1/responses', () => {
  it('answers responses.create of the openai client', async () => {
    const response = await client.responses.create({ model: 'mock/echo', input: 'hello there' });
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Echo: hello there');
    expect(response.id).toMatch(/^resp_/);
  });

  it('streams through responses.stream into the same final response', async () => {
    const stream = client.responses.stream({ model: 'mock/echo', input: 'stream this' });
    const final = await stream.finalResponse();
    expect(final.output_text).toBe('Echo: stream this');
    expect(final.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('refuses previous_response_id with a 400 that says why', async () => {
    const error = await apiError(
      client.responses.create({
        model: 'mock/echo',
        input: 'and then?',
        previous_response_id: 'resp_1',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('stateless_responses');
    expect(error.param).toBe('previous_response_id');
  });

  it('says in x-switchyard-warnings which tools it dropped', async () => {
    const { response } = await client.responses
      .create({
        model: 'mock/echo',
        input: 'search the web',
        tools: [{ type: 'web_search' }],
      })
      .withResponse();
    expect(response.headers.get('x-switchyard-warnings')).toContain('unsupported:tools.web_search');
  });

  it('names the field of a malformed body in the OpenAI error envelope', async () => {
    const response = await app.request('/v1/responses', {
      method: 'POST',
      headers: { authorization: 'Bearer sk-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', input: [{ role: 'user', content: 1 }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringMatching(/^input\[0\]\.content: /),
        type: 'invalid_request_error',
        param: 'input[0].content',
        code: 'invalid_request',
      },
    });
  });

  it('answers other methods with 405 and allow: POST', async () => {
    const response = await app.request('/v1/responses', {
      headers: { authorization: 'Bearer sk-admin' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('fails a stream whose only target is down before it starts, as an HTTP error', async () => {
    const error = await apiError(
      client.responses.create({ model: 'mock/down', input: 'x', stream: true }),
    );
    expect(error.status).toBe(502);
  });
});

describe('POST /v1/responses with responses kept', () => {
  const keeping = createApp({
    config: parseConfig({
      providers: { mock: { type: 'mock', models: { echo: {} } } },
      responses: { storeTtlSeconds: 600 },
      keys: [{ key: 'env:OTHER_KEY', tenant: 'other' }],
    }),
    env: { OTHER_KEY: 'sk-other' },
    store: createMemoryStore(),
    adminKey: 'sk-admin',
    logger: () => {},
  });
  const clientFor = (apiKey: string) =>
    new OpenAI({
      baseURL: 'http://router.test/v1',
      apiKey,
      maxRetries: 0,
      fetch: async (url, init) => keeping.request(String(url), init),
    });
  const owner = clientFor('sk-admin');
  const tools: OpenAI.Responses.Tool[] = [
    {
      type: 'function',
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      strict: false,
    },
  ];

  it('continues a streamed response by previous_response_id with only the new items', async () => {
    const first = await owner.responses
      .stream({ model: 'mock/echo', input: 'weather in Paris?', tools })
      .finalResponse();
    expect((first as unknown as { store: boolean }).store).toBe(true);
    const call = first.output.find((item) => item.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('expected a function call');

    const second = await owner.responses.create({
      model: 'mock/echo',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny' }],
      tools,
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output_text).toBe('Tool result: sunny');

    const third = await owner.responses.create({
      model: 'mock/echo',
      previous_response_id: second.id,
      input: 'thanks',
    });
    expect(third.output_text).toBe('Echo: thanks');
  });

  it("keeps nothing for store: false and shows no tenant another tenant's responses", async () => {
    const unkept = await owner.responses.create({ model: 'mock/echo', input: 'hi', store: false });
    expect((unkept as unknown as { store: boolean }).store).toBe(false);
    const kept = await owner.responses.create({ model: 'mock/echo', input: 'hi' });
    for (const [client, id] of [
      [owner, unkept.id],
      [clientFor('sk-other'), kept.id],
    ] as const) {
      const error = await apiError(
        client.responses.create({ model: 'mock/echo', previous_response_id: id, input: 'more' }),
      );
      expect(error.status).toBe(404);
      expect(error.code).toBe('previous_response_not_found');
    }
  });
});
