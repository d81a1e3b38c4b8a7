import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { parseTarget, type Target } from '../routing/target.ts';
import { createProviderRegistry } from './provider-registry.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { echo: {} } },
    openai: { type: 'openai', apiKey: 'k' },
    google: { type: 'google', apiKey: 'k' },
    compatible: { type: 'openai-compatible', baseURL: 'http://localhost:1/v1' },
    anthropic: { type: 'anthropic', apiKey: 'k' },
    keyless: { type: 'openai', apiKey: 'env:NOT_SET' },
  },
});

const registry = createProviderRegistry(config, { env: {} });
const target = (id: string) => parseTarget(id) as Target;

describe('createProviderRegistry embeddingModel', () => {
  it('builds the embedding model of each provider package', () => {
    expect(registry.embeddingModel(target('openai/text-embedding-3-small'))).toMatchObject({
      provider: 'openai.embedding',
      modelId: 'text-embedding-3-small',
    });
    expect(registry.embeddingModel(target('google/gemini-embedding-001')).provider).toMatch(
      /^google/,
    );
    expect(registry.embeddingModel(target('compatible/nomic-embed-text')).provider).toBe(
      'compatible.embedding',
    );
    expect(registry.embeddingModel(target('mock/echo')).provider).toBe('mock.embedding');
  });

  it('reuses one embedding model per target', () => {
    const model = registry.embeddingModel(target('openai/text-embedding-3-large'));
    expect(registry.embeddingModel(target('openai/text-embedding-3-large'))).toBe(model);
  });

  it('answers a 400 that is not retried for a provider without embeddings', () => {
    expect(() => registry.embeddingModel(target('anthropic/claude-sonnet-4-5'))).toThrow(
      expect.objectContaining({
        statusCode: 400,
        type: 'invalid_request_error',
        code: 'embeddings_not_supported',
        isRetryable: false,
        message: expect.stringContaining('does not support embeddings'),
      }),
    );
  });

  it('reports a missing provider key for embeddings as for language models', () => {
    expect(() => registry.embeddingModel(target('keyless/text-embedding-3-small'))).toThrow(
      expect.objectContaining({ code: 'provider_key_missing' }),
    );
  });
});
