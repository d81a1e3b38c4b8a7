import {
  createGateway,
  GatewayAuthenticationError,
  GatewayInvalidRequestError,
  GatewayModelNotFoundError,
  type GatewayProvider,
} from '@ai-sdk/gateway';
import { embed, embedMany, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { adminKey, upstreamModels, useRouter } from './fixtures.ts';

interface SwitchyardFacts {
  provider: string;
  model: string;
  attempts: number;
  attemptLog: { target: string; outcome: string }[];
  cache: string;
  requestId: string;
}

const switchyardOf = (providerMetadata: unknown) =>
  (providerMetadata as { switchyard?: SwitchyardFacts } | undefined)?.switchyard;

const weatherTool = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny, 21 C in ${city}`,
});

/** The `~scenario` suffix that makes the mock upstream answer with exactly this text. */
const replying = (text: string) => `~replyB64=${Buffer.from(text).toString('base64url')}`;

describe.each(['node', 'workerd'] as const)(
  'the official @ai-sdk/gateway client through the router on %s',
  (runtime) => {
    const running = useRouter(runtime);
    let gateway: GatewayProvider;

    beforeAll(() => {
      gateway = createGateway({ baseURL: `${running.router.url}/v1/ai`, apiKey: adminKey });
    });

    describe.each(upstreamModels)('to the $format upstream', ({ model }) => {
      const provider = model.split('/')[0];

      it('generates text and reports what served it in providerMetadata.switchyard', async () => {
        const result = await generateText({
          model: gateway(model),
          prompt: 'hello there gateway',
        });
        expect(result.text).toBe('Echo: hello there gateway');
        expect(result.finishReason).toBe('stop');
        expect(result.usage.inputTokens).toBeGreaterThan(0);
        expect(switchyardOf(result.providerMetadata)).toMatchObject({
          provider,
          attempts: 1,
          cache: 'BYPASS',
          requestId: expect.stringMatching(/^req_/),
        });
      });

      it('streams text with usage and the facts on the finish', async () => {
        const result = streamText({ model: gateway(model), prompt: 'stream these four words' });
        const chunks: string[] = [];
        for await (const chunk of result.textStream) chunks.push(chunk);
        expect(chunks.join('')).toBe('Echo: stream these four words');
        expect(chunks.length).toBeGreaterThan(2);
        expect(await result.finishReason).toBe('stop');
        expect((await result.usage).outputTokens).toBeGreaterThan(0);
        expect(switchyardOf(await result.providerMetadata)?.provider).toBe(provider);
      });

      it('runs a multi-step tool round trip', async () => {
        const result = await generateText({
          model: gateway(model),
          prompt: 'What is the weather in Paris?',
          tools: { get_weather: weatherTool },
          stopWhen: stepCountIs(3),
        });
        expect(result.steps).toHaveLength(2);
        const [call] = result.steps[0]?.toolCalls ?? [];
        expect(call?.toolName).toBe('get_weather');
        expect(call?.input).toEqual({ city: 'example' });
        expect(result.steps[0]?.toolResults[0]?.output).toBe('sunny, 21 C in example');
        expect(result.text).toContain('sunny, 21 C in example');
        expect(result.finishReason).toBe('stop');
      });

      it('returns structured output that matches the schema', async () => {
        const reply = JSON.stringify({ city: 'Paris', temperature: 21 });
        const { output } = await generateText({
          model: gateway(`${model}${replying(reply)}`),
          prompt: 'Weather in Paris as JSON',
          output: Output.object({
            schema: z.object({ city: z.string(), temperature: z.number() }),
          }),
        });
        expect(typeof output.city).toBe('string');
        expect(typeof output.temperature).toBe('number');
      });
    });

    describe.each(upstreamModels.filter(({ format }) => format !== 'OpenAI chat completions'))(
      'reasoning from the $format upstream',
      ({ model }) => {
        it('streams the reasoning parts before the text', async () => {
          const result = streamText({ model: gateway(`${model}~reasoning=1`), prompt: 'think' });
          const types: string[] = [];
          for await (const part of result.fullStream) types.push(part.type);
          expect(await result.reasoningText).toContain('Thinking about: think');
          expect(types.indexOf('reasoning-delta')).toBeGreaterThan(-1);
          expect(types.indexOf('reasoning-delta')).toBeLessThan(types.indexOf('text-delta'));
        });
      },
    );

    it('embeds one value and many values through the OpenAI embeddings upstream', async () => {
      const model = gateway.embeddingModel('openai/text-embedding-3-small');
      const single = await embed({ model, value: 'sunny day' });
      expect(single.embedding).toHaveLength(8);
      expect(single.usage.tokens).toBeGreaterThan(0);
      expect(switchyardOf(single.providerMetadata)?.provider).toBe('openai');
      const many = await embedMany({ model, values: ['sunny day', 'rainy night', 'sunny day'] });
      expect(many.embeddings).toHaveLength(3);
      expect(many.embeddings[0]).toEqual(single.embedding);
      expect(many.embeddings[2]).toEqual(many.embeddings[0]);
      expect(many.embeddings[1]).not.toEqual(many.embeddings[0]);
    });

    it('lists the configured models with getAvailableModels()', async () => {
      const { models } = await gateway.getAvailableModels();
      expect(models.map((entry) => entry.id)).toEqual(['failover-chat', 'mock/echo', 'mock/down']);
      expect(models[1]?.specification).toEqual({
        specificationVersion: 'v4',
        provider: 'mock',
        modelId: 'echo',
      });
    });

    it('fails over from a failing target and lists the attempts in providerMetadata', async () => {
      const result = await generateText({
        model: gateway('failover-chat'),
        prompt: 'still there?',
      });
      expect(result.text).toBe('Echo: still there?');
      const facts = switchyardOf(result.providerMetadata);
      expect(facts?.provider).toBe('anthropic');
      expect(facts?.attempts).toBeGreaterThanOrEqual(2);
      expect(facts?.attemptLog[0]).toMatchObject({ target: 'mock/down', outcome: 'error' });
      expect(facts?.attemptLog.at(-1)).toMatchObject({
        target: 'anthropic/claude-sonnet-4-5',
        outcome: 'ok',
      });
    });

    it('cancels the upstream request when the caller aborts a stream midway', async () => {
      const abortedBefore = running.upstream.aborted;
      const abort = new AbortController();
      const result = streamText({
        model: gateway('openai/gpt-4o~chunkDelay=200'),
        prompt: 'one two three four five six seven eight nine ten',
        abortSignal: abort.signal,
        onError: () => {},
      });
      for await (const chunk of result.textStream) {
        expect(chunk).not.toBe('');
        abort.abort();
        break;
      }
      await vi.waitFor(() => expect(running.upstream.aborted).toBeGreaterThan(abortedBefore), {
        timeout: 10_000,
        interval: 50,
      });
    });

    describe('reports failures as the typed errors of the client', () => {
      // Not GatewayAuthenticationError: for it the client and `ai` print advice about Vercel's
      // AI_GATEWAY_API_KEY instead of the router's message.
      it('a 401 GatewayInvalidRequestError naming the gateway key for a wrong key', async () => {
        const wrongKey = createGateway({
          baseURL: `${running.router.url}/v1/ai`,
          apiKey: 'sk-wrong',
        });
        const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'x' }] }];
        const fromModel = await wrongKey('mock/echo')
          .doGenerate({ prompt })
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(GatewayInvalidRequestError.isInstance(fromModel)).toBe(true);
        expect(fromModel).toMatchObject({ statusCode: 401 });
        const fromMetadata = await wrongKey.getAvailableModels().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(GatewayInvalidRequestError.isInstance(fromMetadata)).toBe(true);
        const fromGenerateText = await generateText({
          model: wrongKey('mock/echo'),
          prompt: 'x',
          maxRetries: 0,
        }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        for (const error of [fromModel, fromMetadata, fromGenerateText]) {
          expect(GatewayAuthenticationError.isInstance(error)).toBe(false);
          expect((error as Error).message).toMatch(/gateway key.*x-api-key/);
        }
      });

      it('GatewayModelNotFoundError naming the model', async () => {
        const error = await generateText({
          model: gateway('mock/nope'),
          prompt: 'x',
          maxRetries: 0,
        }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(GatewayModelNotFoundError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ statusCode: 404, modelId: 'mock/nope' });
      });

      it('GatewayInvalidRequestError for malformed Switchyard options', async () => {
        const error = await generateText({
          model: gateway('mock/echo'),
          prompt: 'x',
          maxRetries: 0,
          providerOptions: { switchyard: { allowFallbacks: 'sometimes' } },
        }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(GatewayInvalidRequestError.isInstance(error)).toBe(true);
        expect((error as Error).message).toContain('providerOptions.switchyard.allowFallbacks');
      });
    });

    describe('answers bad input over raw HTTP in the protocol envelope', () => {
      const send = (headers: Record<string, string>, body: unknown) =>
        fetch(`${running.router.url}/v1/ai/language-model`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${adminKey}`,
            'content-type': 'application/json',
            'ai-language-model-specification-version': '4',
            ...headers,
          },
          body: JSON.stringify(body),
        });
      const prompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

      it.each([
        [
          'a missing model header',
          {},
          { prompt },
          400,
          'invalid_request_error',
          'ai-language-model-id',
        ],
        [
          'a specification version it does not speak',
          { 'ai-language-model-id': 'mock/echo', 'ai-language-model-specification-version': '2' },
          { prompt },
          400,
          'invalid_request_error',
          'ai-language-model-specification-version',
        ],
        [
          'an unknown model',
          { 'ai-language-model-id': 'mock/nope' },
          { prompt },
          404,
          'model_not_found',
          { modelId: 'mock/nope' },
        ],
        [
          'a prompt that is not an array',
          { 'ai-language-model-id': 'mock/echo' },
          { prompt: 'hi' },
          400,
          'invalid_request_error',
          'prompt',
        ],
        [
          'a wrong key',
          { 'ai-language-model-id': 'mock/echo', authorization: 'Bearer sk-wrong' },
          { prompt },
          401,
          'invalid_request_error',
          null,
        ],
      ])('%s', async (_name, headers, body, status, type, param) => {
        const response = await send(headers, body);
        expect(response.status).toBe(status);
        expect(response.headers.get('x-switchyard-request-id')).toMatch(/^req_/);
        const envelope = (await response.json()) as { error: Record<string, unknown> };
        expect(envelope.error).toMatchObject({ type, param, message: expect.any(String) });
      });
    });
  },
);
