import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamModels, useRouter, weatherTool } from './fixtures.ts';

describe.each(['node', 'workerd'] as const)(
  'the openai client through the router on %s',
  (runtime) => {
    const running = useRouter(runtime);
    let client: OpenAI;

    beforeAll(() => {
      client = new OpenAI({ baseURL: `${running.router.url}/v1`, apiKey: adminKey, maxRetries: 0 });
    });

    describe.each(upstreamModels)('to the $format upstream', ({ model }) => {
      it('answers a chat completion', async () => {
        const { data: completion, response } = await client.chat.completions
          .create({ model, messages: [{ role: 'user', content: 'hello there gateway' }] })
          .withResponse();

        expect(completion.object).toBe('chat.completion');
        expect(completion.model).toBe(model);
        expect(completion.choices[0]?.message.content).toBe('Echo: hello there gateway');
        expect(completion.choices[0]?.finish_reason).toBe('stop');
        expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
        expect(completion.usage?.total_tokens).toBe(
          (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
        );
        expect(response.headers.get('x-switchyard-provider')).toBe(model.split('/')[0]);
        expect(response.headers.get('x-switchyard-request-id')).toMatch(/^req_/);
      });

      it('streams a completion with usage in the last chunk', async () => {
        const stream = await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'stream these four words' }],
          stream: true,
          stream_options: { include_usage: true },
        });
        const chunks = [];
        for await (const chunk of stream) chunks.push(chunk);

        const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
        expect(text).toBe('Echo: stream these four words');
        expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(2);
        expect(
          chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason,
        ).toBe('stop');
        const last = chunks.at(-1);
        expect(last?.choices).toEqual([]);
        expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
      });

      it('completes a tool-call round trip', async () => {
        const messages: OpenAI.ChatCompletionMessageParam[] = [
          { role: 'user', content: 'What is the weather in Paris?' },
        ];
        const first = await client.chat.completions.create({
          model,
          messages,
          tools: [weatherTool],
        });
        const call = first.choices[0]?.message.tool_calls?.[0];
        expect(first.choices[0]?.finish_reason).toBe('tool_calls');
        expect(call?.type).toBe('function');
        if (call?.type !== 'function') throw new Error('expected a function call');
        expect(call.function.name).toBe('get_weather');
        expect(JSON.parse(call.function.arguments)).toEqual({ city: 'example' });

        messages.push(first.choices[0]?.message as OpenAI.ChatCompletionMessageParam, {
          role: 'tool',
          tool_call_id: call.id,
          content: 'sunny, 21 C',
        });
        const second = await client.chat.completions.create({
          model,
          messages,
          tools: [weatherTool],
        });
        expect(second.choices[0]?.finish_reason).toBe('stop');
        expect(second.choices[0]?.message.content).toContain('sunny, 21 C');
      });

      it('streams tool-call deltas that assemble into the call', async () => {
        const stream = await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'weather in Oslo?' }],
          tools: [weatherTool],
          tool_choice: { type: 'function', function: { name: 'get_weather' } },
          stream: true,
        });
        let name = '';
        let args = '';
        let finish: string | null | undefined;
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          for (const delta of choice?.delta.tool_calls ?? []) {
            name += delta.function?.name ?? '';
            args += delta.function?.arguments ?? '';
          }
          finish = choice?.finish_reason ?? finish;
        }
        expect(name).toBe('get_weather');
        expect(JSON.parse(args)).toEqual({ city: 'example' });
        expect(finish).toBe('tool_calls');
      });
    });

    it('fails over from a failing target and says so in the headers', async () => {
      const { data, response } = await client.chat.completions
        .create({ model: 'failover-chat', messages: [{ role: 'user', content: 'still there?' }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe('Echo: still there?');
      // mock/down is retried once before the router fails over.
      expect(response.headers.get('x-switchyard-attempts')).toBe('3');
      expect(response.headers.get('x-switchyard-provider')).toBe('anthropic');
      expect(response.headers.get('x-switchyard-route')).toMatch(
        /mock\/down:503:\d+ms,mock\/down:503:\d+ms,anthropic\/claude-sonnet-4-5:ok/,
      );
    });

    it('surfaces an upstream 500 as a typed error without echoing the upstream body', async () => {
      const error = await client.chat.completions
        .create({
          model: 'openai-chat/gpt-4o~status=500',
          messages: [{ role: 'user', content: 'x' }],
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
      expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_500');
    });
  },
);
