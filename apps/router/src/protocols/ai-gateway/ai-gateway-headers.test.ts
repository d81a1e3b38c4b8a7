import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { RouterEnv } from '../../context.ts';
import { aiGatewayErrorHandler } from './ai-gateway-error.ts';
import { readEmbeddingModelHeaders, readLanguageModelHeaders } from './ai-gateway-headers.ts';

const app = new Hono<RouterEnv>()
  .get('/language', (c) => c.json(readLanguageModelHeaders(c)))
  .get('/embedding', (c) => c.json(readEmbeddingModelHeaders(c)))
  .onError(aiGatewayErrorHandler);

async function read(path: string, headers: Record<string, string>) {
  const response = await app.request(path, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('readLanguageModelHeaders', () => {
  it('reads the model and streaming flag the official client sends', async () => {
    const { body } = await read('/language', {
      'ai-language-model-id': 'openai/gpt-4o',
      'ai-language-model-streaming': 'true',
      'ai-language-model-specification-version': '4',
      'ai-gateway-protocol-version': '0.0.1',
    });
    expect(body).toEqual({ modelId: 'openai/gpt-4o', streaming: true });
  });

  it('defaults to not streaming and accepts missing version headers, as curl sends', async () => {
    const { body } = await read('/language', { 'ai-language-model-id': 'chat' });
    expect(body).toEqual({ modelId: 'chat', streaming: false });
  });

  it.each([
    [{}, 'ai-language-model-id'],
    [{ 'ai-language-model-id': '  ' }, 'ai-language-model-id'],
    [{ 'ai-language-model-id': 'mock/\u0001echo' }, 'ai-language-model-id'],
    [{ 'ai-language-model-id': 'mock/echo\u007f' }, 'ai-language-model-id'],
    [{ 'ai-language-model-id': `mock/${'x'.repeat(300)}` }, 'ai-language-model-id'],
    [
      { 'ai-language-model-id': 'chat', 'ai-language-model-streaming': '1' },
      'ai-language-model-streaming',
    ],
    [
      { 'ai-language-model-id': 'chat', 'ai-language-model-specification-version': '3' },
      'ai-language-model-specification-version',
    ],
    [
      { 'ai-language-model-id': 'chat', 'ai-gateway-protocol-version': '0.0.2' },
      'ai-gateway-protocol-version',
    ],
  ])('answers 400 naming the header for %j', async (headers, param) => {
    const { status, body } = await read('/language', headers);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param });
  });
});

describe('readEmbeddingModelHeaders', () => {
  it('reads ai-model-id and checks the embedding specification version', async () => {
    expect((await read('/embedding', { 'ai-model-id': 'openai/e' })).body).toEqual({
      modelId: 'openai/e',
    });
    const wrong = await read('/embedding', {
      'ai-model-id': 'openai/e',
      'ai-embedding-model-specification-version': '2',
    });
    expect(wrong.body.error).toMatchObject({ param: 'ai-embedding-model-specification-version' });
  });
});
