import { describe, expect, it } from 'vitest';
import { field, observabilityTestApp } from '../observability/observability-test-app.ts';
import type { AliasScoresView, TargetHealthView } from './target-health.ts';

const config = {
  providers: {
    mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
  },
  models: { chat: { targets: ['mock/down', 'mock/echo'], strategy: 'health' } },
  server: { requestLog: false },
  routing: {
    attemptsPerTarget: 1,
    backoff: { baseMs: 0, maxMs: 0 },
    circuitBreaker: { minRequests: 3, failureRatio: 0.5, cooldownMs: 600_000 },
    health: { exploration: 0 },
  },
};

async function report(key?: string) {
  const app = observabilityTestApp(config);
  // Straight to the failing target until its circuit opens, then a few through the alias.
  for (let index = 0; index < 3; index += 1) {
    await app.call('POST', '/v1/chat/completions', {
      body: { model: 'mock/down', messages: [{ role: 'user', content: 'hi' }] },
    });
  }
  for (let index = 0; index < 2; index += 1) {
    await app.call('POST', '/v1/chat/completions', {
      body: { model: 'chat', messages: [{ role: 'user', content: 'hi' }] },
    });
  }
  await app.settled();
  const answer = await app.call('GET', '/api/v1/targets/health', { key });
  return { app, answer };
}

describe('GET /api/v1/targets/health', () => {
  it("answers each target's window and circuit, and each alias's scores", async () => {
    const { answer } = await report();
    expect(answer.status, answer.text).toBe(200);
    const targets = field<TargetHealthView[]>(answer.json, 'data.targets');
    expect(targets.map((target) => target.target)).toEqual(['mock/down', 'mock/echo']);
    expect(targets[0]).toMatchObject({
      provider: 'mock',
      model: 'down',
      circuit: 'open',
      success_rate: 0,
    });
    expect(targets[0]?.requests).toBeGreaterThanOrEqual(3);
    expect(targets[1]).toMatchObject({ circuit: 'closed', success_rate: 1, requests: 2 });
    expect(targets[1]?.latency_ms).toEqual(expect.any(Number));
    const [alias] = field<AliasScoresView[]>(answer.json, 'data.aliases');
    expect(alias).toMatchObject({ alias: 'chat', strategy: 'health' });
    const score = (id: string) => alias?.scores.find((entry) => entry.target === id)?.score ?? -1;
    expect(score('mock/echo')).toBeGreaterThan(score('mock/down'));
    expect(field(answer.json, 'data.circuit_breaker')).toMatchObject({ minRequests: 3 });
  });

  it('answers management keys only', async () => {
    const { app } = await report();
    const created = await app.call('POST', '/api/v1/keys', { body: { name: 'apps' } });
    const inference = field<string>(created.json, 'key');
    expect((await app.call('GET', '/api/v1/targets/health', { key: inference })).status).toBe(403);
    expect((await app.call('GET', '/api/v1/targets/health', { key: 'sk-nope' })).status).toBe(401);
    expect((await app.call('POST', '/api/v1/targets/health')).status).toBe(405);
  });
});
