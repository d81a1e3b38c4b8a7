import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from './otlp-receiver.ts';

const exportOf = (span: Record<string, unknown>) => ({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeSpans: [{ scope: { name: 'lib' }, spans: [span] }],
    },
  ],
});

const validSpan = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  parentSpanId: '',
  name: 'chat gpt-4o',
  kind: 3,
  startTimeUnixNano: '1796600000000000000',
  endTimeUnixNano: '1796600000500000000',
  attributes: [
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '12' } },
    {
      key: 'gen_ai.response.finish_reasons',
      value: { arrayValue: { values: [{ stringValue: 'stop' }] } },
    },
    { key: 'switchyard.cost_usd', value: { doubleValue: 0.5 } },
    { key: 'switchyard.continued', value: { boolValue: true } },
  ],
  status: { code: 2, message: 'upstream_503' },
};

describe('startOtlpReceiver', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(() => receiver.close());

  const post = (body: unknown, contentType = 'application/json') =>
    fetch(`${receiver.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: 'Bearer t' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('decodes the spans of a JSON export, attributes as plain values', async () => {
    expect((await post(exportOf(validSpan))).status).toBe(200);
    expect(receiver.spans).toEqual([
      {
        traceId: validSpan.traceId,
        spanId: validSpan.spanId,
        name: 'chat gpt-4o',
        kind: 3,
        startTimeUnixNano: 1796600000000000000n,
        endTimeUnixNano: 1796600000500000000n,
        attributes: {
          'gen_ai.usage.input_tokens': 12,
          'gen_ai.response.finish_reasons': ['stop'],
          'switchyard.cost_usd': 0.5,
          'switchyard.continued': true,
        },
        status: { code: 2, message: 'upstream_503' },
        resource: { 'service.name': 'svc' },
        scope: 'lib',
      },
    ]);
    expect(receiver.exports[0]?.headers.authorization).toBe('Bearer t');
  });

  it('refuses a malformed export and protobuf, keeping no spans', async () => {
    const badId = await post(exportOf({ ...validSpan, traceId: 'S/8vNXe' }));
    expect(badId.status).toBe(400);
    expect(receiver.exports[0]?.error).toContain('traceId');
    expect((await post(exportOf({ ...validSpan, startTimeUnixNano: 1.5 }))).status).toBe(400);
    expect((await post('\u0000\u0001', 'application/x-protobuf')).status).toBe(415);
    expect(receiver.spans).toEqual([]);
  });

  it('fails the next exports on request', async () => {
    receiver.failNext(503, 1);
    expect((await post(exportOf(validSpan))).status).toBe(503);
    expect((await post(exportOf(validSpan))).status).toBe(200);
    expect(receiver.spans).toHaveLength(1);
  });
});
