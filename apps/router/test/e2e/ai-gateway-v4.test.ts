import { createGateway, type GatewayProvider } from '@ai-sdk/gateway';
import type { MockUpstream } from '@switchyard/testkit';
import { embed, generateImage, generateText, rerank, streamText } from 'ai';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { adminKey, upstreamConfig, useRouter } from './fixtures.ts';

/** The fixtures' upstreams, a mock reranker, and failover aliases for images and reranking. */
function config(upstream: MockUpstream) {
  const base = upstreamConfig(upstream);
  return {
    ...base,
    providers: {
      ...base.providers,
      mock: { type: 'mock', models: { ...base.providers.mock.models, rank: {} } },
    },
    models: {
      ...base.models,
      'image-failover': { targets: ['mock/down', 'openai/gpt-image-1'] },
      'rerank-failover': { targets: ['mock/down', 'mock/rank'] },
    },
  };
}

const switchyardOf = (providerMetadata: unknown) =>
  (providerMetadata as { switchyard?: Record<string, unknown> } | undefined)?.switchyard;

const documents = [
  'Paris is the capital of France.',
  'The cat sat on the mat.',
  'France borders Spain and Italy.',
];

describe.each(['node', 'workerd'] as const)(
  '@ai-sdk/gateway at its default path /v4/ai through the router on %s',
  (runtime) => {
    const running = useRouter(runtime, config);
    let gateway: GatewayProvider;

    beforeAll(() => {
      gateway = createGateway({ baseURL: `${running.router.url}/v4/ai`, apiKey: adminKey });
    });

    it('generates text in front of an Anthropic upstream', async () => {
      const result = await generateText({
        model: gateway('anthropic/claude-sonnet-4-5'),
        prompt: 'hello from v4',
      });
      expect(result.text).toBe('Echo: hello from v4');
      expect(switchyardOf(result.providerMetadata)).toMatchObject({ provider: 'anthropic' });
    });

    it('streams text in front of an OpenAI Responses upstream', async () => {
      const result = streamText({ model: gateway('openai/gpt-4o'), prompt: 'stream on v4' });
      const chunks: string[] = [];
      for await (const chunk of result.textStream) chunks.push(chunk);
      expect(chunks.join('')).toBe('Echo: stream on v4');
      expect(chunks.length).toBeGreaterThan(1);
      expect(await result.finishReason).toBe('stop');
    });

    it('embeds through the OpenAI embeddings upstream', async () => {
      const result = await embed({
        model: gateway.embeddingModel('openai/text-embedding-3-small'),
        value: 'sunny day',
      });
      expect(result.embedding).toHaveLength(8);
      expect(switchyardOf(result.providerMetadata)).toMatchObject({ provider: 'openai' });
    });

    it('generates images through the OpenAI images upstream with generateImage', async () => {
      const before = running.upstream.requestCounts['/v1/images/generations'] ?? 0;
      const result = await generateImage({
        model: gateway.imageModel('openai/gpt-image-1'),
        prompt: 'a lighthouse at dusk',
        n: 2,
      });
      expect(result.images).toHaveLength(2);
      for (const image of result.images) {
        expect([...image.uint8Array.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      }
      expect(result.images[0]?.base64).not.toBe(result.images[1]?.base64);
      expect(result.responses[0]?.headers).toMatchObject({ 'x-switchyard-provider': 'openai' });
      expect(running.upstream.requestCounts['/v1/images/generations']).toBeGreaterThan(before);
    });

    it('fails over an image request from a failing target to the next', async () => {
      const result = await generateImage({
        model: gateway.imageModel('image-failover'),
        prompt: 'a lighthouse',
      });
      expect(result.images).toHaveLength(1);
      const headers = result.responses[0]?.headers ?? {};
      expect(headers['x-switchyard-provider']).toBe('openai');
      expect(Number(headers['x-switchyard-attempts'])).toBeGreaterThan(1);
    });

    it('reranks documents with rerank, best first, and fails over like embeddings', async () => {
      const result = await rerank({
        model: gateway.rerankingModel('rerank-failover'),
        documents,
        query: 'capital of France',
        topN: 2,
      });
      expect(result.ranking).toHaveLength(2);
      expect(result.rerankedDocuments[0]).toBe(documents[0]);
      const facts = switchyardOf(result.providerMetadata) as {
        provider: string;
        attemptLog: { target: string }[];
      };
      expect(facts.provider).toBe('mock');
      expect(facts.attemptLog[0]?.target).toBe('mock/down');
    });

    it('answers getCredits() on the host root', async () => {
      const credits = await gateway.getCredits();
      expect(credits.balance).toBe('Infinity');
      expect(Number(credits.totalUsed)).toBeGreaterThanOrEqual(0);
    });

    it('answers getGenerationInfo() for a generation it served', async () => {
      const result = await generateText({ model: gateway('mock/echo'), prompt: 'look me up' });
      const id = String(switchyardOf(result.providerMetadata)?.requestId);
      // Records are written after the response: the lookup waits until it is there.
      const info = await vi.waitFor(() => gateway.getGenerationInfo({ id }), { timeout: 10_000 });
      expect(info).toMatchObject({ id, providerName: 'mock', streamed: false });
    });
  },
);
