import fc from 'fast-check';
import type { GuardedStore } from '../store/store-result.ts';
import { newRequestId } from './request-ids.ts';
import type { RequestRecord } from './request-record.ts';
import { minuteMs } from './store-keys.ts';
import { writeRecord } from './write-record.ts';

/**
 * A stored record as the router writes it, at `time`, with what a test changes.
 * @example sampleRecord(Date.now(), { status: 'error', http_status: 503 })
 */
export function sampleRecord(time: number, change: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: newRequestId(time),
    time: new Date(time).toISOString(),
    endpoint: '/v1/chat/completions',
    key: { id: 'admin', label: 'admin', hash: null, scope: null },
    team: null,
    requested_model: 'chat',
    model: 'mock/echo',
    provider: 'mock',
    route: {
      alias: 'chat',
      rule: null,
      reason: 'ordered',
      targets: ['mock/down', 'mock/echo'],
      skipped: [],
      attempts: [
        {
          target: 'mock/down',
          outcome: 'error',
          status: 503,
          code: 'upstream_503',
          duration_ms: 2,
          start_ms: time,
        },
        {
          target: 'mock/echo',
          outcome: 'ok',
          status: null,
          code: null,
          duration_ms: 30,
          start_ms: time + 3,
        },
      ],
      segments: [
        {
          target: 'mock/echo',
          outcome: 'ok',
          input_tokens: 10,
          output_tokens: 20,
          cost: 0.00005,
          estimated: false,
          end_ms: time + 40,
        },
      ],
      summary: 'model=chat; order=ordered; targets=mock/down,mock/echo',
    },
    status: 'success',
    http_status: 200,
    error_type: null,
    error_code: null,
    interrupted: false,
    continued: false,
    stream: false,
    cache: 'BYPASS',
    tokens: { input: 10, output: 20, cached: 0, reasoning: 0 },
    cost: 0.00005,
    saved_cost: null,
    latency_ms: 45,
    first_token_ms: null,
    generation_ms: 30,
    finish_reason: 'stop',
    ...change,
  };
}

/** The metrics series the router would write the sample record under. */
export const sampleSeries = 'chat\tmock\tmock\tchat\tmock/echo\t';

/**
 * Writes `record` as the router does, failing the test if the store cannot.
 * @example await storeRecord(store, sampleRecord(now), { now });
 */
export async function storeRecord(
  store: GuardedStore,
  record: RequestRecord,
  options: { now: number; maxRecords?: number; retentionMs?: number },
): Promise<'written' | 'duplicate'> {
  const result = await writeRecord(store, record, {
    now: options.now,
    retentionMs: options.retentionMs ?? 30 * 86_400_000,
    maxRecords: options.maxRecords ?? 1_000,
    series: sampleSeries,
    keySeries: `${record.key.label}\t${record.team ?? ''}`,
  });
  if (result.status === 'unavailable') throw result.error;
  return result.value;
}

const targets = ['mock/echo', 'mock/down', 'openai/gpt-4o-mini', 'other/x'] as const;

/**
 * Records as the router could write them, a few minutes before `time`, with every kind of
 * outcome, key, team, cache state, cost, timing, failover and guardrail count (for property
 * tests).
 * @example fc.assert(fc.property(arbitraryRecord(Date.now()), (record) => ...))
 */
export function arbitraryRecord(time: number): fc.Arbitrary<RequestRecord> {
  const amount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 }));
  const optionalCost = fc.option(fc.double({ min: 0, max: 3, noNaN: true }));
  const key = fc.oneof(
    fc.constant({ id: 'admin', label: 'admin', hash: null, scope: null }),
    fc.constant({ id: 'tenant:acme', label: 'tenant:acme', hash: null, scope: null }),
    fc.tuple(fc.constantFrom('a', 'b'), fc.boolean()).map(([letter, rotated]) => {
      const scope = letter.repeat(64);
      // A key that was never rotated hashes to its scope: its presence fields name it once.
      const hash = rotated ? 'c'.repeat(64) : scope;
      return { id: scope.slice(0, 16), label: `sk-sy-v1-…${letter}`, hash, scope };
    }),
  );
  const attempt = fc.record({
    target: fc.constantFrom(...targets),
    outcome: fc.constantFrom('ok', 'error', 'interrupted', 'cancelled'),
    status: fc.constantFrom(null, 503),
    code: fc.constantFrom(null, 'upstream_503'),
    duration_ms: fc.double({ min: 0, max: 100_000, noNaN: true }),
    start_ms: fc.constant(null),
  } as const);
  return fc
    .record({
      offset: fc.integer({ min: 0, max: 10 * minuteMs }),
      key,
      team: fc.constantFrom(null, 'research', 'ops'),
      requested: fc.constantFrom('chat', 'mock/echo', 'unknown/model'),
      served: fc.option(fc.constantFrom(...targets)),
      attempts: fc.array(attempt, { maxLength: 4 }),
      status: fc.constantFrom('success', 'error', 'cancelled'),
      http: fc.constantFrom(200, 400, 503),
      stream: fc.boolean(),
      interrupted: fc.boolean(),
      cache: fc.constantFrom('HIT', 'MISS', 'BYPASS'),
      tokens: fc.record({ input: amount, output: amount, cached: amount, reasoning: amount }),
      cost: optionalCost,
      saved: optionalCost,
      latency: fc.double({ min: 0, max: 200_000, noNaN: true }),
      first: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true })),
      guardrails: fc.nat({ max: 3 }),
    } as const)
    .map((drawn) => {
      const start = time - drawn.offset;
      const model = drawn.served;
      return sampleRecord(start, {
        key: drawn.key,
        team: drawn.team,
        requested_model: drawn.requested,
        model,
        provider: model === null ? null : model.slice(0, model.indexOf('/')),
        route: { ...sampleRecord(start).route, attempts: drawn.attempts },
        status: drawn.status,
        http_status: drawn.http,
        error_type: drawn.status === 'error' ? 'api_error' : null,
        stream: drawn.stream,
        interrupted: drawn.interrupted,
        cache: drawn.cache,
        tokens: drawn.tokens,
        cost: drawn.cost,
        saved_cost: drawn.saved,
        latency_ms: Math.round(drawn.latency * 10) / 10,
        first_token_ms: drawn.first === null ? null : Math.round(drawn.first * 10) / 10,
        ...(drawn.guardrails > 0 && {
          guardrails: Array.from({ length: drawn.guardrails }, (_, index) => ({
            rule: `rule-${index}`,
            direction: 'input' as const,
            action: 'warn' as const,
            mode: 'shadow' as const,
            count: 1,
            detectors: ['pii.email'],
            hashes: [],
          })),
        }),
      });
    });
}
