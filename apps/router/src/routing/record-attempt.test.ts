import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { Cost } from '../accounting/compute-cost.ts';
import { ProviderKeyRejectedError, UpstreamError } from '../errors/index.ts';
import { startFacts } from '../facts/route-facts.ts';
import { createCircuitBreaker, type ProbeTicket } from '../health/circuit-breaker.ts';
import { createHealthTracker } from '../health/health-tracker.ts';
import { createMemoryStore, guardStore } from '../store/index.ts';
import { type AttemptEvent, createAttemptRecorder } from './record-attempt.ts';
import type { RouteState } from './route-state.ts';
import { parseTarget, type Target } from './target.ts';

const first = parseTarget('a/one') as Target;
const second = parseTarget('b/two') as Target;

const usageOf = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

/** A dollar per input token and two per output token at `a`, ten times that at `b`. */
function price(target: Target, usage: LanguageModelV4Usage): Cost {
  const rate = target.providerId === 'a' ? 1 : 10;
  const input = (usage.inputTokens.total ?? 0) * rate;
  const output = (usage.outputTokens.total ?? 0) * 2 * rate;
  return { total: input + output, input, cacheRead: 0, cacheWrite: 0, output, currency: 'USD' };
}

const unavailable = (status: number) =>
  new UpstreamError({
    provider: 'a',
    message: 'down',
    upstreamStatus: status,
    isRetryable: status >= 500 || status === 429,
  });

function setup(requestKeyProviders: string[] = []) {
  let clock = 1_000_000;
  const store = guardStore(createMemoryStore({ now: () => clock }), { timeBudgetMs: 1_000 });
  const state: RouteState = {
    health: createHealthTracker({ store, now: () => clock }),
    circuits: createCircuitBreaker({ store, minRequests: 2, cooldownMs: 10_000, now: () => clock }),
  };
  const facts = startFacts('chat');
  const writes: Promise<unknown>[] = [];
  const record = createAttemptRecorder({
    state,
    facts,
    background: (write) => writes.push(write),
    requestKeyProviders: new Set(requestKeyProviders),
    price,
    // 400 characters of prompt: 100 estimated input tokens.
    promptChars: () => 400,
  });
  const settled = async () => {
    while (writes.length > 0) await Promise.all(writes.splice(0));
  };
  const requests = async (target: Target) => {
    await settled();
    return (await state.health.stats([target.id])).get(target.id)?.requests;
  };
  return {
    state,
    facts,
    record,
    settled,
    requests,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

const failed = (
  error: UpstreamError | ProviderKeyRejectedError,
  probe?: ProbeTicket,
): AttemptEvent => ({ kind: 'failed', error, durationMs: 12, ...(probe && { probe }) });

describe('createAttemptRecorder', () => {
  it('charges a segment that broke off after a takeover to its own target, estimated', async () => {
    const { record, facts } = setup();
    record(first, { kind: 'opened', durationMs: 30 });
    record(first, { kind: 'segment', outcome: 'error', producedChars: 40, latencyMs: 30 });
    record(second, { kind: 'opened', durationMs: 50 });
    record(second, { kind: 'segment', outcome: 'ok', usage: usageOf(110, 5), latencyMs: 50 });

    const estimate = usageOf(100, 10);
    expect(facts.segments).toEqual([
      {
        target: 'a/one',
        outcome: 'error',
        usage: estimate,
        estimated: true,
        cost: price(first, estimate),
        endMs: expect.any(Number),
      },
      {
        target: 'b/two',
        outcome: 'ok',
        usage: usageOf(110, 5),
        cost: price(second, usageOf(110, 5)),
        endMs: expect.any(Number),
      },
    ]);
    expect(facts.usage).toEqual(usageOf(210, 15));
    expect(facts.cost).toMatchObject({ total: 120 + 1_200, input: 100 + 1_100, output: 20 + 100 });
    expect(facts.served).toEqual({ providerId: 'b', modelId: 'two' });
    expect(facts.attempts.map((attempt) => `${attempt.target}:${attempt.outcome}`)).toEqual([
      'a/one:ok',
      'b/two:ok',
    ]);
  });

  it('takes the cost the caller priced over its own pricing', async () => {
    const { record, facts } = setup();
    const cost: Cost = {
      total: 0.5,
      input: 0.5,
      cacheRead: 0,
      cacheWrite: 0,
      output: 0,
      currency: 'USD',
    };
    record(first, { kind: 'segment', outcome: 'ok', usage: usageOf(3, 0), cost, latencyMs: 1 });
    expect(facts.segments[0]?.cost).toEqual(cost);
    expect(facts.cost).toEqual(cost);
  });

  it("records the serving target's success and the broken segment's failure in health", async () => {
    const { record, state, settled } = setup();
    record(first, { kind: 'segment', outcome: 'error', producedChars: 4, latencyMs: 30 });
    record(second, {
      kind: 'segment',
      outcome: 'ok',
      usage: usageOf(1, 20),
      latencyMs: 50,
      firstTokenMs: 50,
      generationMs: 1_000,
    });
    await settled();
    const stats = await state.health.stats([first.id, second.id]);
    expect(stats.get(first.id)).toMatchObject({ requests: 1, successRate: 0 });
    expect(stats.get(second.id)).toMatchObject({
      requests: 1,
      successRate: 1,
      firstTokenMs: 50,
      tokensPerSecond: 20,
    });
  });

  it('logs a failed attempt with the upstream status and code', () => {
    const { record, facts } = setup(['b']);
    record(first, failed(unavailable(503)));
    record(second, failed(new ProviderKeyRejectedError('b', 401)));
    expect(facts.attempts).toEqual([
      {
        target: 'a/one',
        outcome: 'error',
        status: 503,
        code: 'upstream_503',
        durationMs: 12,
        startMs: expect.any(Number),
      },
      {
        target: 'b/two',
        outcome: 'error',
        status: 401,
        code: 'provider_key_rejected',
        durationMs: 12,
        startMs: expect.any(Number),
      },
    ]);
  });

  it('counts failures against the target until its circuit opens', async () => {
    const { record, state, requests, settled } = setup();
    record(first, failed(unavailable(503)));
    await settled();
    record(first, failed(unavailable(502)));
    expect(await requests(first)).toBe(2);
    expect(await state.circuits.state(first.id)).toBe('open');
  });

  it("never feeds a request key provider's outcomes into shared health or circuits", async () => {
    const { record, state, requests, settled, facts } = setup(['a']);
    for (let index = 0; index < 4; index++) {
      record(first, failed(unavailable(503)));
      await settled();
    }
    record(first, { kind: 'segment', outcome: 'ok', usage: usageOf(1, 1), latencyMs: 5 });
    expect(await requests(first)).toBe(0);
    expect(await state.circuits.state(first.id)).toBe('closed');
    expect(facts.attempts).toHaveLength(4);
    expect(facts.segments).toHaveLength(1);
  });

  it("gives back a probe held by a request key provider's attempt", async () => {
    const context = setup(['a']);
    await context.state.circuits.report(first.id, 'failed');
    await context.state.circuits.report(first.id, 'failed');
    context.advance(10_001);
    const probe = await context.state.circuits.acquireProbe(first.id);
    context.record(first, failed(unavailable(503), probe));
    await context.settled();
    expect(await context.state.circuits.state(first.id)).toBe('half-open');
    expect(await context.state.circuits.acquireProbe(first.id)).toBeDefined();
  });

  it.each([
    ['a 429', unavailable(429)],
    ['a rejected request', unavailable(400)],
    [
      'a prompt over the context window',
      new UpstreamError({
        provider: 'a',
        message: 'too long',
        upstreamStatus: 400,
        code: 'context_length_exceeded',
        isRetryable: false,
      }),
    ],
  ])('does not count %s against the target', async (_case, error) => {
    const { record, state, requests, settled } = setup();
    record(first, failed(error));
    await settled();
    record(first, failed(error));
    expect(await requests(first)).toBe(0);
    expect(await state.circuits.state(first.id)).toBe('closed');
  });

  it('does not count a segment the client cancelled, but prices it', async () => {
    const { record, state, requests, facts } = setup();
    record(first, { kind: 'segment', outcome: 'cancelled', producedChars: 8, latencyMs: 5 });
    record(first, { kind: 'segment', outcome: 'cancelled', producedChars: 8, latencyMs: 5 });
    expect(await requests(first)).toBe(0);
    expect(await state.circuits.state(first.id)).toBe('closed');
    expect(facts.segments[0]).toMatchObject({ outcome: 'cancelled', estimated: true });
  });

  it('closes a half-open circuit when the probe segment succeeds', async () => {
    const context = setup();
    await context.state.circuits.report(first.id, 'failed');
    await context.state.circuits.report(first.id, 'failed');
    context.advance(10_001);
    const probe = await context.state.circuits.acquireProbe(first.id);
    context.record(first, {
      kind: 'segment',
      outcome: 'ok',
      usage: usageOf(1, 1),
      latencyMs: 5,
      probe,
    });
    await context.settled();
    expect(await context.state.circuits.state(first.id)).toBe('closed');
  });
});
