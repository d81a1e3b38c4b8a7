import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4GenerateResult,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config/index.ts';
import type { RoutingConfig } from '../config/routing-schema.ts';
import type { GatewayError } from '../errors/index.ts';
import type { ProbeTicket } from '../health/circuit-breaker.ts';
import { userPrompt } from '../providers/mock/test-support.ts';
import { providerKeyMissing } from '../providers/provider-credentials.ts';
import type { ProviderRegistry } from '../providers/provider-registry.ts';
import { type AttemptBudget, createAttemptBudget } from './attempt-budget.ts';
import { type Admission, callWithFailover, type FailoverContext } from './call-with-failover.ts';
import { defaultRoutingPolicy } from './default-routing-policy.ts';
import { generateWithFailover } from './generate-with-failover.ts';
import { parseTarget, type Target } from './target.ts';

const targets = (...ids: string[]): Target[] => ids.map((id) => parseTarget(id) as Target);

const apiError = (statusCode: number | undefined) =>
  new APICallError({
    message: `status ${statusCode}`,
    url: 'https://x',
    requestBodyValues: {},
    statusCode,
  });

/** What each target does on each try: answer, or throw. */
type Script = Record<string, (tryNumber: number) => string>;

const unused: ProviderRegistry = {
  languageModel: () => {
    throw new Error('the attempt function calls no model');
  },
  embeddingModel: () => {
    throw new Error('the attempt function calls no model');
  },
  imageModel: () => {
    throw new Error('the attempt function calls no model');
  },
  rerankingModel: () => {
    throw new Error('the attempt function calls no model');
  },
};

/** A loop over scripted targets: records every try and every reported failure. */
function loop(
  script: Script,
  overrides: Partial<FailoverContext> = {},
  policy: Partial<RoutingConfig> = {},
) {
  const tries: string[] = [];
  const failures: { target: string; code: string | null; probe?: ProbeTicket }[] = [];
  const context: FailoverContext = {
    registry: unused,
    policy: { ...defaultRoutingPolicy, backoff: { baseMs: 0, maxMs: 0 }, ...policy },
    onFailure: (target: Target, error: GatewayError, _durationMs: number, probe?: ProbeTicket) =>
      failures.push({ target: target.id, code: error.code, ...(probe && { probe }) }),
    ...overrides,
  };
  const run = (ids: string[]) =>
    callWithFailover(targets(...ids), context, async (target) => {
      const tryNumber = tries.filter((id) => id === target.id).length + 1;
      tries.push(target.id);
      const behaviour = script[target.id];
      if (behaviour === undefined) throw new Error(`no script for ${target.id}`);
      return behaviour(tryNumber);
    });
  return { run, tries, failures, context };
}

const answers = (text: string) => () => text;
const throws = (error: unknown) => () => {
  throw error;
};

describe('callWithFailover', () => {
  it('serves from the next target when the first fails with a 503, after its retries', async () => {
    const { run, tries } = loop({ 'a/one': throws(apiError(503)), 'b/two': answers('from b') });
    const served = await run(['a/one', 'b/two']);
    expect(served).toMatchObject({ target: { id: 'b/two' }, value: 'from b' });
    expect(tries).toEqual(['a/one', 'a/one', 'b/two']);
  });

  it('stops at once on a failure that is not retryable', async () => {
    const { run, tries } = loop({ 'a/one': throws(apiError(400)), 'b/two': answers('never') });
    await expect(run(['a/one', 'b/two'])).rejects.toMatchObject({
      statusCode: 400,
      code: 'upstream_400',
      isRetryable: false,
    });
    expect(tries).toEqual(['a/one']);
  });

  it('moves on without a retry when the provider package refuses the request', async () => {
    const refusal = new UnsupportedFunctionalityError({ functionality: 'file parts' });
    const { run, tries, failures } = loop({ 'a/one': throws(refusal), 'b/two': answers('ok') });
    const served = await run(['a/one', 'b/two']);
    expect(served.target.id).toBe('b/two');
    expect(tries).toEqual(['a/one', 'b/two']);
    expect(failures).toEqual([{ target: 'a/one', code: 'unsupported_by_provider' }]);
  });

  it('answers 400 unsupported_by_provider when no target can take the request', async () => {
    const refusal = new UnsupportedFunctionalityError({ functionality: 'file parts' });
    const { run } = loop({ 'a/one': throws(refusal), 'b/two': throws(refusal) });
    await expect(run(['a/one', 'b/two'])).rejects.toMatchObject({
      statusCode: 400,
      code: 'unsupported_by_provider',
    });
  });

  it('moves on at once from a provider whose key is not configured', async () => {
    const openai = parseConfig({ providers: { a: { type: 'openai' } } }).providers.a;
    if (openai === undefined || openai.type === 'mock')
      throw new Error('expected an HTTP provider');
    const missing = providerKeyMissing(openai, 'a');
    const { run, tries, failures } = loop({ 'a/one': throws(missing), 'b/two': answers('ok') });
    expect((await run(['a/one', 'b/two'])).target.id).toBe('b/two');
    expect(tries).toEqual(['a/one', 'b/two']);
    expect(failures).toEqual([{ target: 'a/one', code: 'provider_key_missing' }]);
  });

  it('does not retry a refused request key and moves on to the next target', async () => {
    const { run, tries, failures } = loop(
      { 'a/one': throws(apiError(401)), 'b/two': answers('with the gateway key') },
      { requestKeyProviders: new Set(['a']) },
    );
    expect((await run(['a/one', 'b/two'])).target.id).toBe('b/two');
    expect(tries).toEqual(['a/one', 'b/two']);
    expect(failures).toEqual([{ target: 'a/one', code: 'provider_key_rejected' }]);
  });

  it("answers the caller's 400 provider_key_rejected when only its own key could serve", async () => {
    const { run } = loop(
      { 'a/one': throws(apiError(403)) },
      { requestKeyProviders: new Set(['a']) },
    );
    await expect(run(['a/one'])).rejects.toMatchObject({
      statusCode: 400,
      code: 'provider_key_rejected',
      param: 'x-switchyard-provider-keys',
    });
  });

  it("retries a refused gateway key, which is the gateway's to fix", async () => {
    const { run, tries } = loop({ 'a/one': throws(apiError(401)), 'b/two': answers('ok') });
    await run(['a/one', 'b/two']);
    expect(tries).toEqual(['a/one', 'a/one', 'b/two']);
  });

  it('leaves a throttled target at once while a later one can serve', async () => {
    const { run, tries } = loop({ 'a/one': throws(apiError(429)), 'b/two': answers('ok') });
    await run(['a/one', 'b/two']);
    expect(tries).toEqual(['a/one', 'b/two']);
  });

  it('shares one budget between calls, so a request never exceeds its attempts in total', async () => {
    const policy = { ...defaultRoutingPolicy, maxAttempts: 3, attemptsPerTarget: 2 };
    const budget: AttemptBudget = createAttemptBudget(policy, 1);
    const { run, tries } = loop(
      { 'a/one': (tryNumber) => (tryNumber % 2 === 1 ? throwing(apiError(503)) : 'ok') },
      { budget },
      policy,
    );
    await run(['a/one']);
    expect(budget.attemptsLeft).toBe(1);
    await expect(run(['a/one'])).rejects.toMatchObject({ code: 'upstream_503' });
    expect(budget.attemptsLeft).toBe(0);
    await expect(run(['a/one'])).rejects.toMatchObject({ code: 'upstream_timeout' });
    expect(tries).toHaveLength(3);
  });

  it('stops when the shared deadline has passed', async () => {
    let clock = 0;
    const policy = { ...defaultRoutingPolicy, totalTimeoutMs: 1_000 };
    const budget = createAttemptBudget(policy, 2, () => clock);
    const { run, tries } = loop(
      { 'a/one': answers('too late') },
      { budget, now: () => clock },
      policy,
    );
    clock = 1_000;
    await expect(run(['a/one'])).rejects.toMatchObject({
      statusCode: 504,
      code: 'upstream_timeout',
    });
    expect(tries).toEqual([]);
  });

  it('skips a target whose probe another request holds', async () => {
    const admit = async (target: Target): Promise<Admission> =>
      target.id === 'a/one' ? { admitted: false } : { admitted: true };
    const { run, tries } = loop({ 'a/one': answers('never'), 'b/two': answers('ok') }, { admit });
    expect((await run(['a/one', 'b/two'])).target.id).toBe('b/two');
    expect(tries).toEqual(['b/two']);
  });

  it('tries the last target as a last resort even without its probe', async () => {
    const admit = async (): Promise<Admission> => ({ admitted: false });
    const { run, tries } = loop({ 'a/one': answers('never'), 'b/two': answers('ok') }, { admit });
    const served = await run(['a/one', 'b/two']);
    expect(served).toMatchObject({ target: { id: 'b/two' }, value: 'ok' });
    expect(served.probe).toBeUndefined();
    expect(tries).toEqual(['b/two']);
  });

  it('hands the probe back with the answer it served', async () => {
    const probe: ProbeTicket = { targetId: 'a/one', token: 't' };
    const admit = async (): Promise<Admission> => ({ admitted: true, probe });
    const { run } = loop({ 'a/one': answers('ok') }, { admit });
    expect((await run(['a/one'])).probe).toBe(probe);
  });

  it('reports the probe with the first failure only, never with a retry', async () => {
    const probe: ProbeTicket = { targetId: 'a/one', token: 't' };
    const admit = async (target: Target): Promise<Admission> =>
      target.id === 'a/one' ? { admitted: true, probe } : { admitted: true };
    const { run, failures } = loop(
      { 'a/one': throws(apiError(503)), 'b/two': answers('ok') },
      { admit },
    );
    const served = await run(['a/one', 'b/two']);
    expect(failures).toEqual([
      { target: 'a/one', code: 'upstream_503', probe },
      { target: 'a/one', code: 'upstream_503' },
    ]);
    expect(served.probe).toBeUndefined();
  });

  it('answers no_target_available when there is no target to try', async () => {
    const { run, tries } = loop({});
    await expect(run([])).rejects.toMatchObject({ statusCode: 503, code: 'no_target_available' });
    expect(tries).toEqual([]);
  });

  it('rethrows the abort reason without trying more targets or reporting the attempt', async () => {
    const abort = new AbortController();
    const reason = new DOMException('client went away', 'AbortError');
    const { run, tries, failures } = loop(
      {
        'a/one': () => {
          abort.abort(reason);
          throw reason;
        },
        'b/two': answers('never'),
      },
      { signal: abort.signal },
    );
    await expect(run(['a/one', 'b/two'])).rejects.toBe(reason);
    expect(tries).toEqual(['a/one']);
    expect(failures).toEqual([]);
  });
});

function throwing(error: unknown): never {
  throw error;
}

type Generate = (options: LanguageModelV4CallOptions) => Promise<LanguageModelV4GenerateResult>;

const reply =
  (text: string): Generate =>
  async () => ({
    content: [{ type: 'text', text }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: {
      inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 1, text: 1, reasoning: undefined },
    },
    warnings: [{ type: 'unsupported', feature: 'topK' }],
  });

const failWith =
  (statusCode: number | undefined): Generate =>
  async () => {
    throw apiError(statusCode);
  };

/** A registry whose language models run the given behaviours and record their calls. */
function fakeRegistry(generate: Record<string, Generate>) {
  const calls: { target: string; options: LanguageModelV4CallOptions }[] = [];
  const registry: ProviderRegistry = {
    ...unused,
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
        doStream() {
          throw new Error('these tests do not stream');
        },
      };
    },
  };
  return { registry, calls };
}

function generateContext(registry: ProviderRegistry, signal?: AbortSignal) {
  const failures: { target: string; code: string | null; durationMs: number }[] = [];
  let clock = 0;
  const context: FailoverContext = {
    registry,
    signal,
    onFailure: (target, error, durationMs) =>
      failures.push({ target: target.id, code: error.code, durationMs }),
    now: () => (clock += 10),
    // One try per target: these tests are about moving between targets.
    policy: { ...defaultRoutingPolicy, attemptsPerTarget: 1 },
  };
  return { context, failures };
}

const options: LanguageModelV4CallOptions = { prompt: userPrompt('hi') };

describe('generateWithFailover', () => {
  it('fails over to the next target when the first returns 503', async () => {
    const { registry, calls } = fakeRegistry({ 'a/one': failWith(503), 'b/two': reply('from b') });
    const { context, failures } = generateContext(registry);
    const served = await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served).toMatchObject({ target: { id: 'b/two' }, durationMs: 10 });
    expect(served.value.content).toEqual([{ type: 'text', text: 'from b' }]);
    expect(failures).toEqual([{ target: 'a/one', code: 'upstream_503', durationMs: 10 }]);
    expect(calls.map((call) => call.target)).toEqual(['a/one', 'b/two']);
  });

  it('reports an unreachable target as upstream_unreachable and moves on', async () => {
    const { registry } = fakeRegistry({ 'a/one': failWith(undefined), 'b/two': reply('ok') });
    const { context, failures } = generateContext(registry);
    await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(failures[0]).toMatchObject({ target: 'a/one', code: 'upstream_unreachable' });
  });

  it('treats a target the registry cannot build as a retryable failure', async () => {
    const { registry } = fakeRegistry({ 'b/two': reply('ok') });
    const { context, failures } = generateContext(registry);
    const served = await generateWithFailover(targets('a/one', 'b/two'), options, context);
    expect(served.target.id).toBe('b/two');
    expect(failures[0]).toMatchObject({ code: 'upstream_invalid_response' });
  });

  it('hands the model a signal that aborts when the client does', async () => {
    const abort = new AbortController();
    const { registry, calls } = fakeRegistry({ 'a/one': reply('ok') });
    await generateWithFailover(
      targets('a/one'),
      options,
      generateContext(registry, abort.signal).context,
    );
    const { abortSignal, ...sent } = calls[0]?.options ?? options;
    expect(sent).toEqual(options);
    expect(abortSignal?.aborted).toBe(false);
    abort.abort(new Error('client left'));
    expect(abortSignal?.aborted).toBe(true);
  });

  it("reports the serving target's warnings", async () => {
    const { registry } = fakeRegistry({ 'a/one': reply('ok') });
    const { context } = generateContext(registry);
    const seen: unknown[] = [];
    await generateWithFailover(targets('a/one'), options, {
      ...context,
      onWarnings: (warnings) => seen.push(warnings),
    });
    expect(seen).toEqual([[{ type: 'unsupported', feature: 'topK' }]]);
  });

  it('moves on from a target that ignores a required parameter', async () => {
    const { registry } = fakeRegistry({ 'a/one': reply('no topK'), 'b/two': reply('no topK') });
    const { context, failures } = generateContext(registry);
    await expect(
      generateWithFailover(
        targets('a/one', 'b/two'),
        { ...options, topK: 3 },
        {
          ...context,
          requireParameters: true,
        },
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'unsupported_parameter' });
    expect(failures.map((failure) => failure.target)).toEqual(['a/one', 'b/two']);
  });
});

describe('an attempt that succeeded', () => {
  it('leaves no deadline timer behind, and its signal still follows the client', async () => {
    vi.useFakeTimers();
    try {
      const client = new AbortController();
      let attemptSignal: AbortSignal | undefined;
      const served = await callWithFailover(
        targets('openai/gpt-4o'),
        { registry: unused, policy: defaultRoutingPolicy, signal: client.signal },
        async (_target, attempt) => {
          attemptSignal = attempt.signal;
          return 'answer';
        },
      );
      expect(served.value).toBe('answer');
      // A timer per answered request would live for the whole attempt timeout.
      expect(vi.getTimerCount()).toBe(0);
      client.abort(new Error('client left'));
      expect(attemptSignal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
