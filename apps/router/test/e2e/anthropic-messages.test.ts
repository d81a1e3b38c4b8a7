import type Anthropic from '@anthropic-ai/sdk';
import { APIError } from '@anthropic-ai/sdk';
import type { RecordedRequest } from '@switchyard/testkit';
import { describe, expect, it } from 'vitest';
import {
  anthropicClient,
  anthropicMessagesConfig,
  messagesUpstreams,
  rejectionOf,
  upstreamRequestsDuring,
  weatherTool,
} from './anthropic-messages-fixtures.ts';
import { useRouter } from './fixtures.ts';

type Event = Anthropic.RawMessageStreamEvent;

/** The messages of an Anthropic request the upstream received. */
const messagesOf = (sent: RecordedRequest | undefined) =>
  (sent?.body.messages ?? []) as Anthropic.MessageParam[];

/** Checks the order Anthropic streams in, and returns the blocks' types by index. */
function expectAnthropicOrder(events: Event[]): string[] {
  expect(events[0]?.type).toBe('message_start');
  expect(events.filter((event) => event.type === 'message_start')).toHaveLength(1);
  expect(events.at(-2)?.type).toBe('message_delta');
  expect(events.at(-1)?.type).toBe('message_stop');
  const blocks: string[] = [];
  let open: number | undefined;
  for (const event of events.slice(1, -2)) {
    if (event.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(event.index).toBe(blocks.length);
      blocks.push(event.content_block.type);
      open = event.index;
    } else if (event.type === 'content_block_delta') {
      expect(event.index).toBe(open);
      const allowed: Record<string, string[]> = {
        text: ['text_delta'],
        thinking: ['thinking_delta', 'signature_delta'],
        tool_use: ['input_json_delta'],
      };
      expect(allowed[blocks[event.index] ?? '']).toContain(event.delta.type);
    } else if (event.type === 'content_block_stop') {
      expect(event.index).toBe(open);
      open = undefined;
    }
  }
  expect(open).toBeUndefined();
  return blocks;
}

describe.each(['node', 'workerd'] as const)(
  'the Anthropic SDK through the router on %s',
  (runtime) => {
    const running = useRouter(runtime, anthropicMessagesConfig, {});

    describe.each(messagesUpstreams)('to the $format upstream', ({ model }) => {
      const provider = model.split('/')[0] ?? '';

      it('creates a message with usage in Anthropic fields', async () => {
        const { data: message, response } = await anthropicClient(running.router)
          .messages.create({
            model,
            max_tokens: 256,
            messages: [{ role: 'user', content: 'hello there gateway' }],
          })
          .withResponse();
        expect(message.content).toEqual([{ type: 'text', text: 'Echo: hello there gateway' }]);
        expect(message.stop_reason).toBe('end_turn');
        expect(message.model).toBe(model);
        expect(message.usage.input_tokens).toBeGreaterThan(0);
        expect(message.usage.output_tokens).toBeGreaterThan(0);
        expect(typeof message.usage.cache_read_input_tokens).toBe('number');
        expect(typeof message.usage.cache_creation_input_tokens).toBe('number');
        expect(response.headers.get('x-switchyard-provider')).toBe(provider);
      });

      it("streams text in Anthropic's event order, usage arriving with message_delta", async () => {
        const stream = await anthropicClient(running.router).messages.create({
          model,
          max_tokens: 256,
          stream: true,
          messages: [{ role: 'user', content: 'stream these four words' }],
        });
        const events: Event[] = [];
        for await (const event of stream) events.push(event);
        expect(expectAnthropicOrder(events)).toEqual(['text']);
        const text = events
          .map((event) =>
            event.type === 'content_block_delta' && event.delta.type === 'text_delta'
              ? event.delta.text
              : '',
          )
          .join('');
        expect(text).toBe('Echo: stream these four words');
        const start = events[0] as Anthropic.RawMessageStartEvent;
        expect(Object.keys(start.message.usage)).toEqual(
          expect.arrayContaining(['cache_creation_input_tokens', 'cache_read_input_tokens']),
        );
        const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
        expect(delta.delta.stop_reason).toBe('end_turn');
        expect(delta.usage.output_tokens).toBeGreaterThan(0);
        expect(delta.usage.input_tokens).toBeGreaterThan(0);
      });

      it('runs a tool round trip, streaming the tool input as input_json_delta', async () => {
        const client = anthropicClient(running.router);
        const question: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris?' };
        const stream = client.messages.stream({
          model,
          max_tokens: 256,
          tools: [weatherTool],
          messages: [question],
        });
        const deltas: string[] = [];
        stream.on('inputJson', (partial) => deltas.push(partial));
        const first = await stream.finalMessage();
        expect(first.stop_reason).toBe('tool_use');
        const call = first.content.find((block) => block.type === 'tool_use');
        expect(call).toMatchObject({ name: 'get_weather', input: { city: 'example' } });
        expect(deltas.join('')).toBe('{"city":"example"}');
        if (call?.type !== 'tool_use') throw new Error('expected a tool_use block');

        const second = await client.messages.create({
          model,
          max_tokens: 256,
          tools: [weatherTool],
          messages: [
            question,
            { role: 'assistant', content: first.content },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: call.id, content: 'sunny, 21 C' }],
            },
          ],
        });
        expect(second.stop_reason).toBe('end_turn');
        expect(second.content).toEqual([{ type: 'text', text: 'Tool result: sunny, 21 C' }]);
      });
    });

    describe.each(messagesUpstreams.filter(({ reasons }) => reasons))(
      'thinking from the $format upstream',
      ({ model }) => {
        const provider = model.split('/')[0] ?? '';

        it('streams thinking before the text, signed for its provider', async () => {
          const stream = anthropicClient(running.router).messages.stream({
            model: `${model}~reasoning=1`,
            max_tokens: 2048,
            thinking: { type: 'enabled', budget_tokens: 1024 },
            messages: [{ role: 'user', content: 'think' }],
          });
          const events: Event[] = [];
          stream.on('streamEvent', (event) => events.push(event));
          const message = await stream.finalMessage();
          expect(expectAnthropicOrder(events)).toEqual(['thinking', 'text']);
          const [thinking] = message.content;
          if (thinking?.type !== 'thinking') throw new Error('expected a thinking block');
          expect(thinking.thinking).toBe('Thinking about: think');
          expect(thinking.signature.startsWith(`switchyard:${provider}:`)).toBe(true);
          expect(message.content[1]).toEqual({ type: 'text', text: 'Echo: think' });
        });
      },
    );

    describe('thinking signatures on the next turn', () => {
      const firstTurn = async (model: string) => {
        const question: Anthropic.MessageParam = { role: 'user', content: 'think' };
        const answer = await anthropicClient(running.router).messages.create({
          model: `${model}~reasoning=1`,
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          messages: [question],
        });
        return [question, { role: 'assistant' as const, content: answer.content }];
      };
      const nextTurn = (model: string, history: Anthropic.MessageParam[]) =>
        anthropicClient(running.router).messages.create({
          model,
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          messages: [...history, { role: 'user', content: 'and now?' }],
        });

      it("goes back to the provider that signed it, with the provider's own signature", async () => {
        const history = await firstTurn('anthropic/claude-sonnet-5-5');
        const [sent] = await upstreamRequestsDuring(running.upstream, () =>
          nextTurn('anthropic/claude-sonnet-5-5', history),
        );
        const replayed = messagesOf(sent)[1]?.content;
        expect(replayed).toEqual([
          { type: 'thinking', thinking: 'Thinking about: think', signature: expect.any(String) },
          { type: 'text', text: 'Echo: think' },
        ]);
        const signature = (replayed as Anthropic.ThinkingBlock[])[0]?.signature ?? '';
        expect(atob(signature)).toMatch(/^mock-signature-/);
      });

      it('is dropped when the next turn goes to another provider, in either direction', async () => {
        const fromAnthropic = await firstTurn('anthropic/claude-sonnet-5-5');
        const [toOpenAI] = await upstreamRequestsDuring(running.upstream, () =>
          nextTurn('openai-chat/gpt-4o-mini', fromAnthropic),
        );
        expect(JSON.stringify(toOpenAI?.body)).not.toContain('Thinking about');
        expect(JSON.stringify(toOpenAI?.body)).toContain('Echo: think');

        const fromOpenAI = await firstTurn('openai/gpt-4o');
        const [toAnthropic] = await upstreamRequestsDuring(running.upstream, () =>
          nextTurn('anthropic/claude-sonnet-5-5', fromOpenAI),
        );
        expect(messagesOf(toAnthropic)[1]?.content).toEqual([
          { type: 'text', text: 'Echo: think' },
        ]);
      });
    });

    describe('Anthropic-only settings', () => {
      const request = (model: string): Anthropic.MessageCreateParams => ({
        model,
        max_tokens: 64,
        system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'cache me' }],
      });
      // Not @ai-sdk/anthropic's own default (2023-06-01): what arrives is what the client sent.
      const headers = {
        'anthropic-version': '2026-10-21',
        'anthropic-beta': 'interleaved-thinking-2025-05-14',
      };

      it('passes anthropic-version, anthropic-beta and cache_control to Anthropic targets', async () => {
        const [sent] = await upstreamRequestsDuring(running.upstream, () =>
          anthropicClient(running.router).messages.create(request('claude-sonnet-5-5'), {
            headers,
          }),
        );
        expect(sent?.path).toBe('/v1/messages');
        expect(sent?.headers['anthropic-version']).toBe('2026-10-21');
        expect(sent?.headers['anthropic-beta']?.split(',')).toContain(
          'interleaved-thinking-2025-05-14',
        );
        expect(sent?.body.system).toEqual([
          { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
        ]);
      });

      it('drops them for other targets', async () => {
        const [sent] = await upstreamRequestsDuring(running.upstream, () =>
          anthropicClient(running.router).messages.create(request('claude-haiku-5-5'), { headers }),
        );
        expect(sent?.path).toBe('/v1/chat/completions');
        expect(
          Object.keys(sent?.headers ?? {}).filter((name) => name.startsWith('anthropic')),
        ).toEqual([]);
        expect(JSON.stringify(sent?.body)).not.toContain('cache_control');
        expect(sent?.body.messages).toEqual([
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'cache me' },
        ]);
      });
    });

    it("lowers Claude Code's max_tokens to what the target model gives", async () => {
      const [sent] = await upstreamRequestsDuring(running.upstream, () =>
        anthropicClient(running.router)
          .messages.stream({
            model: 'claude-haiku-5-5',
            max_tokens: 128_000,
            messages: [{ role: 'user', content: 'long answer please' }],
          })
          .finalMessage(),
      );
      // GPT-4o mini answers at most 16,384 tokens; OpenAI refuses a larger max_tokens with a 400.
      expect(sent?.body.max_tokens).toBe(16_384);
    });

    it('counts tokens', async () => {
      const counted = await anthropicClient(running.router).messages.countTokens({
        model: 'claude-sonnet-5-5',
        messages: [{ role: 'user', content: 'hello' }],
      });
      expect(counted.input_tokens).toBe(5 + 4);
    });

    it("lists models in Anthropic's shape", async () => {
      const ids: string[] = [];
      for await (const model of anthropicClient(running.router).models.list({ limit: 1 })) {
        expect(model.type).toBe('model');
        ids.push(model.id);
      }
      expect(ids).toEqual(['claude-sonnet-5-5', 'claude-haiku-5-5']);
    });

    describe('errors', () => {
      const ask = (model: string, apiKey?: string) =>
        anthropicClient(running.router, apiKey).messages.create({
          model,
          max_tokens: 16,
          messages: [{ role: 'user', content: 'x' }],
        });

      it('are the typed errors of the SDK', async () => {
        const wrongKey = await rejectionOf(ask('claude-sonnet-5-5', 'sk-wrong'));
        expect(wrongKey).toMatchObject({ status: 401, type: 'authentication_error' });
        const unknown = await rejectionOf(ask('claude-unknown-1'));
        expect(unknown).toMatchObject({ status: 404, type: 'not_found_error' });
        const overloaded = await rejectionOf(ask('anthropic/claude-sonnet-5-5~status=529'));
        expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
        const throttled = await rejectionOf(ask('openai-chat/gpt-4o-mini~status=429'));
        expect(throttled).toMatchObject({ status: 429, type: 'rate_limit_error' });
      });

      it('ends a stream that breaks after it started with an error event, never message_stop', async () => {
        const stream = anthropicClient(running.router).messages.stream({
          model: 'openai-chat/gpt-4o-mini~cutAfter=2',
          max_tokens: 64,
          messages: [{ role: 'user', content: 'one two three four five six' }],
        });
        const types: string[] = [];
        stream.on('streamEvent', (event) => types.push(event.type));
        const error = await rejectionOf(stream.finalMessage());
        expect(error).toBeInstanceOf(APIError);
        expect(types).toContain('content_block_delta');
        expect(types).not.toContain('message_stop');
      });
    });
  },
);
