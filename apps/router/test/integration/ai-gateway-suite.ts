import { describe, expect, it } from 'vitest';
import { readSSE } from '../support/read-sse.ts';
import { adminKey } from './integration-config.ts';
import type { RouterFetch } from './router-suite.ts';

type Headers = Record<string, string | undefined>;

const protocolHeaders: Headers = {
  authorization: `Bearer ${adminKey}`,
  'content-type': 'application/json',
  'ai-gateway-protocol-version': '0.0.1',
};

const hello = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi there' }] }] };

interface StreamPart {
  type: string;
  delta?: string;
  providerMetadata?: { switchyard?: Record<string, unknown> };
  error?: Record<string, unknown>;
}

function post(fetchRouter: RouterFetch, path: string, body: unknown, headers: Headers) {
  const defined = Object.entries({ ...protocolHeaders, ...headers }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return fetchRouter(`/v1/ai/${path}`, {
    method: 'POST',
    headers: Object.fromEntries(defined),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const languageModel = (fetchRouter: RouterFetch, body: unknown = hello, headers: Headers = {}) =>
  post(fetchRouter, 'language-model', body, {
    'ai-language-model-id': 'mock/echo',
    'ai-language-model-specification-version': '4',
    'ai-language-model-streaming': 'false',
    ...headers,
  });

const embeddingModel = (fetchRouter: RouterFetch, body: unknown, headers: Headers = {}) =>
  post(fetchRouter, 'embedding-model', body, {
    'ai-model-id': 'mock/echo',
    'ai-embedding-model-specification-version': '4',
    ...headers,
  });

async function streamParts(response: Response): Promise<StreamPart[]> {
  return (await readSSE(response)).map((data) => JSON.parse(data) as StreamPart);
}

/** Checks status and envelope; returns the error object. */
async function expectError(response: Response, status: number, type: string, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('x-switchyard-request-id')).toMatch(/^req_/);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error).toMatchObject({ type, code });
  return body.error;
}

/** The `/v1/ai` protocol of the official `@ai-sdk/gateway` client, on Node and in workerd. */
export function describeAIGateway(runtime: string, fetchRouter: () => RouterFetch) {
  describe(`the AI Gateway protocol on ${runtime}`, () => {
    it('answers a generate call with the result and Switchyard facts in providerMetadata', async () => {
      const response = await languageModel(fetchRouter());
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-provider')).toBe('mock');
      const result = (await response.json()) as Record<string, Record<string, unknown>>;
      expect(result.content).toEqual([{ type: 'text', text: 'Echo: hi there' }]);
      expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
      expect(result.usage?.inputTokens).toMatchObject({ total: expect.any(Number) });
      expect(result.providerMetadata?.switchyard).toEqual({
        provider: 'mock',
        model: 'echo',
        attempts: 1,
        attemptLog: [{ target: 'mock/echo', outcome: 'ok', durationMs: expect.any(Number) }],
        route: response.headers.get('x-switchyard-route'),
        cache: 'BYPASS',
        // mock/echo is priced in the integration config's catalog.
        cost: expect.objectContaining({ currency: 'USD', total: expect.any(Number) }),
        requestId: response.headers.get('x-switchyard-request-id'),
      });
      expect(result.response).toMatchObject({ id: expect.any(String), modelId: 'echo' });
      expect(result).not.toHaveProperty('request');
      expect(result.response).not.toHaveProperty('headers');
    });

    it('streams one data event per part, failing over first, with the facts on finish', async () => {
      const response = await languageModel(fetchRouter(), hello, {
        'ai-language-model-id': 'chat',
        'ai-language-model-streaming': 'true',
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
      const parts = await streamParts(response);
      expect(parts[0]?.type).toBe('stream-start');
      const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
      expect(text.join('')).toBe('Echo: hi there');
      const finish = parts.at(-1);
      expect(finish?.type).toBe('finish');
      const switchyard = finish?.providerMetadata?.switchyard;
      expect(switchyard).toMatchObject({ provider: 'mock', model: 'echo', cache: 'BYPASS' });
      expect(switchyard?.attempts).toBeGreaterThanOrEqual(2);
      expect(switchyard?.attemptLog).toContainEqual(
        expect.objectContaining({ target: 'mock/down', outcome: 'error', status: 503 }),
      );
    });

    it('ends a stream that breaks after it started with an error part, never a finish', async () => {
      const response = await languageModel(fetchRouter(), hello, {
        'ai-language-model-id': 'mock/cut',
        'ai-language-model-streaming': 'true',
      });
      const parts = await streamParts(response);
      expect(parts.some((part) => part.type === 'finish')).toBe(false);
      expect(parts.at(-1)).toEqual({
        type: 'error',
        error: {
          message: 'The upstream stream failed after it had started.',
          type: 'internal_server_error',
          code: 'stream_interrupted',
        },
      });
    });

    it('applies providerOptions.switchyard models as fallbacks', async () => {
      const body = { ...hello, providerOptions: { switchyard: { models: ['mock/echo'] } } };
      const response = await languageModel(fetchRouter(), body, {
        'ai-language-model-id': 'mock/down',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-model')).toBe('echo');
    });

    it('embeds values with failover and reports the facts in providerMetadata', async () => {
      const response = await embeddingModel(
        fetchRouter(),
        { values: ['one', 'two'], dimensions: 4 },
        { 'ai-model-id': 'chat' },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        embeddings: number[][];
        usage: { tokens: number };
        providerMetadata: { switchyard: Record<string, unknown> };
        warnings: unknown[];
      };
      expect(body.embeddings.map((vector) => vector.length)).toEqual([4, 4]);
      expect(body.usage.tokens).toBeGreaterThan(0);
      expect(body.warnings).toEqual([]);
      expect(body.providerMetadata.switchyard).toMatchObject({ provider: 'mock', model: 'echo' });
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
    });

    it('lists aliases and models in the shape the official client validates', async () => {
      const response = await fetchRouter()('/v1/ai/config', {
        headers: { authorization: `Bearer ${adminKey}` },
      });
      const { models } = (await response.json()) as { models: Record<string, unknown>[] };
      expect(models).toContainEqual({
        id: 'chat',
        name: 'chat',
        specification: { specificationVersion: 'v4', provider: 'switchyard', modelId: 'chat' },
        modelType: 'language',
      });
      expect(models).toContainEqual({
        id: 'mock/echo',
        name: 'mock/echo',
        // From the integration config's catalog entry, per token.
        pricing: { input: '0.000001', output: '0.000002' },
        specification: { specificationVersion: 'v4', provider: 'mock', modelId: 'echo' },
        modelType: 'language',
      });
    });

    describe("rejects bad input in this protocol's envelope", () => {
      it('400 without the ai-language-model-id header', async () => {
        const response = await languageModel(fetchRouter(), hello, {
          'ai-language-model-id': undefined,
        });
        const error = await expectError(response, 400, 'invalid_request_error', 'missing_header');
        expect(error.param).toBe('ai-language-model-id');
      });

      it('400 for a specification or protocol version it does not speak', async () => {
        for (const headers of [
          { 'ai-language-model-specification-version': '3' },
          { 'ai-gateway-protocol-version': '9.9.9' },
          { 'ai-language-model-streaming': 'yes' },
        ]) {
          const response = await languageModel(fetchRouter(), hello, headers);
          await expectError(response, 400, 'invalid_request_error', 'invalid_header');
        }
      });

      it('404 model_not_found with the model id as param for an unknown model', async () => {
        const response = await languageModel(fetchRouter(), hello, {
          'ai-language-model-id': 'mock/nope',
        });
        const error = await expectError(response, 404, 'model_not_found', 'model_not_found');
        expect(error.param).toEqual({ modelId: 'mock/nope' });
      });

      it('400 naming the field for malformed call options', async () => {
        const cases: [unknown, string][] = [
          [{ prompt: 'hi there' }, 'prompt'],
          [
            { prompt: [{ role: 'user', content: [{ type: 'image' }] }] },
            'prompt[0].content[0].type',
          ],
          [{ ...hello, temperature: 'hot' }, 'temperature'],
          [
            { ...hello, providerOptions: { switchyard: { ordr: ['mock'] } } },
            'providerOptions.switchyard',
          ],
        ];
        for (const [body, param] of cases) {
          const response = await languageModel(fetchRouter(), body);
          const error = await expectError(
            response,
            400,
            'invalid_request_error',
            'invalid_request',
          );
          expect(error.param).toBe(param);
        }
      });

      it('401 invalid_request_error (so the client keeps the message) for a missing or wrong key', async () => {
        for (const authorization of [undefined, 'Bearer nope']) {
          const response = await languageModel(fetchRouter(), hello, { authorization });
          await expectError(response, 401, 'invalid_request_error', 'invalid_api_key');
        }
      });

      it('400 for a model without embeddings, and for no values', async () => {
        const anthropic = await embeddingModel(
          fetchRouter(),
          { values: ['x'] },
          { 'ai-model-id': 'anthropic/claude-haiku' },
        );
        await expectError(anthropic, 400, 'invalid_request_error', 'embeddings_not_supported');
        const empty = await embeddingModel(fetchRouter(), { values: [] });
        const error = await expectError(empty, 400, 'invalid_request_error', 'invalid_request');
        expect(error.param).toBe('values');
      });

      it('415 for a body that is not JSON and 400 for invalid JSON', async () => {
        const text = await languageModel(fetchRouter(), 'hello', { 'content-type': 'text/plain' });
        await expectError(text, 415, 'invalid_request_error', 'unsupported_media_type');
        const broken = await languageModel(fetchRouter(), '{"prompt": [');
        await expectError(broken, 400, 'invalid_request_error', 'invalid_json');
      });

      it('keeps an upstream rejection a 400 and does not echo its body', async () => {
        const response = await languageModel(fetchRouter(), hello, {
          'ai-language-model-id': 'mock/forbidden',
        });
        await expectError(response, 400, 'invalid_request_error', 'upstream_400');
      });

      it('404 not_found for an unknown route and 405 for a wrong method', async () => {
        const unknown = await fetchRouter()('/v1/ai/no-such-route', { method: 'POST' });
        await expectError(unknown, 404, 'not_found', 'not_found');
        const wrongMethod = await fetchRouter()('/v1/ai/language-model', {
          headers: { authorization: `Bearer ${adminKey}` },
        });
        await expectError(wrongMethod, 405, 'invalid_request_error', 'method_not_allowed');
        expect(wrongMethod.headers.get('allow')).toBe('POST');
      });
    });
  });
}
