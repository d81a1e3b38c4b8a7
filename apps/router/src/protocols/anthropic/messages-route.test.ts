import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

const adminKey = 'sk-test-admin';

const app = createApp({
  config: parseConfig({
    providers: {
      mock: {
        type: 'mock',
        models: {
          echo: {},
          thinker: { reasoning: 'Two and two make four.' },
          down: { errorStatus: 503 },
          limited: { errorStatus: 429 },
        },
      },
    },
    models: {
      // Named as Claude Code names its default model, so it routes anywhere.
      'claude-sonnet-5-5': { targets: ['mock/down', 'mock/echo'] },
    },
    routing: { attemptsPerTarget: 1 },
    server: { requestLog: false },
  }),
  store: createMemoryStore(),
  adminKey,
});

const fetchApp = async (url: string | URL | Request, init?: RequestInit) =>
  app.request(String(url), init);
const client = (apiKey = adminKey) =>
  new Anthropic({ baseURL: 'http://router.test', apiKey, fetch: fetchApp, maxRetries: 0 });

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('POST /v1/messages', () => {
  it('answers a Claude model name through an alias, failing over from a target that is down', async () => {
    const { data: message, response } = await client()
      .messages.create({
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hello router' }],
      })
      .withResponse();
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'mock/echo',
      content: [{ type: 'text', text: 'Echo: hello router' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(message.id).toMatch(/^msg_/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
  });

  it('streams thinking, then text, into the message the SDK assembles', async () => {
    const stream = client().messages.stream({
      model: 'mock/thinker',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'two and two?' }],
    });
    const message = await stream.finalMessage();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Two and two make four.', signature: 'switchyard:mock:' },
      { type: 'text', text: 'Echo: two and two?' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('also serves the path with ?beta=true, as Claude Code calls it', async () => {
    const message = await client().beta.messages.create({
      model: 'mock/echo',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'beta' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: beta' }]);
  });

  it("reports errors in Anthropic's envelope, with its types and statuses", async () => {
    const wrongKey = await caught(
      client('sk-wrong').messages.create({
        model: 'mock/echo',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(wrongKey).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(wrongKey).toMatchObject({ status: 401, error: { type: 'error' } });

    const unknown = await caught(
      client().messages.create({
        model: 'nope/model',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
    expect(unknown).toMatchObject({ error: { error: { type: 'not_found_error' } } });

    const overloaded = await caught(
      client().messages.create({
        model: 'mock/down',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded).toMatchObject({
      status: 529,
      error: { type: 'error', error: { type: 'overloaded_error' } },
    });

    const throttled = await caught(
      client().messages.create({
        model: 'mock/limited',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(throttled).toBeInstanceOf(Anthropic.RateLimitError);
  });

  it('names the field of an invalid request', async () => {
    const response = await app.request('/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/echo', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: is required' },
      request_id: expect.stringMatching(/^req_/),
    });
  });

  it('refuses other methods with 405 in the same envelope', async () => {
    const response = await app.request('/v1/messages', { headers: { 'x-api-key': adminKey } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('answers the input tokens as the control plane estimates them', async () => {
    const counted = await client().messages.countTokens({
      model: 'claude-sonnet-5-5',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hello' }],
    });
    // UTF-8 bytes of the text, plus four per message: the system prompt is one.
    expect(counted).toEqual({ input_tokens: 9 + 4 + 5 + 4 });
  });

  it('refuses a model nobody may call', async () => {
    const error = await caught(
      client().messages.countTokens({
        model: 'nope/model',
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
  });
});

describe('GET /v1/models', () => {
  it("lists models in Anthropic's shape for Anthropic clients, page by page", async () => {
    const ids: string[] = [];
    for await (const model of client().models.list({ limit: 2 })) {
      expect(model).toMatchObject({ type: 'model', created_at: '1970-01-01T00:00:00Z' });
      expect(typeof model.display_name).toBe('string');
      ids.push(model.id);
    }
    expect(ids).toEqual([
      'claude-sonnet-5-5',
      'mock/echo',
      'mock/thinker',
      'mock/down',
      'mock/limited',
    ]);
    const page = await client().models.list({ limit: 2, after_id: 'mock/echo' });
    expect(page.data.map((model) => model.id)).toEqual(['mock/thinker', 'mock/down']);
    expect(page.has_more).toBe(true);
  });

  it("keeps OpenAI's shape for other clients", async () => {
    const response = await app.request('/v1/models', {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(await response.json()).toMatchObject({ object: 'list' });
  });

  it("refuses a wrong key in Anthropic's envelope", async () => {
    const error = await caught(client('sk-wrong').models.list());
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
  });
});
