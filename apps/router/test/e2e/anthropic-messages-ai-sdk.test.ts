import { type AnthropicProvider, createAnthropic } from '@ai-sdk/anthropic';
import { APICallError, generateText, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  adminKey,
  anthropicMessagesConfig,
  messagesUpstreams,
  rejectionOf,
  upstreamRequestsDuring,
} from './anthropic-messages-fixtures.ts';
import { useRouter } from './fixtures.ts';

const weatherTool = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 21 C in ${city}`,
});

const thinking = { anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } } };

describe.each(['node', 'workerd'] as const)(
  '@ai-sdk/anthropic pointed at the router on %s',
  (runtime) => {
    const running = useRouter(runtime, anthropicMessagesConfig, {});
    let anthropic: AnthropicProvider;

    beforeAll(() => {
      anthropic = createAnthropic({ baseURL: `${running.router.url}/v1`, apiKey: adminKey });
    });

    describe.each(messagesUpstreams)('to the $format upstream', ({ model }) => {
      it('generates text', async () => {
        const result = await generateText({ model: anthropic(model), prompt: 'hello there' });
        expect(result.text).toBe('Echo: hello there');
        expect(result.finishReason).toBe('stop');
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
      });

      it('streams text', async () => {
        const result = streamText({ model: anthropic(model), prompt: 'stream these four words' });
        const chunks: string[] = [];
        for await (const chunk of result.textStream) chunks.push(chunk);
        expect(chunks.join('')).toBe('Echo: stream these four words');
        expect(chunks.length).toBeGreaterThan(2);
        expect(await result.finishReason).toBe('stop');
      });

      it('runs a multi-step tool round trip', async () => {
        const result = await generateText({
          model: anthropic(model),
          prompt: 'What is the weather in Paris?',
          tools: { get_weather: weatherTool },
          stopWhen: stepCountIs(3),
        });
        expect(result.steps).toHaveLength(2);
        expect(result.steps[0]?.toolCalls[0]).toMatchObject({
          toolName: 'get_weather',
          input: { city: 'example' },
        });
        expect(result.text).toBe('Tool result: sunny, 21 C in example');
      });
    });

    describe.each(messagesUpstreams.filter(({ reasons }) => reasons))(
      'reasoning from the $format upstream',
      ({ model }) => {
        it('streams the reasoning before the text, with a signature it sends back', async () => {
          const result = streamText({
            model: anthropic(`${model}~reasoning=1`),
            prompt: 'think',
            providerOptions: thinking,
          });
          const types: string[] = [];
          for await (const part of result.fullStream) types.push(part.type);
          expect(await result.reasoningText).toBe('Thinking about: think');
          expect(types.indexOf('reasoning-delta')).toBeLessThan(types.indexOf('text-delta'));
          const [reasoning] = await result.reasoning;
          const signature = reasoning?.providerMetadata?.anthropic?.signature;
          const provider = model.split('/')[0];
          expect(signature).toMatch(new RegExp(`^switchyard:${provider}:`));
        });
      },
    );

    it('keeps a conversation with thinking and tools going on Anthropic, signatures intact', async () => {
      const model = anthropic('anthropic/claude-sonnet-5-5~reasoning=1');
      const sent = await upstreamRequestsDuring(running.upstream, () =>
        generateText({
          model,
          prompt: 'What is the weather in Paris?',
          tools: { get_weather: weatherTool },
          stopWhen: stepCountIs(3),
          providerOptions: thinking,
        }),
      );
      expect(sent).toHaveLength(2);
      const replayed = JSON.stringify(sent[1]?.body.messages);
      expect(replayed).toContain('"type":"thinking"');
      expect(replayed).not.toContain('switchyard:');
    });

    it('reports an overloaded upstream as the 529 Anthropic sends', async () => {
      const error = await rejectionOf(
        generateText({
          model: anthropic('anthropic/claude-sonnet-5-5~status=529'),
          prompt: 'x',
          maxRetries: 0,
        }),
      );
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 529 });
      expect((error as APICallError).responseBody).toContain('overloaded_error');
    });
  },
);
