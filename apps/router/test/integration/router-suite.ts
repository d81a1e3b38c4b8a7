import { describe, expect, it } from 'vitest';
import { readSSE } from '../support/read-sse.ts';
import { adminKey } from './integration-config.ts';

export type RouterFetch = (path: string, init?: RequestInit) => Promise<Response>;

const auth = { authorization: `Bearer ${adminKey}` };
const json = { ...auth, 'content-type': 'application/json' };

function chat(fetchRouter: RouterFetch, body: unknown, headers: Record<string, string> = json) {
  return fetchRouter('/v1/chat/completions', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string, param?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(response.headers.get('x-switchyard-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (param !== undefined) expect(body.error.param).toBe(param);
  return body.error;
}

/** The router's HTTP behaviour; run inside workerd and on Node with the same expectations. */
export function describeRouter(runtime: string, fetchRouter: () => RouterFetch) {
  describe(`the router on ${runtime}`, () => {
    const hello = { model: 'mock/echo', messages: [{ role: 'user', content: 'hi there' }] };

    it('serves a chat completion from the mock provider with the routing headers', async () => {
      const response = await chat(fetchRouter(), hello);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices[0]?.message.content).toBe('Echo: hi there');
      expect(response.headers.get('x-switchyard-provider')).toBe('mock');
      expect(response.headers.get('x-switchyard-model')).toBe('echo');
      expect(response.headers.get('x-switchyard-attempts')).toBe('1');
      expect(response.headers.get('x-switchyard-cache')).toBe('BYPASS');
    });

    it('prices the answer at the served model, in usage.cost, from the configured prices', async () => {
      const response = await chat(fetchRouter(), hello);
      const { usage } = (await response.json()) as {
        usage: {
          prompt_tokens: number;
          completion_tokens: number;
          cost: number;
          cost_details: object;
        };
      };
      // mock/echo is priced at $1 in and $2 out per million tokens in the config's catalog.
      const expected = usage.prompt_tokens * 1e-6 + usage.completion_tokens * 2e-6;
      expect(usage.cost).toBeCloseTo(expected, 12);
      expect(usage.cost_details).toEqual({
        input: expect.closeTo(usage.prompt_tokens * 1e-6, 12),
        cache_read: 0,
        cache_write: 0,
        output: expect.closeTo(usage.completion_tokens * 2e-6, 12),
      });
    });

    it('prices a stream in its final usage chunk', async () => {
      const response = await chat(fetchRouter(), {
        ...hello,
        stream: true,
        stream_options: { include_usage: true },
      });
      const events = await readSSE(response);
      const last = JSON.parse(events.at(-2) ?? '{}');
      expect(last.choices).toEqual([]);
      expect(last.usage.cost).toBeCloseTo(
        last.usage.prompt_tokens * 1e-6 + last.usage.completion_tokens * 2e-6,
        12,
      );
    });

    it('streams chunks that end with [DONE]', async () => {
      const response = await chat(fetchRouter(), { ...hello, stream: true });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readSSE(response);
      expect(events.at(-1)).toBe('[DONE]');
      const text = events
        .slice(0, -1)
        .map((data) => JSON.parse(data).choices[0]?.delta.content ?? '')
        .join('');
      expect(text).toBe('Echo: hi there');
    });

    it('fails over past a 503 target before anything is sent', async () => {
      const response = await chat(fetchRouter(), { ...hello, model: 'chat', stream: true });
      expect(response.status).toBe(200);
      // mock/down is retried once before the router fails over.
      expect(response.headers.get('x-switchyard-attempts')).toBe('3');
      expect(response.headers.get('x-switchyard-route')).toContain('mock/down:503');
      expect((await readSSE(response)).at(-1)).toBe('[DONE]');
    });

    it('fails over past a refused connection to a real upstream wire format', async () => {
      const response = await chat(fetchRouter(), { ...hello, model: 'reach-around' });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-provider')).toBe('anthropic');
      expect(response.headers.get('x-switchyard-route')).toMatch(
        /unreachable\/gpt-4o:upstream_unreachable:\d+ms,anthropic\/claude-haiku:ok/,
      );
    });

    it('falls back to the models listed in the request body', async () => {
      const response = await chat(fetchRouter(), {
        ...hello,
        model: 'mock/down',
        models: ['mock/echo'],
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-switchyard-route')).toMatch(/targets=mock\/down,mock\/echo;/);
      expect(response.headers.get('x-switchyard-model')).toBe('echo');
    });

    it('answers 400 when provider.only leaves no target', async () => {
      const body = { ...hello, model: 'chat', provider: { only: ['nobody'] } };
      await expectError(await chat(fetchRouter(), body), 400, 'no_target', 'provider');
    });

    it('continues a stream cut mid-way on the next target, in the same stream', async () => {
      const response = await chat(fetchRouter(), {
        ...hello,
        model: 'cut-then-echo',
        stream: true,
      });
      const events = await readSSE(response);
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((data) => JSON.parse(data));
      expect(chunks.some((chunk) => chunk.error !== undefined)).toBe(false);
      const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
      // Two chunks from mock/cut, then mock/echo continues from them: one unbroken answer.
      expect(text).toBe('Echo: hi there');
      expect(
        chunks
          .filter((chunk) => chunk.choices[0]?.finish_reason)
          .map((chunk) => chunk.choices[0].finish_reason),
      ).toEqual(['stop']);
    });

    it('never reports a cut stream as a clean finish', async () => {
      const response = await chat(fetchRouter(), { ...hello, model: 'mock/cut', stream: true });
      const events = await readSSE(response);
      expect(events).not.toContain('[DONE]');
      const parsed = events.map((data) => JSON.parse(data));
      expect(parsed.some((event) => event.choices?.[0]?.finish_reason === 'error')).toBe(true);
      expect(parsed.at(-1).error.code).toBe('stream_interrupted');
    });

    it('does not fail over a request the upstream rejected as invalid', async () => {
      const error = await expectError(
        await chat(fetchRouter(), { ...hello, model: 'mock/forbidden' }),
        400,
        'upstream_400',
      );
      expect(error.type).toBe('upstream_error');
    });

    it('lists the configured models', async () => {
      const response = await fetchRouter()('/v1/models', { headers: auth });
      const body = (await response.json()) as { object: string; data: { id: string }[] };
      expect(body.object).toBe('list');
      expect(body.data.map((model) => model.id)).toEqual(
        expect.arrayContaining(['chat', 'reach-around', 'mock/echo', 'mock/down']),
      );
      // The config's catalog entry for mock/echo shows through, in OpenRouter's field names.
      expect(body.data.find((model) => model.id === 'mock/echo')).toMatchObject({
        context_length: 4096,
        pricing: { prompt: '0.000001', completion: '0.000002' },
      });
    });

    describe('rejects bad input in the error envelope', () => {
      it('401 without a key', async () => {
        await expectError(
          await chat(fetchRouter(), hello, { 'content-type': 'application/json' }),
          401,
          'invalid_api_key',
        );
      });
      it('401 with a wrong key', async () => {
        await expectError(
          await chat(fetchRouter(), hello, {
            'content-type': 'application/json',
            authorization: 'Bearer nope',
          }),
          401,
          'invalid_api_key',
        );
      });
      it('400 for invalid JSON', async () => {
        await expectError(await chat(fetchRouter(), '{"model": "mock/echo",'), 400, 'invalid_json');
      });
      it('400 for a wrongly typed field', async () => {
        await expectError(
          await chat(fetchRouter(), { ...hello, temperature: 'hot' }),
          400,
          'invalid_request',
          'temperature',
        );
      });
      it('400 for missing messages', async () => {
        await expectError(
          await chat(fetchRouter(), { model: 'mock/echo' }),
          400,
          'invalid_request',
          'messages',
        );
      });
      it('400 for empty messages', async () => {
        await expectError(
          await chat(fetchRouter(), { ...hello, messages: [] }),
          400,
          'invalid_request',
          'messages',
        );
      });
      it('400 for a missing model', async () => {
        await expectError(
          await chat(fetchRouter(), { messages: hello.messages }),
          400,
          'invalid_request',
          'model',
        );
      });
      it('400 for a tool result that answers no tool call', async () => {
        const messages = [
          ...hello.messages,
          { role: 'tool', tool_call_id: 'call_x', content: 'done' },
        ];
        await expectError(
          await chat(fetchRouter(), { ...hello, messages }),
          400,
          'invalid_request',
          'messages[1].tool_call_id',
        );
      });
      it('404 for an unknown model', async () => {
        await expectError(
          await chat(fetchRouter(), { ...hello, model: 'mock/nope' }),
          404,
          'model_not_found',
          'model',
        );
      });
      it('404 for an unknown provider', async () => {
        await expectError(
          await chat(fetchRouter(), { ...hello, model: 'nowhere/gpt' }),
          404,
          'model_not_found',
        );
      });
      it('413 for a body over the limit', async () => {
        const big = { ...hello, messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] };
        await expectError(await chat(fetchRouter(), big), 413, 'request_too_large');
      });
      it('415 for a body that is not JSON', async () => {
        await expectError(
          await chat(fetchRouter(), 'hello', { ...auth, 'content-type': 'text/plain' }),
          415,
          'unsupported_media_type',
        );
      });
      it('405 for the wrong method', async () => {
        const response = await fetchRouter()('/v1/chat/completions', { headers: auth });
        await expectError(response, 405, 'method_not_allowed');
        expect(response.headers.get('allow')).toBe('POST');
      });
      it('404 for an unknown path', async () => {
        await expectError(
          await fetchRouter()('/v1/nothing-here', { headers: auth }),
          404,
          'not_found',
        );
      });
    });
  });
}
