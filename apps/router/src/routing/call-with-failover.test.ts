import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import { UpstreamError } from '../errors/index.ts';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import type { AttemptRecord } from './attempt.ts';
import {
  type FailoverContext,
  generateWithFailover,
  streamWithFailover,
} from './call-with-failover.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { parseTarget, type Target } from './target.ts';

type Behaviour = (options: LanguageModelV4CallOptions) => Promise<LanguageModelV4GenerateResult>;

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

const reply =
  (text: string): Behaviour =>
  async () => ({
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
  });

const failWith =
  (statusCode: number | undefined): Behaviour =>
  async () => {
    throw new APICallError({
      message: `status ${statusCode}`,
      url: 'https://x',
      requestBodyValues: {},
      statusCode,
    });
  };

const streamOf = (parts: LanguageModelV4StreamPart[]) =>
  new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

/** A registry whose models run the given behaviours; streams replay `streams[target]`. */
function fakeRegistry(
  generate: Record<string, Behaviour>,
  streams: Record<string, LanguageModelV4StreamPart[]> = {},
) {
  const calls: { target: string; options: LanguageModelV4CallOptions }[] = [];
  const registry: ProviderRegistry = {
    languageModel(target): LanguageModelV4 {
      const behaviour = generate[target.id];
      if (behaviour === undefined)
        throw new Error(`provider '${target.providerId}' is not configured`);
      return {
        specificationVersion: 'v4',
        provider: target.providerId,
        modelId: target.modelId,
        supportedUrls: {},
        doGenerate(options) {
          calls.push({ target: target.id, options });
          return behaviour(options);
        },
        async doStream(options) {
          calls.push({ target: target.id, options });
          return { stream: streamOf(streams[target.id] ?? []) };
        },
      };
    },
    embeddingModel() {
      throw new Error('these tests do not embed');
    },
    imageModel() {
      throw new Error('these tests do not draw');
    },
  };
  return { registry, calls };
}

const targets = (...ids: string[]): Target[] => ids.map((id) => parseTarget(id) as Target);

function contextFor(registry: ProviderRegistry, signal?: AbortSignal) {
  const attempts: AttemptRecord[] = [];
  let clock = 0;
  const context: FailoverContext = {
    registry,
    signal,
    onAttempt: (record) => attempts.push(record),
    now: () => (clock += 10),
    // One try per target: these tests are about moving between targets.
    policy: { ...defaultRoutingPolicy, attemptsPerTarget: 1 },
  };
  return { context, attempts };
}

const options: LanguageModelV4CallOptions = { prompt: userPrompt('hi') };

describe('generateWithFailover', () => {
  it('fails over to the next target when the first returns 503', async () => {
    const { registry, calls } = fakeRegistry({ 'a/one': failWith(503), 'b/two': reply('from b') });
    const { context, attempts } = contextFor(registry);
    const served = await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(served.value.content).toEqual([{ type: 'text', text: 'from b' }]);
    expect(attempts).toEqual([
      { target: 'a/one', outcome: 'error', status: 503, code: 'upstream_503', durationMs: 10 },
      { target: 'b/two', outcome: 'ok', durationMs: 10 },
    ]);
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two']);
  });

  it('records an unreachable target without a status and moves on', async () => {
    const { registry } = fakeRegistry({ 'a/one': failWith(undefined), 'b/two': reply('ok') });
    const { context, attempts } = contextFor(registry);
    await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(attempts[0]).toEqual({
      target: 'a/one',
      outcome: 'error',
      status: undefined,
      code: 'upstream_unreachable',
      durationMs: 10,
    });
  });

  it('stops at once on a non-retryable failure', async () => {
    const { registry, calls } = fakeRegistry({ 'a/one': failWith(400), 'b/two': reply('never') });
    const { context, attempts } = contextFor(registry);
    const error = await generateWithFailover(targets('a/one', 'b/two'), options, context).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ statusCode: 400, code: 'upstream_400', isRetryable: false });
    expect(calls).toHaveLength(1);
    expect(attempts).toHaveLength(1);
  });

  it('throws the last error when every target fails', async () => {
    const { registry } = fakeRegistry({ 'a/one': failWith(503), 'b/two': failWith(429) });
    const { context, attempts } = contextFor(registry);
    await expect(
      generateWithFailover(targets('a/one', 'b/two'), options, context),
    ).rejects.toMatchObject({
      statusCode: 429,
      code: 'upstream_429',
    });
    expect(attempts.map((attempt) => attempt.status)).toEqual([503, 429]);
  });

  it('treats a target the registry cannot build as a retryable failure', async () => {
    const { registry } = fakeRegistry({ 'b/two': reply('ok') });
    const { context, attempts } = contextFor(registry);
    const served = await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(attempts[0]).toMatchObject({ outcome: 'error', code: 'upstream_invalid_response' });
  });

  it('rethrows the abort reason without trying more targets or recording the attempt', async () => {
    const abort = new AbortController();
    const reason = new DOMException('client went away', 'AbortError');
    const { registry, calls } = fakeRegistry({
      'a/one': async () => {
        abort.abort(reason);
        throw reason;
      },
      'b/two': reply('never'),
    });
    const { context, attempts } = contextFor(registry, abort.signal);
    await expect(generateWithFailover(targets('a/one', 'b/two'), options, context)).rejects.toBe(
      reason,
    );
    expect(calls).toHaveLength(1);
    expect(attempts).toEqual([]);
  });

  it('hands the model a signal that aborts when the client does', async () => {
    const abort = new AbortController();
    const { registry, calls } = fakeRegistry({ 'a/one': reply('ok') });
    await generateWithFailover(
      targets('a/one'),
      options,
      contextFor(registry, abort.signal).context,
    );
    const { abortSignal, ...sent } = calls[0]?.options ?? options;
    expect(sent).toEqual(options);
    expect(abortSignal?.aborted).toBe(false);
    abort.abort(new Error('client left'));
    expect(abortSignal?.aborted).toBe(true);
  });

  it('throws when there is no target to try', async () => {
    const onAttempt = vi.fn();
    await expect(
      generateWithFailover([], options, { registry: fakeRegistry({}).registry, onAttempt }),
    ).rejects.toThrow('no target to try');
    expect(onAttempt).not.toHaveBeenCalled();
  });
});

describe('streamWithFailover', () => {
  it('fails over when the first stream ends before any content', async () => {
    const { registry } = fakeRegistry(
      { 'a/one': reply(''), 'b/two': reply('') },
      {
        'a/one': [{ type: 'stream-start', warnings: [] }],
        'b/two': [{ type: 'text-delta', id: 't', delta: 'hello' }],
      },
    );
    const { context, attempts } = contextFor(registry);
    const served = await streamWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(await readParts(served.value)).toEqual([
      { type: 'text-delta', id: 't', delta: 'hello' },
    ]);
    expect(attempts).toEqual([
      {
        target: 'a/one',
        outcome: 'error',
        status: undefined,
        code: 'upstream_empty_stream',
        durationMs: 10,
      },
      { target: 'b/two', outcome: 'ok', durationMs: 10 },
    ]);
  });

  it('fails over when the first stream starts with an upstream 503 error part', async () => {
    const overloaded = new APICallError({
      message: 'overloaded',
      url: 'https://x',
      requestBodyValues: {},
      statusCode: 503,
    });
    const { registry } = fakeRegistry(
      { 'a/one': reply(''), 'b/two': reply('') },
      {
        'a/one': [{ type: 'error', error: overloaded }],
        'b/two': [{ type: 'text-delta', id: 't', delta: 'ok' }],
      },
    );
    const { context, attempts } = contextFor(registry);
    expect((await streamWithFailover(targets('a/one', 'b/two'), options, context)).target.id).toBe(
      'b/two',
    );
    expect(attempts[0]).toMatchObject({ status: 503, code: 'upstream_503' });
  });
});
