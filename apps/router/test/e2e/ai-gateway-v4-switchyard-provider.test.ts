import {
  createGateway,
  SwitchyardInvalidRequestError,
  type SwitchyardProvider,
} from '@switchyard/ai-sdk-provider';
import type { MockUpstream } from '@switchyard/testkit';
import { generateImage, rerank } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminKey, upstreamConfig, useRouter } from './fixtures.ts';

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
      'rerank-failover': { targets: ['mock/down', 'mock/rank'] },
    },
  };
}

const documents = ['sunny day at the beach', 'rain in the city', 'rain boots on sale'];

describe.each(['node', 'workerd'] as const)(
  "@switchyard/ai-sdk-provider's image and reranking models through the router on %s",
  (runtime) => {
    const running = useRouter(runtime, config);
    let gateway: SwitchyardProvider;

    beforeAll(() => {
      gateway = createGateway({ baseURL: `${running.router.url}/v4/ai`, apiKey: adminKey });
    });

    it('generates images through the OpenAI images upstream, splitting n above 10', async () => {
      const result = await generateImage({
        model: gateway.imageModel('openai/gpt-image-1'),
        prompt: 'a lighthouse at dusk',
        n: 12,
      });
      expect(result.images).toHaveLength(12);
      expect(result.images[0]?.mediaType).toBe('image/png');
      expect(new Set(result.images.map((image) => image.base64)).size).toBeGreaterThan(1);
      expect(result.responses).toHaveLength(2);
      expect(result.responses[0]?.headers?.['x-switchyard-provider']).toBe('openai');
    });

    it('reranks documents with rerank, failing over from a failing target', async () => {
      const result = await rerank({
        model: gateway.rerankingModel('rerank-failover'),
        documents,
        query: 'rain',
        topN: 2,
      });
      expect(result.rerankedDocuments).toHaveLength(2);
      expect(result.rerankedDocuments).not.toContain(documents[0]);
      const switchyard = result.providerMetadata?.switchyard as
        | { provider: string; attempts: number }
        | undefined;
      expect(switchyard?.provider).toBe('mock');
      expect(switchyard?.attempts).toBeGreaterThan(1);
    });

    it('reports a provider without reranking models as a typed 400', async () => {
      const error = await rerank({
        model: gateway.rerankingModel('anthropic/claude-sonnet-4-5'),
        documents,
        query: 'rain',
        maxRetries: 0,
      }).catch((caught: unknown) => caught);
      expect(SwitchyardInvalidRequestError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 400 });
    });
  },
);
