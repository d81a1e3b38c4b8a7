import { describe, expect, it } from 'vitest';
import { type RouteFacts, startFacts } from '../facts/route-facts.ts';
import type { KeyRecord } from '../governance/scope-record.ts';
import { buildRequestRecord, recordKey } from './build-request-record.ts';
import type { RequestObservation } from './request-observation.ts';

const usage = {
  inputTokens: { total: 12, noCache: 8, cacheRead: 4, cacheWrite: 0 },
  outputTokens: { total: 30, text: 20, reasoning: 10 },
};
const cost = {
  total: 0.00042,
  input: 0.0001,
  cacheRead: 0,
  cacheWrite: 0,
  output: 0.00032,
  currency: 'USD' as const,
};

function served(): RouteFacts {
  return {
    ...startFacts('chat'),
    alias: 'chat',
    reason: 'ordered',
    targets: ['mock/down', 'mock/echo'],
    attempts: [
      {
        target: 'mock/down',
        outcome: 'error',
        status: 503,
        code: 'upstream_503',
        durationMs: 2,
        startMs: 1_000,
      },
      { target: 'mock/echo', outcome: 'ok', durationMs: 40, startMs: 1_003 },
    ],
    segments: [{ target: 'mock/echo', outcome: 'ok', usage, cost, endMs: 1_100 }],
    served: { providerId: 'mock', modelId: 'echo' },
    usage,
    cost,
    cache: { status: 'MISS' },
    finishReason: 'stop',
  };
}

const storedKey: KeyRecord = {
  hash: 'b'.repeat(64),
  scopeId: 'a'.repeat(64),
  label: 'sk-sy-v1-…r5W0',
  role: 'inference',
  teamId: 'research',
  onInsufficient: 'reject',
  name: 'notebook',
  limits: {},
  disabled: false,
  metadata: {},
  createdAt: 0,
  updatedAt: 0,
  version: '1',
};

function observation(change: Partial<RequestObservation> = {}): RequestObservation {
  return {
    requestId: 'req_0193b2a4c5d6aaaaaaaaaaaaaaaaaaaa',
    startedAt: Date.UTC(2026, 11, 6, 12),
    method: 'POST',
    path: '/v1/chat/completions',
    httpStatus: 200,
    principal: { kind: 'key', key: storedKey },
    facts: served(),
    stream: true,
    cancelled: false,
    durationMs: 250.04,
    firstTokenMs: 45.12,
    ...change,
  };
}

describe('buildRequestRecord', () => {
  it('keeps who asked, what served it, the route, tokens, cost and timings, never the key itself', () => {
    const record = buildRequestRecord(observation());
    expect(record).toMatchObject({
      id: 'req_0193b2a4c5d6aaaaaaaaaaaaaaaaaaaa',
      time: '2026-12-06T12:00:00.000Z',
      endpoint: '/v1/chat/completions',
      key: {
        id: 'a'.repeat(16),
        label: 'sk-sy-v1-…r5W0',
        hash: 'b'.repeat(64),
        scope: 'a'.repeat(64),
      },
      team: 'research',
      requested_model: 'chat',
      model: 'mock/echo',
      provider: 'mock',
      status: 'success',
      http_status: 200,
      stream: true,
      cache: 'MISS',
      tokens: { input: 12, output: 30, cached: 4, reasoning: 10 },
      cost: 0.00042,
      saved_cost: null,
      latency_ms: 250,
      first_token_ms: 45.1,
      generation_ms: 204.9,
      finish_reason: 'stop',
    });
    expect(record?.route).toMatchObject({
      alias: 'chat',
      reason: 'ordered',
      targets: ['mock/down', 'mock/echo'],
      attempts: [
        {
          target: 'mock/down',
          outcome: 'error',
          status: 503,
          code: 'upstream_503',
          duration_ms: 2,
          start_ms: 1_000,
        },
        {
          target: 'mock/echo',
          outcome: 'ok',
          status: null,
          code: null,
          duration_ms: 40,
          start_ms: 1_003,
        },
      ],
      segments: [
        { target: 'mock/echo', outcome: 'ok', input_tokens: 12, output_tokens: 30, end_ms: 1_100 },
      ],
    });
    expect(record?.route.summary).toContain('attempts=mock/down:503:2ms,mock/echo:ok:40ms');
    expect(record?.guardrails).toBeUndefined();
  });

  it('gives a non-stream answer the serving attempt as its generation time and no first token', () => {
    const record = buildRequestRecord(observation({ stream: false, firstTokenMs: undefined }));
    expect(record).toMatchObject({ first_token_ms: null, generation_ms: 40 });
  });

  it('keeps the guardrail actions the guardrails stage noted', () => {
    const action = {
      rule: 'secrets',
      direction: 'input' as const,
      action: 'redact' as const,
      mode: 'enforce' as const,
      count: 2,
      detectors: ['secrets.openai'],
      hashes: ['0123456789abcdef'],
    };
    const facts = { ...served(), guardrails: [action] };
    expect(buildRequestRecord(observation({ facts }))?.guardrails).toEqual([action]);
  });

  it('records nothing for a request that never reached routing', () => {
    expect(buildRequestRecord(observation({ facts: undefined }))).toBeUndefined();
  });
});

describe('recordKey', () => {
  it('names the admin key and config keys without a hash', () => {
    expect(recordKey({ kind: 'root' })).toEqual({
      id: 'admin',
      label: 'admin',
      hash: null,
      scope: null,
    });
    expect(recordKey({ kind: 'static', tenant: 'ci' })).toMatchObject({
      id: 'tenant:ci',
      hash: null,
    });
  });
});
