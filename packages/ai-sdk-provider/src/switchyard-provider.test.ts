import { LoadAPIKeyError, LoadSettingError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SwitchyardAuthenticationError } from './errors/switchyard-authentication-error.ts';
import { createGateway, gateway } from './switchyard-provider.ts';
import { fakeFetch, jsonReply, resolvedUnexpectedly } from './test-support/fake-fetch.ts';

const reply = {
  content: [{ type: 'text', text: 'ok' }],
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: { inputTokens: {}, outputTokens: {} },
};
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('createGateway', () => {
  it('is a ProviderV4 whose call, language, embedding, image and reranking models it makes', () => {
    const provider = createGateway({ baseURL: 'https://router.test/v1/ai', apiKey: 'k' });

    expect(provider.specificationVersion).toBe('v4');
    expect(provider('openai/gpt-4o')).toMatchObject({
      specificationVersion: 'v4',
      provider: 'switchyard',
      modelId: 'openai/gpt-4o',
    });
    expect(provider.languageModel('chat').modelId).toBe('chat');
    expect(provider.embeddingModel('openai/text-embedding-3-small')).toMatchObject({
      specificationVersion: 'v4',
      maxEmbeddingsPerCall: 2048,
    });
    expect(provider.textEmbeddingModel('e').modelId).toBe('e');
    expect(provider.imageModel('openai/dall-e-3')).toMatchObject({
      specificationVersion: 'v4',
      provider: 'switchyard',
      maxImagesPerCall: 10,
    });
    expect(provider.rerankingModel('cohere/rerank-v3.5').modelId).toBe('cohere/rerank-v3.5');
  });

  it('reads SWITCHYARD_BASE_URL and SWITCHYARD_API_KEY when options are absent', async () => {
    vi.stubEnv('SWITCHYARD_BASE_URL', 'http://127.0.0.1:8787/v1/ai/');
    vi.stubEnv('SWITCHYARD_API_KEY', 'sk-from-env');
    const { fetch, calls } = fakeFetch(jsonReply(reply));
    await createGateway({ fetch })('chat').doGenerate({ prompt });

    expect(calls[0]?.url).toBe('http://127.0.0.1:8787/v1/ai/language-model');
    expect(calls[0]?.headers.authorization).toBe('Bearer sk-from-env');
  });

  it('prefers explicit options over the environment', async () => {
    vi.stubEnv('SWITCHYARD_BASE_URL', 'http://env.test/v1/ai');
    vi.stubEnv('SWITCHYARD_API_KEY', 'sk-from-env');
    const { fetch, calls } = fakeFetch(jsonReply(reply));
    await createGateway({ baseURL: 'https://option.test/v1/ai', apiKey: 'sk-option', fetch })(
      'chat',
    ).doGenerate({ prompt });

    expect(calls[0]?.url).toBe('https://option.test/v1/ai/language-model');
    expect(calls[0]?.headers.authorization).toBe('Bearer sk-option');
  });

  it('explains how to set the base URL when it is missing', async () => {
    vi.stubEnv('SWITCHYARD_BASE_URL', undefined);
    const error = await createGateway({ apiKey: 'k' })('chat')
      .doGenerate({ prompt })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(LoadSettingError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/'baseURL' option or the SWITCHYARD_BASE_URL/);
  });

  it('explains how to set the API key when it is missing', async () => {
    vi.stubEnv('SWITCHYARD_API_KEY', undefined);
    const { fetch, calls } = fakeFetch(jsonReply(reply));
    const error = await createGateway({ baseURL: 'https://router.test/v1/ai', fetch })('chat')
      .doGenerate({ prompt })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/'apiKey' parameter or the SWITCHYARD_API_KEY/);
    expect(calls).toHaveLength(0);
  });

  it('works where there is no process (edge runtimes) when given options', async () => {
    const { fetch, calls } = fakeFetch(jsonReply(reply));
    const explicit = createGateway({ baseURL: 'https://router.test/v1/ai', apiKey: 'k', fetch });
    const fromEnvironment = createGateway({ fetch });
    vi.stubGlobal('process', undefined);
    // The requests are prepared synchronously, so `process` is back before anything is awaited.
    const sent = explicit('chat').doGenerate({ prompt });
    const missing = fromEnvironment('chat').doGenerate({ prompt });
    vi.unstubAllGlobals();

    await expect(sent).resolves.toMatchObject({ content: [{ type: 'text', text: 'ok' }] });
    await expect(missing).rejects.toThrow(/SWITCHYARD_BASE_URL/);
    expect(calls).toHaveLength(1);
  });
});

describe('the default gateway instance', () => {
  it('reads the environment at the first request, not at import', async () => {
    vi.stubEnv('SWITCHYARD_BASE_URL', 'http://late.test/v1/ai');
    vi.stubEnv('SWITCHYARD_API_KEY', 'sk-late');
    const { fetch, calls } = fakeFetch(jsonReply(reply));
    vi.stubGlobal('fetch', fetch);
    await gateway('chat').doGenerate({ prompt });

    expect(calls[0]?.url).toBe('http://late.test/v1/ai/language-model');
    expect(calls[0]?.headers.authorization).toBe('Bearer sk-late');
  });
});

describe('getAvailableModels', () => {
  it('fetches GET {baseURL}/config and returns the typed model list', async () => {
    const { fetch, calls } = fakeFetch(
      jsonReply({
        models: [
          {
            id: 'openai/gpt-4o',
            name: 'GPT-4o',
            description: 'OpenAI flagship',
            pricing: { input: '0.0000025', output: '0.00001', input_cache_read: '0.00000125' },
            specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'gpt-4o' },
            modelType: 'language',
          },
          {
            id: 'chat',
            name: 'chat',
            description: null,
            pricing: null,
            specification: { specificationVersion: 'v4', provider: 'switchyard', modelId: 'chat' },
          },
        ],
      }),
    );
    const provider = createGateway({ baseURL: 'https://router.test/v1/ai', apiKey: 'k', fetch });
    const { models } = await provider.getAvailableModels();

    expect(calls[0]).toMatchObject({ url: 'https://router.test/v1/ai/config', method: 'GET' });
    expect(calls[0]?.headers).toMatchObject({
      authorization: 'Bearer k',
      'ai-gateway-protocol-version': '0.0.1',
    });
    expect(models).toEqual([
      {
        id: 'openai/gpt-4o',
        name: 'GPT-4o',
        description: 'OpenAI flagship',
        pricing: { input: '0.0000025', output: '0.00001', cachedInputTokens: '0.00000125' },
        specification: { specificationVersion: 'v4', provider: 'openai', modelId: 'gpt-4o' },
        modelType: 'language',
      },
      {
        id: 'chat',
        name: 'chat',
        specification: { specificationVersion: 'v4', provider: 'switchyard', modelId: 'chat' },
      },
    ]);
  });

  it('maps a failure to a typed error', async () => {
    const { fetch } = fakeFetch(
      jsonReply(
        { error: { message: 'Invalid API key.', type: 'authentication_error' } },
        { status: 401 },
      ),
    );
    const provider = createGateway({ baseURL: 'https://router.test/v1/ai', apiKey: 'k', fetch });

    await expect(provider.getAvailableModels()).rejects.toSatisfy((error: unknown) =>
      SwitchyardAuthenticationError.isInstance(error),
    );
  });
});
