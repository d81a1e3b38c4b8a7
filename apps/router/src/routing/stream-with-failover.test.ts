import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { RoutingConfig } from '../config/routing-schema.ts';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { SegmentEnd, StreamSegment } from './continue-stream.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { type StreamFailoverContext, streamWithFailover } from './stream-with-failover.ts';
import { parseTarget, type Target } from './target.ts';

const targets = (...ids: string[]): Target[] => ids.map((id) => parseTarget(id) as Target);

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};
const finish: LanguageModelV4StreamPart = {
  type: 'finish',
  usage,
  finishReason: { unified: 'stop', raw: 'stop' },
};
const reset: LanguageModelV4StreamPart = { type: 'error', error: new Error('connection reset') };
const overloaded = new APICallError({
  message: 'overloaded',
  url: 'https://x',
  requestBodyValues: {},
  statusCode: 503,
});

const says = (
  text: string,
  end: LanguageModelV4StreamPart = finish,
): LanguageModelV4StreamPart[] => [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: text },
  end,
];
/** Sends `text`, then breaks off. */
const breaksAfter = (text: string) => says(text, reset);

const streamOf = (parts: LanguageModelV4StreamPart[]) =>
  new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

/** Each target streams its scripts in turn, one per call (the last one repeats). */
function fakeRegistry(scripts: Record<string, LanguageModelV4StreamPart[][]>) {
  const calls: { target: string; options: LanguageModelV4CallOptions }[] = [];
  const registry: ProviderRegistry = {
    languageModel(target): LanguageModelV4 {
      return {
        specificationVersion: 'v4',
        provider: target.providerId,
        modelId: target.modelId,
        supportedUrls: {},
        doGenerate() {
          throw new Error('these tests only stream');
        },
        async doStream(options) {
          const sent = calls.filter((call) => call.target === target.id).length;
          calls.push({ target: target.id, options });
          const script = scripts[target.id] ?? [];
          return { stream: streamOf(script[Math.min(sent, script.length - 1)] ?? []) };
        },
      };
    },
    embeddingModel() {
      throw new Error('these tests only stream');
    },
    imageModel() {
      throw new Error('these tests only stream');
    },
    rerankingModel() {
      throw new Error('these tests only stream');
    },
  };
  return { registry, calls };
}

function contextFor(
  registry: ProviderRegistry,
  policy: Partial<RoutingConfig> = {},
  prefillTargets: string[] = ['a/one', 'b/two', 'c/three'],
) {
  const failures: string[] = [];
  const segments: string[] = [];
  const takeovers: string[] = [];
  const context: StreamFailoverContext = {
    registry,
    policy: { ...defaultRoutingPolicy, attemptsPerTarget: 1, ...policy },
    onFailure: (target, error) => failures.push(`${target.id}:${error.code}`),
    continuesPrefill: (target) => prefillTargets.includes(target.id),
    onSegmentEnd: (segment: StreamSegment, end: SegmentEnd) =>
      segments.push(`${segment.target.id}:${end.outcome}`),
    onTakeover: (segment) => takeovers.push(segment.target.id),
  };
  return { context, failures, segments, takeovers };
}

const options: LanguageModelV4CallOptions = { prompt: userPrompt('hi') };

const textOf = (parts: LanguageModelV4StreamPart[]) =>
  parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');

describe('streamWithFailover', () => {
  it('fails over when the first stream ends before any content', async () => {
    const { registry } = fakeRegistry({
      'a/one': [[{ type: 'stream-start', warnings: [] }]],
      'b/two': [says('hello')],
    });
    const { context, failures } = contextFor(registry);
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(textOf(await readParts(served.value))).toBe('hello');
    expect(failures).toEqual(['a/one:upstream_empty_stream']);
  });

  it('fails over when the first stream starts with an upstream 503 error part', async () => {
    const { registry } = fakeRegistry({
      'a/one': [[{ type: 'error', error: overloaded }]],
      'b/two': [says('ok')],
    });
    const { context, failures } = contextFor(registry);
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(failures).toEqual(['a/one:upstream_503']);
  });

  it('continues a broken stream on the next target that honours a prefill', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('Hello')],
      'b/two': [says('never')],
      'c/three': [says(' world')],
    });
    const { context, segments, takeovers } = contextFor(registry, {}, ['a/one', 'c/three']);
    const served = await streamWithFailover(targets('a/one', 'b/two', 'c/three'), options, context);
    const parts = await readParts(served.value);
    expect(textOf(parts)).toBe('Hello world');
    expect(parts.at(-1)).toEqual(finish);
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'c/three']);
    expect(calls[1]?.options.prompt.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello' }],
    });
    expect(takeovers).toEqual(['c/three']);
    expect(segments).toEqual(['a/one:error', 'c/three:ok']);
  });

  it('never reopens a target that already broke off, only those after it', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('one '), says('never again')],
      'b/two': [breaksAfter('two ')],
    });
    const { context, segments } = contextFor(registry);
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    const parts = await readParts(served.value);
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two']);
    expect(textOf(parts)).toBe('one two ');
    expect(parts.at(-1)).toBe(reset);
    expect(segments).toEqual(['a/one:error', 'b/two:error']);
  });

  it('stops continuing once the continuation cap is reached', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('one ')],
      'b/two': [breaksAfter('two ')],
      'c/three': [says('three')],
    });
    const { context } = contextFor(registry, { maxContinuations: 1 });
    const served = await streamWithFailover(targets('a/one', 'b/two', 'c/three'), options, context);
    const parts = await readParts(served.value);
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two']);
    expect(parts.at(-1)).toBe(reset);
  });

  it('does not continue when continueStreams is off', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('one ')],
      'b/two': [says('two')],
    });
    const { context } = contextFor(registry, { continueStreams: false });
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    expect((await readParts(served.value)).at(-1)).toBe(reset);
    expect(calls).toHaveLength(1);
  });

  it('spends the attempts left in the shared budget on a continuation, no more', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('one ')],
      'b/two': [[{ type: 'error', error: overloaded }]],
    });
    const { context, failures } = contextFor(registry, { maxAttempts: 2, attemptsPerTarget: 3 });
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    const parts = await readParts(served.value);
    // One try of `a`, then the one attempt left: `b` is not retried three times.
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two']);
    expect(failures).toEqual(['b/two:upstream_503']);
    expect(parts.at(-1)).toBe(reset);
  });

  it('retries the continuation on a later target when the first one cannot open', async () => {
    const { registry, calls } = fakeRegistry({
      'a/one': [breaksAfter('Hello')],
      'b/two': [[{ type: 'error', error: overloaded }]],
      'c/three': [says(' again')],
    });
    const { context, segments } = contextFor(registry);
    const served = await streamWithFailover(targets('a/one', 'b/two', 'c/three'), options, context);
    expect(textOf(await readParts(served.value))).toBe('Hello again');
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two', 'c/three']);
    expect(segments).toEqual(['a/one:error', 'c/three:ok']);
  });
});
