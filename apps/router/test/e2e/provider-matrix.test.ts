import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, useRouter, weatherTool } from './fixtures.ts';
import { matrixConfig, matrixProviders, matrixVars } from './provider-matrix-fixtures.ts';

/** `usage` as the router reports it: OpenAI's, plus the cost in US dollars. */
type CostedUsage = OpenAI.CompletionUsage & {
  cost?: number;
  cost_details?: Record<string, number>;
};

function expectCostedUsage(usage: OpenAI.CompletionUsage | null | undefined) {
  const costed = usage as CostedUsage;
  expect(costed.prompt_tokens).toBeGreaterThan(0);
  expect(costed.completion_tokens).toBeGreaterThan(0);
  expect(costed.total_tokens).toBe(costed.prompt_tokens + costed.completion_tokens);
  expect(costed.cost).toBeGreaterThan(0);
  expect(costed.cost_details?.output).toBeGreaterThan(0);
}

describe.each(['node', 'workerd'] as const)(
  'every provider type through the router on %s',
  (runtime) => {
    const running = useRouter(runtime, matrixConfig, matrixVars);
    let client: OpenAI;

    beforeAll(() => {
      client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    });

    /** The mock requests whose user text is `text`, as `path?query`. */
    const pathsFor = (text: string) =>
      running.upstream.requests
        .filter((request) => JSON.stringify(request.body).includes(text))
        .map((request) => `${request.path}${request.search}`);

    describe.each(matrixProviders)('$type', ({ type, modelId, path, tools }) => {
      const model = `${type}/${modelId}`;

      it('answers a chat completion with usage and cost, through its own package', async () => {
        const text = `hello ${type} ${runtime}`;
        const { data, response } = await client.chat.completions
          .create({ model, messages: [{ role: 'user', content: text }] })
          .withResponse();

        expect(data.choices[0]?.message.content).toBe(`Echo: ${text}`);
        expect(data.choices[0]?.finish_reason).toBe('stop');
        expect(data.model).toBe(model);
        expectCostedUsage(data.usage);
        expect(response.headers.get('x-switchyard-provider')).toBe(type);
        expect(pathsFor(text)).toEqual([expect.stringMatching(path)]);
      });

      it('streams the answer with usage and cost in the last chunk', async () => {
        const text = `stream ${type} on ${runtime}`;
        const stream = await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: text }],
          stream: true,
          stream_options: { include_usage: true },
        });
        const chunks: OpenAI.ChatCompletionChunk[] = [];
        for await (const chunk of stream) chunks.push(chunk);

        const deltas = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '');
        expect(deltas.join('')).toBe(`Echo: ${text}`);
        expect(deltas.filter(Boolean).length).toBeGreaterThan(1);
        expect(
          chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason,
        ).toBe('stop');
        expectCostedUsage(chunks.at(-1)?.usage);
        expect(pathsFor(text)).toEqual([expect.stringMatching(path)]);
      });

      if (tools) {
        it('calls a tool with arguments built from its schema', async () => {
          const completion = await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: `weather via ${type}?` }],
            tools: [weatherTool],
            tool_choice: { type: 'function', function: { name: 'get_weather' } },
          });

          const call = completion.choices[0]?.message.tool_calls?.[0];
          expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
          expect(call?.type === 'function' && call.function.name).toBe('get_weather');
          expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
            city: 'example',
          });
          expectCostedUsage(completion.usage);
        });
      } else {
        it('answers without the tools its API does not have', async () => {
          const completion = await client.chat.completions.create({
            model,
            messages: [{ role: 'user', content: `weather via ${type}?` }],
            tools: [weatherTool],
          });

          expect(completion.choices[0]?.message.tool_calls ?? []).toEqual([]);
          expect(completion.choices[0]?.message.content).toBe(`Echo: weather via ${type}?`);
          expectCostedUsage(completion.usage);
        });
      }
    });

    it('calls a provider with the key the request brings, where the provider allows it', async () => {
      const text = `bring your own key on ${runtime}`;
      await client.chat.completions.create(
        { model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'user', content: text }] },
        { headers: { 'x-switchyard-provider-keys': JSON.stringify({ groq: 'gsk-from-request' }) } },
      );

      const sent = running.upstream.requests.find((request) =>
        JSON.stringify(request.body).includes(text),
      );
      expect(sent?.headers.authorization).toBe('Bearer gsk-from-request');
    });

    it('refuses a request key for a provider that does not allow them', async () => {
      const error = await client.chat.completions
        .create(
          { model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'x' }] },
          { headers: { 'x-switchyard-provider-keys': JSON.stringify({ openai: 'sk-mine' }) } },
        )
        .catch((caught: unknown) => caught);

      expect(error).toMatchObject({ status: 400, code: 'byok_not_allowed' });
    });

    it('names the parameters a provider ignored in x-switchyard-warnings', async () => {
      const { data, response } = await client.chat.completions
        .create({
          model: 'perplexity/sonar',
          seed: 7,
          messages: [{ role: 'user', content: 'seeded' }],
        })
        .withResponse();

      expect(data.choices[0]?.message.content).toBe('Echo: seeded');
      expect(response.headers.get('x-switchyard-warnings')).toBe('unsupported:seed');
    });

    it('fails over from a provider that ignores a parameter the request requires', async () => {
      const { data, response } = await client.chat.completions
        .create({
          model: 'seeded-chat',
          seed: 7,
          messages: [{ role: 'user', content: 'required seed' }],
          // @ts-expect-error: a router extension of the OpenAI body, in OpenRouter's shape
          provider: { require_parameters: true },
        })
        .withResponse();

      expect(data.choices[0]?.message.content).toBe('Echo: required seed');
      expect(response.headers.get('x-switchyard-provider')).toBe('groq');
      expect(response.headers.get('x-switchyard-route')).toMatch(
        /attempts=perplexity\/sonar:400:\d+ms,groq\/llama-3\.3-70b-versatile:ok/,
      );
    });

    it('answers 400 unsupported_parameter when no target supports a required parameter', async () => {
      const stream = client.chat.completions.create({
        model: 'perplexity/sonar',
        seed: 7,
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        // @ts-expect-error: a router extension of the OpenAI body
        provider: { require_parameters: true },
      });

      await expect(stream).rejects.toMatchObject({
        status: 400,
        code: 'unsupported_parameter',
        param: 'seed',
      });
    });
  },
);
