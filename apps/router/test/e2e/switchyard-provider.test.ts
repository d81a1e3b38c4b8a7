import {
  createGateway,
  SwitchyardAuthenticationError,
  SwitchyardModelNotFoundError,
  type SwitchyardProvider,
  type SwitchyardProviderMetadata,
  SwitchyardUpstreamError,
} from '@switchyard/ai-sdk-provider';
import { embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { adminKey, upstreamModels, useRouter } from './fixtures.ts';

const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 21 C in ${city}`,
});

function switchyardFacts(providerMetadata: unknown): SwitchyardProviderMetadata | undefined {
  return (providerMetadata as { switchyard?: SwitchyardProviderMetadata } | undefined)?.switchyard;
}

describe.each(['node', 'workerd'] as const)(
  'the AI SDK through @switchyard/ai-sdk-provider on %s',
  (runtime) => {
    const running = useRouter(runtime);
    let gateway: SwitchyardProvider;

    beforeAll(() => {
      gateway = createGateway({ baseURL: `${running.router.url}/v1/ai`, apiKey: adminKey });
    });

    describe.each(upstreamModels)('to the $format upstream', ({ model }) => {
      it('generates text with usage and switchyard metadata', async () => {
        const result = await generateText({
          model: gateway(model),
          prompt: 'hello there gateway',
          maxRetries: 0,
        });

        expect(result.text).toBe('Echo: hello there gateway');
        expect(result.finishReason).toBe('stop');
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(result.usage.outputTokens).toBeGreaterThan(0);
        const facts = switchyardFacts(result.providerMetadata);
        expect(facts?.provider).toBe(model.split('/')[0]);
        expect(facts?.attempts).toBe(1);
        expect(facts?.requestId).toMatch(/^req_/);
        expect(result.response.headers?.['x-switchyard-request-id']).toBe(facts?.requestId);
      });

      it('streams text in several deltas', async () => {
        const result = streamText({
          model: gateway(model),
          prompt: 'stream these four words',
          maxRetries: 0,
        });
        const deltas: string[] = [];
        for await (const delta of result.textStream) deltas.push(delta);

        expect(deltas.join('')).toBe('Echo: stream these four words');
        expect(deltas.length).toBeGreaterThan(1);
        expect(await result.finishReason).toBe('stop');
        expect(switchyardFacts(await result.providerMetadata)?.provider).toBe(model.split('/')[0]);
      });
    });

    it('runs a multi-step tool call with generateText', async () => {
      const result = await generateText({
        model: gateway('openai/gpt-4o'),
        tools: { get_weather: weather },
        stopWhen: stepCountIs(3),
        prompt: 'What is the weather in Paris?',
        maxRetries: 0,
      });

      expect(result.steps).toHaveLength(2);
      expect(result.steps[0]?.toolCalls[0]).toMatchObject({
        toolName: 'get_weather',
        input: { city: 'example' },
      });
      expect(result.steps[0]?.toolResults[0]?.output).toBe('sunny, 21 C in example');
      expect(result.text).toContain('sunny, 21 C in example');
    });

    it('runs a multi-step tool call with streamText', async () => {
      const result = streamText({
        model: gateway('anthropic/claude-sonnet-4-5'),
        tools: { get_weather: weather },
        stopWhen: stepCountIs(3),
        prompt: 'What is the weather in Oslo?',
        maxRetries: 0,
      });
      const parts: string[] = [];
      for await (const part of result.fullStream) parts.push(part.type);

      expect(parts).toContain('tool-call');
      expect(parts).toContain('tool-result');
      expect((await result.steps).length).toBe(2);
      expect(await result.text).toContain('sunny, 21 C in example');
    });

    it('streams reasoning parts', async () => {
      const result = streamText({
        model: gateway('anthropic/claude-sonnet-4-5~reasoning=1'),
        prompt: 'think first',
        maxRetries: 0,
      });
      const parts: string[] = [];
      for await (const part of result.fullStream) parts.push(part.type);

      expect(parts).toContain('reasoning-delta');
      expect(await result.reasoningText).toContain('Thinking about: think first');
      expect(await result.text).toBe('Echo: think first');
    });

    it('generates a structured object', async () => {
      const result = await generateText({
        model: gateway('mock/echo'),
        output: Output.object({
          schema: z.object({ city: z.string(), temperature: z.number(), sunny: z.boolean() }),
        }),
        prompt: 'Weather in Rome as JSON',
        maxRetries: 0,
      });

      expect(result.output).toEqual({
        city: expect.any(String),
        temperature: expect.any(Number),
        sunny: expect.any(Boolean),
      });
    });

    it('embeds one value and many', async () => {
      const single = await embed({
        model: gateway.embeddingModel('openai/text-embedding-3-small'),
        value: 'sunny day at the beach',
        maxRetries: 0,
      });
      const many = await embedMany({
        model: gateway.embeddingModel('mock/echo'),
        values: ['sunny day', 'rainy night', 'sunny day'],
        maxRetries: 0,
      });

      expect(single.embedding.length).toBeGreaterThan(0);
      expect(switchyardFacts(single.providerMetadata)?.provider).toBe('openai');
      expect(many.embeddings).toHaveLength(3);
      expect(many.embeddings[0]).toEqual(many.embeddings[2]);
      expect(many.embeddings[0]).not.toEqual(many.embeddings[1]);
    });

    it('falls back to the models in providerOptions.switchyard', async () => {
      const result = await generateText({
        model: gateway('mock/down'),
        prompt: 'still there?',
        providerOptions: { switchyard: { models: ['anthropic/claude-sonnet-4-5'] } },
        maxRetries: 0,
      });

      expect(result.text).toBe('Echo: still there?');
      const facts = switchyardFacts(result.providerMetadata);
      expect(facts?.provider).toBe('anthropic');
      // The router may retry the failing target before it moves on.
      expect(facts?.attempts).toBeGreaterThanOrEqual(2);
      expect(facts?.route).toMatch(/mock\/down:503:\d+ms,.*anthropic\/claude-sonnet-4-5:ok/);
    });

    it('cancels the upstream request when the caller aborts a stream midway', async () => {
      running.upstream.reset();
      const abortController = new AbortController();
      const result = streamText({
        model: gateway('openai-chat/gpt-4o~chunkDelay=200'),
        prompt: 'one two three four five six seven eight nine ten',
        abortSignal: abortController.signal,
        maxRetries: 0,
      });
      const reader = result.textStream.getReader();
      const first = await reader.read();
      abortController.abort();
      await reader.read().catch(() => undefined);

      expect(first.value).toBeTruthy();
      await vi.waitFor(() => expect(running.upstream.aborted).toBeGreaterThanOrEqual(1), {
        timeout: 10_000,
        interval: 100,
      });
    });

    it('reports a stream cut after it started as a typed error, never a clean finish', async () => {
      const result = streamText({
        model: gateway('openai-chat/gpt-4o~cutAfter=2'),
        prompt: 'one two three four five six',
        maxRetries: 0,
        onError: () => {},
      });
      const errors: unknown[] = [];
      let finishReason: string | undefined;
      for await (const part of result.fullStream) {
        if (part.type === 'error') errors.push(part.error);
        if (part.type === 'finish') finishReason = part.finishReason;
      }

      expect(errors).toHaveLength(1);
      expect(SwitchyardUpstreamError.isInstance(errors[0])).toBe(true);
      expect(errors[0]).toMatchObject({ code: 'stream_interrupted' });
      expect(finishReason).not.toBe('stop');
    });

    it('lists the models the router serves', async () => {
      const { models } = await gateway.getAvailableModels();

      expect(models.map((model) => model.id)).toContain('failover-chat');
    });

    it('reports a wrong key as SwitchyardAuthenticationError', async () => {
      const wrongKey = createGateway({
        baseURL: `${running.router.url}/v1/ai`,
        apiKey: 'sk-wrong',
      });
      const error = await generateText({
        model: wrongKey('openai/gpt-4o'),
        prompt: 'x',
        maxRetries: 0,
      }).catch((caught: unknown) => caught);

      expect(SwitchyardAuthenticationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
      expect((error as SwitchyardAuthenticationError).requestId).toMatch(/^req_/);
    });

    it('reports an unknown model as SwitchyardModelNotFoundError', async () => {
      const error = await generateText({
        model: gateway('nope/model'),
        prompt: 'x',
        maxRetries: 0,
      }).catch((caught: unknown) => caught);

      expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 404, modelId: 'nope/model' });
    });
  },
);
