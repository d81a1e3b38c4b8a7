import type { GuardedStore } from '../store/store-result.ts';
import { newRequestId } from './request-ids.ts';
import type { RequestRecord } from './request-record.ts';
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
