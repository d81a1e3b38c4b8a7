import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { GatewayError } from '../errors/index.ts';
import { createImageModel } from './create-image-model.ts';

const { providers } = parseConfig({
  providers: {
    mock: { type: 'mock', models: { echo: {} } },
    openai: { type: 'openai', apiKey: 'env:MY_OPENAI_KEY' },
    google: { type: 'google', apiKey: 'test-key' },
    compatible: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1' },
    anthropic: { type: 'anthropic', apiKey: 'test-key' },
    xai: { type: 'xai', apiKey: 'test-key' },
    bedrock: { type: 'amazon-bedrock', apiKey: 'test-key', region: 'us-east-1' },
  },
});

const create = (
  providerId: string,
  modelId: string,
  env: Record<string, string> = {},
  apiKey?: string,
) => createImageModel(providers[providerId], { providerId, env, apiKey }, modelId);

function failure(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (GatewayError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('createImageModel', () => {
  it('creates the image model of each provider type that has them', () => {
    expect(create('mock', 'echo').provider).toBe('mock.image');
    expect(create('openai', 'gpt-image-1', { MY_OPENAI_KEY: 'k' }).provider).toBe('openai.image');
    expect(create('google', 'imagen-4.0-generate-001').specificationVersion).toBe('v4');
    expect(create('compatible', 'flux').provider).toBe('compatible.image');
    expect(create('xai', 'grok-2-image').specificationVersion).toBe('v4');
    expect(create('bedrock', 'amazon.nova-canvas-v1:0').specificationVersion).toBe('v4');
  });

  it("uses the request's own key (BYOK) when the provider has none configured", () => {
    expect(create('openai', 'gpt-image-1', {}, 'sk-request').provider).toBe('openai.image');
  });

  it('answers 400 images_not_supported for a provider without image models', () => {
    const error = failure(() => create('anthropic', 'claude-sonnet-4-5'));
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'images_not_supported',
      isRetryable: false,
    });
    expect(error.message).toBe(
      "The model does not support images: provider 'anthropic' has no image models.",
    );
  });

  it('reports a missing key as retryable, naming the variable but no secret', () => {
    const error = failure(() => create('openai', 'gpt-image-1'));
    expect(error).toMatchObject({ code: 'provider_key_missing', isRetryable: true });
    expect(error.message).toContain('MY_OPENAI_KEY');
  });
});
