import { type OtlpReceiver, startOtlpReceiver } from '@switchyard/testkit/otlp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOtlpExporter } from './otlp-exporter.ts';
import type { TraceSpan } from './trace-span.ts';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

const span = (name: string): TraceSpan => ({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  name,
  kind: 'client',
  startMs: 1_000,
  endMs: 1_500.25,
  attributes: {
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 3,
    cost: 0.5,
    flag: true,
    reasons: ['stop'],
  },
  status: { code: 'error', message: '503' },
});

function exporter(
  batch: { delayMs: number; maxSpans: number; maxQueue: number },
  errors: unknown[] = [],
) {
  return createOtlpExporter({
    url: `${receiver.url}/v1/traces`,
    headers: { authorization: 'Bearer otlp' },
    resource: { 'service.name': 'switchyard' },
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 5_000,
    batch,
    onError: (error) => errors.push(error),
  });
}

describe('createOtlpExporter', () => {
  it('sends the spans of requests that end together in one export, decoded as sent', async () => {
    const before = receiver.exports.length;
    const exportSpans = exporter({ delayMs: 20, maxSpans: 100, maxQueue: 1_000 });
    await Promise.all([exportSpans([span('a')]), exportSpans([span('b'), span('c')])]);
    expect(receiver.exports.length - before).toBe(1);
    expect(receiver.spans.slice(-3).map((received) => received.name)).toEqual(['a', 'b', 'c']);
    expect(receiver.spans.at(-1)).toMatchObject({
      kind: 3,
      startTimeUnixNano: 1_000_000_000n,
      endTimeUnixNano: 1_500_250_000n,
      attributes: { 'gen_ai.usage.input_tokens': 3, cost: 0.5, flag: true, reasons: ['stop'] },
      status: { code: 2, message: '503' },
    });
  });

  it('splits exports at the batch size and drops what does not fit the queue', async () => {
    const before = receiver.spans.length;
    const exportSpans = exporter({ delayMs: 20, maxSpans: 2, maxQueue: 3 });
    await Promise.all([exportSpans([span('1'), span('2'), span('3')]), exportSpans([span('4')])]);
    expect(receiver.spans.slice(before).map((received) => received.name)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    const dropped = exporter({ delayMs: 20, maxSpans: 10, maxQueue: 2 });
    await Promise.all([dropped([span('5'), span('6')]), dropped([span('7')])]);
    expect(receiver.spans.slice(before + 4).map((received) => received.name)).toEqual(['5', '6']);
  });

  it('reports a collector that refuses, without throwing', async () => {
    const errors: unknown[] = [];
    receiver.failNext(503, 1);
    await exporter({ delayMs: 1, maxSpans: 10, maxQueue: 10 }, errors)([span('x')]);
    expect(String(errors[0])).toContain('503');
  });
});
