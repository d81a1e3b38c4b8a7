import { createGateway as createOfficialGateway } from '@ai-sdk/gateway';
import {
  createGateway,
  SwitchyardAuthenticationError,
  SwitchyardNotFoundError,
} from '@switchyard/ai-sdk-provider';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, useRouter } from './fixtures.ts';

const chat = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] };
const appOrigin = 'https://app.example';

describe.each(['node', 'workerd'] as const)('what a newcomer tries first, on %s', (runtime) => {
  const running = useRouter(runtime, (upstream) => ({
    ...upstreamConfig(upstream),
    models: { chat: { targets: ['mock/echo'] } },
    server: { cors: { origins: [appOrigin], credentials: true } },
  }));
  let client: OpenAI;
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${running.router.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${adminKey}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });

  beforeAll(() => {
    client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
  });

  describe('a wrongly typed field', () => {
    it.each([
      [
        'temperature',
        { ...chat, temperature: 'hot' },
        'temperature: expected a number, got a string',
      ],
      ['max_tokens', { ...chat, max_tokens: 'ten' }, 'max_tokens: expected a number, got a string'],
      ['messages', { ...chat, messages: 'hi' }, 'messages: expected an array, got a string'],
    ])('says what %s expected, through the openai client', async (param, body, message) => {
      const error = await client.chat.completions
        .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, param, message: `400 ${message}` });
    });

    it.each([
      ['[]', 'The request body: expected a JSON object, got an array'],
      ['null', 'The request body: expected a JSON object, got null'],
    ])('says a body of %s is not an object, on every route', async (body, message) => {
      for (const [path, headers] of [
        ['/v1/chat/completions', {}],
        ['/v1/embeddings', {}],
        ['/v1/ai/language-model', { 'ai-language-model-id': 'mock/echo' }],
        ['/api/v1/keys', {}],
      ] as const) {
        const response = await call(path, { method: 'POST', body, headers });
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        const { error } = (await response.json()) as { error: { message: string } };
        expect(error.message.replace(/\.$/, '')).toBe(message);
      }
    });
  });

  describe('request ids', () => {
    it('sends x-request-id with the x-switchyard-request-id value, for the openai client', async () => {
      const { response, request_id } = await client.chat.completions
        .create({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] })
        .withResponse();
      expect(request_id).toMatch(/^req_/);
      expect(request_id).toBe(response.headers.get('x-switchyard-request-id'));
      const completion = await client.chat.completions.create({
        model: 'mock/echo',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(completion._request_id).toMatch(/^req_/);

      const error = await client.chat.completions
        .create({ model: 'nobody/nothing', messages: [{ role: 'user', content: 'hi' }] })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect((error as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);
    });
  });

  describe('GET /v1/models/{id}', () => {
    it('answers a provider/model id and an alias through models.retrieve', async () => {
      const listed = await client.models.list();
      const echo = listed.data.find((model) => model.id === 'mock/echo');
      expect(await client.models.retrieve('mock/echo')).toEqual(echo);
      expect(await client.models.retrieve('chat')).toMatchObject({
        id: 'chat',
        object: 'model',
        owned_by: 'switchyard',
      });
    });

    it('answers the id written with its slash, as curl sends it', async () => {
      const response = await call('/v1/models/mock/echo');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ id: 'mock/echo', owned_by: 'mock' });
    });

    it('answers a model of a provider without a model list', async () => {
      expect(await client.models.retrieve('openai/gpt-4o')).toMatchObject({
        id: 'openai/gpt-4o',
        object: 'model',
        owned_by: 'openai',
      });
    });

    it('answers 404 in the envelope for an unknown model', async () => {
      const error = await client.models.retrieve('mock/nothing').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        code: 'model_not_found',
        type: 'invalid_request_error',
      });
    });

    it('needs the key', async () => {
      const response = await call('/v1/models/mock/echo', { headers: { authorization: '' } });
      expect(response.status).toBe(401);
    });
  });

  describe('a wrong key or a wrong baseURL', () => {
    const gatewayKey = /gateway key.*Authorization.*x-api-key/s;

    it('says the gateway key was wrong, through the openai client', async () => {
      const wrong = new OpenAI({
        baseURL: `${running.router.url}/v1`,
        apiKey: 'sk-wrong',
        maxRetries: 0,
      });
      const error = await wrong.models.list().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((error as Error).message).toMatch(gatewayKey);
    });

    it('says the gateway key was missing, in x-api-key or Authorization', async () => {
      const response = await call('/v1/models', { headers: { authorization: '' } });
      expect(response.status).toBe(401);
      const { error } = (await response.json()) as { error: { message: string } };
      expect(error.message).toMatch(/Missing gateway key.*Authorization: Bearer.*x-api-key/);
    });

    it('says the gateway key was wrong, through the official @ai-sdk/gateway client', async () => {
      const wrong = createOfficialGateway({
        baseURL: `${running.router.url}/v1/ai`,
        apiKey: 'sk-wrong',
      });
      const error = await generateText({
        model: wrong('mock/echo'),
        prompt: 'hi',
        maxRetries: 0,
      }).catch((thrown: unknown) => thrown);
      // Not the text `ai` prints for a GatewayAuthenticationError (set AI_GATEWAY_API_KEY).
      expect((error as Error).message).not.toMatch(/AI_GATEWAY_API_KEY/);
      expect((error as Error).message).toMatch(gatewayKey);
      expect(error).toMatchObject({ statusCode: 401 });
    });

    it('is a SwitchyardAuthenticationError naming the gateway key, through our provider', async () => {
      const wrong = createGateway({ baseURL: `${running.router.url}/v1/ai`, apiKey: 'sk-wrong' });
      const error = await generateText({
        model: wrong('mock/echo'),
        prompt: 'hi',
        maxRetries: 0,
      }).catch((thrown: unknown) => thrown);
      expect(SwitchyardAuthenticationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(gatewayKey);
    });

    it.each(['/v1', '', '/v1/ai/v1/ai'])(
      'is a SwitchyardNotFoundError when baseURL ends in %j instead of /v1/ai',
      async (path) => {
        const misplaced = createGateway({
          baseURL: `${running.router.url}${path}`,
          apiKey: adminKey,
        });
        const error = await generateText({
          model: misplaced('mock/echo'),
          prompt: 'hi',
          maxRetries: 0,
        }).catch((thrown: unknown) => thrown);
        expect(SwitchyardNotFoundError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 404 });
      },
    );
  });

  describe('a provider message that echoes a key', () => {
    // The mock upstreams answer an unknown scenario key with a 400 that quotes it, as providers
    // quote what they did not accept: a key in the model id comes back in the error message.
    const keys = [
      ['openai-chat/gpt-4o', `sk-proj-${'Qm7x'.repeat(12)}`],
      ['openai/gpt-4o', `sk-${'Zq8mP2vL9x'.repeat(4)}`],
      ['anthropic/claude-sonnet-4-5', `sk-ant-api03-${'Rt5_wY3-'.repeat(12)}`],
      ['google/gemini-2.5-flash', `AIzaSy${'B1c2D3e4F5'.repeat(3)}abcde`],
      ['compatible/llama-3.1-8b', `gsk_${'Q7w8E9r0'.repeat(6)}abcd`],
      ['compatible/llama-3.1-8b', 'Zq8mP2vL9xR4tN7wK3yH6jB1cF5gD0sAeUiOp'],
    ] as const;

    it.each(keys)('passes on what %s said with %s redacted', async (model, key) => {
      const error = await client.chat.completions
        .create({ model: `${model}~${key}=1`, messages: [{ role: 'user', content: 'hi' }] })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      const { message } = error as Error;
      expect(message).toMatch(/rejected the request \(400\): .*scenario.*\[redacted\]/);
      expect(message).not.toContain(key.slice(-16));
    });

    it('redacts it for the AI SDK too, in generate and stream calls', async () => {
      const [model, key] = keys[0];
      const gateway = createGateway({ baseURL: `${running.router.url}/v1/ai`, apiKey: adminKey });
      const failed = await generateText({
        model: gateway(`${model}~${key}=1`),
        prompt: 'hi',
        maxRetries: 0,
      }).catch((thrown: unknown) => thrown);
      // The model id (and so the route header) carries the key here only because the caller
      // put it there; what the provider said is what must not pass it on.
      const { message, responseBody } = failed as Error & { responseBody?: string };
      expect(message).toMatch(/\[redacted\]/);
      expect(`${message} ${responseBody}`).not.toContain(key.slice(-16));
      const response = await call('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ ...chat, model: `${model}~${key}=1`, stream: true }),
      });
      const text = await response.text();
      expect(text).toMatch(/\[redacted\]/);
      expect(text).not.toContain(key.slice(-16));
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin with 204, without a key', async () => {
      const response = await fetch(`${running.router.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin: appOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-stainless-os',
        },
      });
      expect(response.status).toBe(204);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'access-control-allow-origin': appOrigin,
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'authorization,content-type,x-stainless-os',
        'access-control-max-age': '600',
        vary: expect.stringContaining('Origin'),
      });
    });

    it('lets the allowed origin read a credentialed answer and its gateway headers', async () => {
      const response = await call('/v1/chat/completions', {
        method: 'POST',
        headers: { origin: appOrigin, cookie: 'session=1' },
        body: JSON.stringify(chat),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toMatch(
        /x-request-id.*x-switchyard-route.*x-ratelimit-remaining-requests/,
      );
    });

    it('allows no other origin', async () => {
      const response = await call('/v1/models', { headers: { origin: 'https://evil.example' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('names the whole path when a method is not allowed on an AI gateway route', async () => {
    const response = await call('/v1/ai/language-model');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({
      error: { message: 'Method not allowed: /v1/ai/language-model accepts POST.' },
    });
  });
});
