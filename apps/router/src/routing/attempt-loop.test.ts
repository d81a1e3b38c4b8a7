import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RoutingConfig } from '../config/routing-schema.ts';
import { UpstreamError } from '../errors/index.ts';
import { readParts, userPrompt } from '../providers/mock/test-support.ts';
import { createProviderRegistry } from '../providers/provider-registry.ts';
import type { FailoverContext, Served } from './call-with-failover.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { generateWithFailover } from './generate-with-failover.ts';
import { streamWithFailover } from './stream-with-failover.ts';
import { parseTarget, type Target } from './target.ts';

// The real registry over the built-in mock provider: every fault is a configured behaviour.
const registry = () =>
  createProviderRegistry(
    parseConfig({
      providers: {
        mock: {
          type: 'mock',
          models: {
            echo: {},
            down: { errorStatus: 503 },
            flaky: { errorStatus: 503, errorRate: 0.5 },
            throttled: { errorStatus: 429 },
            rejecting: { errorStatus: 400 },
            hanging: { hang: true },
            slowStart: { firstTokenMs: 2_000 },
            stalling: { chunkDelayMs: 2_000 },
            small: { contextWindow: 5 },
          },
        },
      },
    }),
    { env: {} },
  );

const targets = (...names: string[]) => names.map((name) => parseTarget(`mock/${name}`) as Target);
const options: LanguageModelV4CallOptions = {
  prompt: userPrompt('a prompt long enough to overflow a five-token context window'),
};

/** One try as the tests read it: the target and its status or code, or `ok`. */
interface Try {
  target: string;
  status?: number;
  code?: string;
  outcome: 'ok' | 'error';
}

function run(policy: Partial<RoutingConfig> = {}) {
  const attempts: Try[] = [];
  const context: FailoverContext = {
    registry: registry(),
    onFailure: (target, error) =>
      attempts.push({
        target: target.id,
        outcome: 'error',
        status: error instanceof UpstreamError ? error.upstreamStatus : error.statusCode,
        code: error.code ?? undefined,
      }),
    policy: { ...defaultRoutingPolicy, backoff: { baseMs: 1, maxMs: 5 }, ...policy },
  };
  /** The try that served, after the failures before it. */
  const answered = <T>(answer: Served<T>) => {
    attempts.push({ target: answer.target.id, outcome: 'ok' });
    return answer;
  };
  return {
    context,
    attempts,
    answered,
    outcomes: () => attempts.map((a) => `${a.target}:${a.status ?? a.code ?? a.outcome}`),
  };
}

describe('the attempt loop', () => {
  it('retries the same target after a 503 before failing over', async () => {
    const { context, outcomes, answered } = run({ attemptsPerTarget: 2 });
    const [flaky] = targets('flaky');
    // errorRate 0.5 fails every second request: spend the first, which succeeds.
    await context.registry.languageModel(flaky as Target).doGenerate(options);
    const served = answered(await generateWithFailover(targets('flaky'), options, context));
    expect(served.target.id).toBe('mock/flaky');
    expect(outcomes()).toEqual(['mock/flaky:503', 'mock/flaky:ok']);
  });

  it('fails over after the tries of a target are used up', async () => {
    const { context, outcomes, answered } = run({ attemptsPerTarget: 2 });
    answered(await generateWithFailover(targets('down', 'echo'), options, context));
    expect(outcomes()).toEqual(['mock/down:503', 'mock/down:503', 'mock/echo:ok']);
  });

  it('waits out a short Retry-After on the same target', async () => {
    const { context, attempts } = run({ attemptsPerTarget: 2, maxRetryAfterMs: 5_000 });
    const started = Date.now();
    await expect(
      generateWithFailover(targets('throttled'), options, context),
    ).rejects.toMatchObject({
      statusCode: 429,
      type: 'rate_limit_error',
    });
    expect(attempts).toHaveLength(2);
    // The mock provider sends Retry-After: 1 (second) with its 429s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('moves on at once when Retry-After is longer than the policy allows', async () => {
    const { context, outcomes, answered } = run({ attemptsPerTarget: 3, maxRetryAfterMs: 100 });
    answered(await generateWithFailover(targets('throttled', 'echo'), options, context));
    expect(outcomes()).toEqual(['mock/throttled:429', 'mock/echo:ok']);
  });

  it('leaves a throttled target at once when another target can serve', async () => {
    const { context, outcomes, answered } = run({ attemptsPerTarget: 3, maxRetryAfterMs: 5_000 });
    answered(await generateWithFailover(targets('throttled', 'echo'), options, context));
    expect(outcomes()).toEqual(['mock/throttled:429', 'mock/echo:ok']);
  });

  it('tries every target at least once even when maxAttempts is smaller', async () => {
    const { context, outcomes, answered } = run({ attemptsPerTarget: 1, maxAttempts: 2 });
    answered(await generateWithFailover(targets('down', 'down', 'echo'), options, context));
    expect(outcomes()).toEqual(['mock/down:503', 'mock/down:503', 'mock/echo:ok']);
  });

  it('does not retry or fail over a request the upstream rejected', async () => {
    const { context, outcomes } = run();
    await expect(
      generateWithFailover(targets('rejecting', 'echo'), options, context),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(outcomes()).toEqual(['mock/rejecting:400']);
  });

  it('moves a context-length rejection to the next target without retrying it', async () => {
    const { context, attempts, answered } = run({ attemptsPerTarget: 3 });
    const served = answered(await generateWithFailover(targets('small', 'echo'), options, context));
    expect(served.target.id).toBe('mock/echo');
    expect(attempts[0]).toMatchObject({ target: 'mock/small', code: 'context_length_exceeded' });
    expect(attempts).toHaveLength(2);
  });

  it('abandons an attempt that does not answer in time and fails over', async () => {
    const { context, attempts, answered } = run({ attemptTimeoutMs: 100 });
    const served = answered(
      await generateWithFailover(targets('hanging', 'echo'), options, context),
    );
    expect(served.target.id).toBe('mock/echo');
    expect(attempts[0]).toMatchObject({
      target: 'mock/hanging',
      status: 504,
      code: 'upstream_timeout',
    });
    expect(attempts).toHaveLength(2);
  });

  it('gives up with a timeout error when no target answers in time', async () => {
    const { context } = run({ attemptTimeoutMs: 50 });
    await expect(generateWithFailover(targets('hanging'), options, context)).rejects.toMatchObject({
      statusCode: 504,
      type: 'timeout_error',
      code: 'upstream_timeout',
    });
  });

  it('stops after maxAttempts tries in all', async () => {
    const { context, attempts } = run({ attemptsPerTarget: 3, maxAttempts: 4 });
    await expect(
      generateWithFailover(targets('down', 'down', 'echo'), options, context),
    ).rejects.toMatchObject({
      code: 'upstream_503',
    });
    expect(attempts).toHaveLength(4);
  });

  it('fails a stream over when the first token misses its deadline', async () => {
    const { context, attempts, answered } = run({ firstTokenTimeoutMs: 100 });
    const served = answered(
      await streamWithFailover(targets('slowStart', 'echo'), options, context),
    );
    expect(served.target.id).toBe('mock/echo');
    expect(attempts[0]).toMatchObject({ target: 'mock/slowStart', code: 'upstream_timeout' });
    const parts = await readParts(served.value);
    expect(parts.at(-1)?.type).toBe('finish');
  });

  it('ends a started stream that goes silent with an error part, not a finish', async () => {
    const { context, answered } = run({ streamIdleTimeoutMs: 100 });
    const served = answered(await streamWithFailover(targets('stalling'), options, context));
    const parts = await readParts(served.value);
    expect(parts.some((part) => part.type === 'finish')).toBe(false);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'stream_interrupted' } });
  });
});
