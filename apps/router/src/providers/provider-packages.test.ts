import type { FetchFunction } from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import { type HttpProviderType, parseConfig } from '../config/index.ts';
import { createModelFactory, type ModelFactory } from './create-language-model.ts';

const providerConfig = (provider: Record<string, unknown>) =>
  parseConfig({ providers: { p: provider } }).providers.p ?? expect.fail('no provider');

interface Captured {
  url: string;
  headers: Headers;
}

/** A fetch that records the request and answers nothing, so no test reaches the network. */
function capturingFetch(): { fetch: FetchFunction; requests: Captured[] } {
  const requests: Captured[] = [];
  const fetch: FetchFunction = async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    throw new TypeError('fetch failed');
  };
  return { fetch, requests };
}

function factoryFor(
  provider: Record<string, unknown>,
  options: { env?: Record<string, string>; apiKey?: string } = {},
) {
  const { fetch, requests } = capturingFetch();
  const factory = createModelFactory(providerConfig(provider), {
    providerId: 'p',
    env: options.env ?? {},
    fetch,
    apiKey: options.apiKey,
  });
  return { factory, requests };
}

/** Sends one call through the model and returns the request it made. */
async function firstRequest(factory: ModelFactory, requests: Captured[], modelId = 'm') {
  const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];
  await Promise.resolve(factory.languageModel(modelId).doGenerate({ prompt })).catch(() => {});
  return requests[0] ?? expect.fail('no request was sent');
}

const cases: { type: HttpProviderType; variable: string; provider: RegExp; embeds: boolean }[] = [
  { type: 'openai', variable: 'OPENAI_API_KEY', provider: /^openai\.responses$/, embeds: true },
  { type: 'anthropic', variable: 'ANTHROPIC_API_KEY', provider: /^anthropic/, embeds: false },
  { type: 'google', variable: 'GOOGLE_GENERATIVE_AI_API_KEY', provider: /^google/, embeds: true },
  { type: 'mistral', variable: 'MISTRAL_API_KEY', provider: /^mistral/, embeds: true },
  { type: 'groq', variable: 'GROQ_API_KEY', provider: /^groq/, embeds: false },
  { type: 'xai', variable: 'XAI_API_KEY', provider: /^xai/, embeds: false },
  { type: 'deepseek', variable: 'DEEPSEEK_API_KEY', provider: /^deepseek/, embeds: false },
  { type: 'cohere', variable: 'COHERE_API_KEY', provider: /^cohere/, embeds: true },
  { type: 'togetherai', variable: 'TOGETHER_API_KEY', provider: /^togetherai/, embeds: true },
  { type: 'fireworks', variable: 'FIREWORKS_API_KEY', provider: /^fireworks/, embeds: true },
  { type: 'cerebras', variable: 'CEREBRAS_API_KEY', provider: /^cerebras/, embeds: false },
  { type: 'perplexity', variable: 'PERPLEXITY_API_KEY', provider: /^perplexity/, embeds: true },
];

describe('createModelFactory for each provider package', () => {
  it.each(cases)('builds $type models with the key from $variable', (entry) => {
    const { factory } = factoryFor({ type: entry.type }, { env: { [entry.variable]: 'k' } });

    const model = factory.languageModel('some-model');
    expect(model).toMatchObject({ specificationVersion: 'v4', modelId: 'some-model' });
    expect(model.provider).toMatch(entry.provider);
    if (entry.embeds) {
      expect(factory.embeddingModel('some-embedder').modelId).toBe('some-embedder');
    } else {
      expect(() => factory.embeddingModel('e')).toThrow(
        expect.objectContaining({ code: 'embeddings_not_supported', statusCode: 400 }),
      );
    }
  });

  it.each(cases)('reports a missing $type key by the variable to set', (entry) => {
    const { factory } = factoryFor({ type: entry.type });

    expect(() => factory.languageModel('m')).toThrow(
      expect.objectContaining({
        code: 'provider_key_missing',
        isRetryable: true,
        message: expect.stringContaining(`set ${entry.variable}`),
      }),
    );
  });

  it('sends the configured key, and a request key instead when there is one', async () => {
    const configured = factoryFor(
      { type: 'groq', apiKey: 'env:MY_GROQ' },
      { env: { MY_GROQ: 'a' } },
    );
    const request = factoryFor({ type: 'groq', apiKey: 'env:NOT_SET' }, { apiKey: 'from-request' });

    const sent = await firstRequest(configured.factory, configured.requests);
    expect(sent.headers.get('authorization')).toBe('Bearer a');
    const overridden = await firstRequest(request.factory, request.requests);
    expect(overridden.headers.get('authorization')).toBe('Bearer from-request');
  });

  it('calls azure by deployment with an api-version and its api-key header', async () => {
    const { factory, requests } = factoryFor(
      {
        type: 'azure',
        resourceName: 'my-resource',
        apiVersion: '2024-10-21',
        useDeploymentBasedUrls: true,
        api: 'chat',
      },
      { env: { AZURE_API_KEY: 'az' } },
    );

    const sent = await firstRequest(factory, requests, 'my-gpt4o');
    expect(sent.url).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21',
    );
    expect(sent.headers.get('api-key')).toBe('az');
  });

  it('calls amazon-bedrock with an API key as a bearer token', async () => {
    const { factory, requests } = factoryFor(
      { type: 'amazon-bedrock', region: 'eu-west-1' },
      { env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key' } },
    );

    const sent = await firstRequest(factory, requests, 'anthropic.claude-sonnet-4-5');
    expect(sent.url).toMatch(/^https:\/\/bedrock-runtime\.eu-west-1\.amazonaws\.com\/model\//);
    expect(sent.headers.get('authorization')).toBe('Bearer bedrock-key');
  });

  it('signs amazon-bedrock requests with AWS access keys when there is no API key', async () => {
    const { factory, requests } = factoryFor(
      { type: 'amazon-bedrock', region: 'us-east-1', accessKeyId: 'env:ID', secretAccessKey: 'S' },
      { env: { ID: 'AKIAEXAMPLE' } },
    );

    const sent = await firstRequest(factory, requests, 'amazon.nova-pro-v1:0');
    expect(sent.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\//);
  });

  it('reports missing amazon-bedrock credentials naming both ways to set them', () => {
    const { factory } = factoryFor({ type: 'amazon-bedrock', region: 'us-east-1' });

    expect(() => factory.languageModel('m')).toThrow(
      /set AWS_BEARER_TOKEN_BEDROCK, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
    );
  });

  it('calls an OpenAI-compatible server without a key when none is configured', async () => {
    const { factory, requests } = factoryFor({
      type: 'openai-compatible',
      baseURL: 'http://localhost:11434/v1',
    });

    const sent = await firstRequest(factory, requests, 'llama3.2');
    expect(sent.url).toBe('http://localhost:11434/v1/chat/completions');
    expect(sent.headers.get('authorization')).toBeNull();
  });
});
