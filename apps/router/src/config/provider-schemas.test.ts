import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.ts';

const withProvider = (provider: Record<string, unknown>) =>
  parseConfig({ providers: { p: provider } }).providers.p;

const plainTypes = [
  'anthropic',
  'google',
  'mistral',
  'groq',
  'xai',
  'deepseek',
  'cohere',
  'togetherai',
  'fireworks',
  'cerebras',
  'perplexity',
] as const;

describe('provider configuration', () => {
  it.each(plainTypes)('accepts %s with the common settings and defaults', (type) => {
    const provider = withProvider({
      type,
      baseURL: 'https://proxy.example.com/v1',
      apiKey: 'env:MY_KEY',
      headers: { 'x-team': 'search' },
      models: ['some-model'],
    });

    expect(provider).toEqual({
      type,
      baseURL: 'https://proxy.example.com/v1',
      apiKey: 'env:MY_KEY',
      headers: { 'x-team': 'search' },
      models: ['some-model'],
      allowRequestKeys: false,
    });
  });

  it.each(plainTypes)('rejects settings %s does not have', (type) => {
    expect(() => withProvider({ type, region: 'us-east-1' })).toThrow(/providers\.p.*region/s);
  });

  it('accepts openai with its API choice, organization and project', () => {
    expect(
      withProvider({ type: 'openai', api: 'chat', organization: 'org', project: 'pr' }),
    ).toEqual(expect.objectContaining({ api: 'chat', organization: 'org', project: 'pr' }));
    expect(withProvider({ type: 'openai' })).toEqual(expect.objectContaining({ api: 'responses' }));
  });

  it('accepts azure by resource name or base URL, with deployment URLs and an API version', () => {
    expect(withProvider({ type: 'azure', resourceName: 'my-resource' })).toEqual({
      type: 'azure',
      resourceName: 'my-resource',
      useDeploymentBasedUrls: false,
      api: 'responses',
      allowRequestKeys: false,
    });
    expect(
      withProvider({
        type: 'azure',
        baseURL: 'https://gateway.example.com/openai',
        apiVersion: '2024-10-21',
        useDeploymentBasedUrls: true,
        api: 'chat',
      }),
    ).toEqual(expect.objectContaining({ apiVersion: '2024-10-21', useDeploymentBasedUrls: true }));
  });

  it('rejects azure without a resource name or base URL, and a resource name that is no DNS label', () => {
    expect(() => withProvider({ type: 'azure' })).toThrow(/resourceName: azure needs/);
    expect(() => withProvider({ type: 'azure', resourceName: 'a.b' })).toThrow(/one DNS label/);
  });

  it('accepts amazon-bedrock with a region and either an API key or AWS access keys', () => {
    expect(withProvider({ type: 'amazon-bedrock', region: 'eu-west-1', apiKey: 'env:K' })).toEqual(
      expect.objectContaining({ region: 'eu-west-1', apiKey: 'env:K' }),
    );
    expect(
      withProvider({
        type: 'amazon-bedrock',
        region: 'us-east-1',
        accessKeyId: 'env:AWS_ID',
        secretAccessKey: 'env:AWS_SECRET',
        sessionToken: 'env:AWS_TOKEN',
      }),
    ).toEqual(
      expect.objectContaining({ accessKeyId: 'env:AWS_ID', sessionToken: 'env:AWS_TOKEN' }),
    );
  });

  it('requires a region for amazon-bedrock', () => {
    expect(() => withProvider({ type: 'amazon-bedrock' })).toThrow(/providers\.p\.region/);
  });

  it('requires a base URL for openai-compatible and asks for stream usage by default', () => {
    expect(() => withProvider({ type: 'openai-compatible' })).toThrow(/providers\.p\.baseURL/);
    expect(
      withProvider({ type: 'openai-compatible', baseURL: 'http://localhost:11434/v1' }),
    ).toEqual(expect.objectContaining({ includeUsage: true }));
  });

  it('lets a provider accept request keys, but not the mock', () => {
    expect(withProvider({ type: 'groq', allowRequestKeys: true })).toEqual(
      expect.objectContaining({ allowRequestKeys: true }),
    );
    expect(() => withProvider({ type: 'mock', models: {}, allowRequestKeys: true })).toThrow(
      /allowRequestKeys/,
    );
  });

  it.each([
    ...plainTypes.map((type) => ({ type })),
    { type: 'openai' },
    { type: 'azure', resourceName: 'r' },
    { type: 'amazon-bedrock', region: 'us-east-1' },
    { type: 'openai-compatible', baseURL: 'http://localhost:8000/v1' },
  ])(
    'lets $type declare whether it continues an assistant prefill, with no default',
    (settings) => {
      expect(withProvider({ ...settings, assistantPrefill: true })).toEqual(
        expect.objectContaining({ assistantPrefill: true }),
      );
      expect(withProvider(settings)).not.toHaveProperty('assistantPrefill');
      expect(() => withProvider({ ...settings, assistantPrefill: 'yes' })).toThrow(
        /providers\.p\.assistantPrefill/,
      );
    },
  );

  it('has no assistantPrefill setting on the mock, which always continues', () => {
    expect(() => withProvider({ type: 'mock', models: {}, assistantPrefill: true })).toThrow(
      /assistantPrefill/,
    );
  });

  it('names an unknown provider type', () => {
    expect(() => withProvider({ type: 'bedrock' })).toThrow(/providers\.p\.type/);
  });
});
