import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { type MockUpstream, startMockUpstream } from '@switchyard/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamFetch } from './upstream-fetch.ts';

let upstream: MockUpstream;
const upstreamFetch = createUpstreamFetch();

beforeAll(async () => {
  upstream = await startMockUpstream();
});
afterAll(async () => {
  await upstreamFetch.close();
  await upstream?.close();
});

type ProviderName = 'openai-chat' | 'openai-responses' | 'anthropic' | 'google' | 'bedrock';

/** The real provider packages, pointed at the testkit's mock of each one's wire format. */
function modelOf(provider: ProviderName, fetch: FetchFunction, modelId: string): LanguageModelV4 {
  const apiKey = 'test';
  const { openai, anthropic, google, bedrock } = upstream.baseURLs;
  switch (provider) {
    case 'openai-chat':
      return createOpenAI({ baseURL: openai, apiKey, fetch }).chat(`gpt-4o${modelId}`);
    case 'openai-responses':
      return createOpenAI({ baseURL: openai, apiKey, fetch })(`gpt-4o${modelId}`);
    case 'anthropic':
      return createAnthropic({ baseURL: anthropic, apiKey, fetch })(`claude-sonnet-4-5${modelId}`);
    case 'google':
      return createGoogleGenerativeAI({ baseURL: google, apiKey, fetch })(
        `gemini-2.5-flash${modelId}`,
      );
    case 'bedrock':
      return createAmazonBedrock({
        baseURL: bedrock,
        region: 'us-east-1',
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        fetch,
      })(`anthropic.claude-sonnet-4-5-20250929-v1:0${modelId}`);
  }
}

const prompt = (text: string) => [
  { role: 'user' as const, content: [{ type: 'text' as const, text }] },
];

/** What a caller can tell apart in an error: kind, status, retryability, message, cause. */
function errorSummary(error: unknown) {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const { statusCode, isRetryable, cause } = error as Error & {
    statusCode?: number;
    isRetryable?: boolean;
    cause?: Error & { code?: string };
  };
  return {
    name: error.name,
    message: error.message,
    statusCode,
    isRetryable,
    cause: cause && { name: cause.name, message: cause.message, code: cause.code },
  };
}

async function generateSummary(model: LanguageModelV4, text: string, signal?: AbortSignal) {
  try {
    const result = await model.doGenerate({ prompt: prompt(text), abortSignal: signal });
    const content = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
    return { text: content.join(''), finish: result.finishReason.unified, usage: result.usage };
  } catch (error) {
    return { error: errorSummary(error) };
  }
}

async function streamSummary(model: LanguageModelV4, text: string, signal?: AbortSignal) {
  const parts: LanguageModelV4StreamPart[] = [];
  try {
    const { stream } = await model.doStream({ prompt: prompt(text), abortSignal: signal });
    const reader = stream.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parts.push(chunk.value);
    }
  } catch (error) {
    return { parts: parts.length, error: errorSummary(error) };
  }
  const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
  const finish = parts.flatMap((part) => (part.type === 'finish' ? [part] : []));
  return {
    text: deltas.join(''),
    finish: finish.map((part) => [part.finishReason.unified, part.usage]),
    errors: parts.filter((part) => part.type === 'error').length,
  };
}

const providers: ProviderName[] = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'google',
  'bedrock',
];

describe.each(providers)('%s through the upstream client', (provider) => {
  /** Runs the same call with the global fetch and with the upstream client. */
  async function bothWays<Summary>(
    call: (model: LanguageModelV4) => Promise<Summary>,
    modelId = '',
  ): Promise<{ expected: Summary; actual: Summary }> {
    const expected = await call(modelOf(provider, globalThis.fetch, modelId));
    const actual = await call(modelOf(provider, upstreamFetch, modelId));
    return { expected, actual };
  }

  it('generates the same answer as with the global fetch', async () => {
    const { expected, actual } = await bothWays((model) => generateSummary(model, 'a b c'));
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ text: 'Echo: a b c', finish: 'stop' });
  });

  it('streams the same parts as with the global fetch', async () => {
    const { expected, actual } = await bothWays((model) => streamSummary(model, 'one two three'));
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ text: 'Echo: one two three', errors: 0 });
  });

  it.each([
    [429, true],
    [500, true],
    [400, false],
  ])(
    'turns an upstream %i into the same APICallError (retryable: %s)',
    async (status, retryable) => {
      const { expected, actual } = await bothWays(
        (model) => generateSummary(model, 'fail'),
        `~status=${status}`,
      );
      expect(actual).toEqual(expected);
      expect(actual).toMatchObject({
        error: { name: 'AI_APICallError', statusCode: status, isRetryable: retryable },
      });
      const streamed = await bothWays((model) => streamSummary(model, 'fail'), `~status=${status}`);
      expect(streamed.actual).toEqual(streamed.expected);
    },
  );

  it('fails a stream cut after two chunks the same way', async () => {
    const { expected, actual } = await bothWays(
      (model) => streamSummary(model, 'a b c d e f'),
      '~cutAfter=2',
    );
    expect(actual).toEqual(expected);
    expect(actual).toHaveProperty('error');
  });

  it('gives up on a hanging upstream with the same TimeoutError', async () => {
    const { expected, actual } = await bothWays(
      (model) => streamSummary(model, 'anyone?', AbortSignal.timeout(50)),
      '~hang=1',
    );
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({ error: { name: 'TimeoutError' } });
  });
});

describe('an unreachable upstream through the upstream client', () => {
  it('gives the same retryable APICallError as the global fetch', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const modelWith = (fetch: FetchFunction) =>
      createOpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'test', fetch }).chat(
        'gpt-4o',
      );

    const expected = await generateSummary(modelWith(globalThis.fetch), 'hello');
    const actual = await generateSummary(modelWith(upstreamFetch), 'hello');
    expect(actual).toEqual(expected);
    expect(actual).toMatchObject({
      error: {
        name: 'AI_APICallError',
        message: `Cannot connect to API: connect ECONNREFUSED 127.0.0.1:${port}`,
        isRetryable: true,
        cause: { code: 'ECONNREFUSED' },
      },
    });
  });
});
