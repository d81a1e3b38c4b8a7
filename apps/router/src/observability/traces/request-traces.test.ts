import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '@switchyard/testkit/otlp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { parseConfig } from '../../config/index.ts';
import { createMemoryStore } from '../../store/memory-store.ts';

const adminKey = 'sk-test-admin';
const config = {
  providers: {
    mock: {
      type: 'mock',
      models: { echo: {}, down: { errorStatus: 503 }, cut: { cutAfterChunks: 2 } },
    },
  },
  models: {
    chat: { targets: ['mock/down', 'mock/echo'] },
    'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
  },
  catalog: { 'mock/echo': { pricing: { input: 1, output: 2 } } },
  server: { requestLog: false },
  routing: { circuitBreaker: { minRequests: 1_000 } },
};

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.spans.length = 0;
});

/** The router with traces to the receiver; `send` waits until the request's export was answered. */
function tracedApp(env: Record<string, string> = {}) {
  const pending: Promise<unknown>[] = [];
  const app = createApp({
    config: parseConfig(config),
    store: createMemoryStore(),
    adminKey,
    hasExecutionContext: true,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '10', ...env },
  });
  const context = {
    waitUntil: (work: Promise<unknown>) => void pending.push(work),
    passThroughOnException() {},
    props: {},
  };
  return async function send(body: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(
      '/v1/chat/completions',
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${adminKey}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
      },
      {},
      context,
    );
    await response.text();
    while (pending.length > 0) await Promise.all(pending.splice(0));
    return response.headers.get('x-switchyard-request-id') as string;
  };
}

const ask = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'a secret prompt' }],
  ...extra,
});

function traceOf(id: string): { request: ReceivedSpan; attempts: ReceivedSpan[] } {
  const request = receiver.spans.find((span) => span.attributes['switchyard.request_id'] === id);
  if (request === undefined) throw new Error(`no span for ${id}`);
  const attempts = receiver.spans
    .filter((span) => span.parentSpanId === request.spanId)
    .sort(
      (a, b) =>
        Number(a.attributes['switchyard.attempt']) - Number(b.attributes['switchyard.attempt']),
    );
  return { request, attempts };
}

describe('request traces', () => {
  it('sends a request span and one chat span per attempt, so a failover shows', async () => {
    const id = await tracedApp()(ask('chat'));
    const { request, attempts } = traceOf(id);
    expect(request).toMatchObject({
      name: 'POST /v1/chat/completions',
      kind: 2,
      resource: { 'service.name': 'switchyard' },
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'chat',
        'gen_ai.response.model': 'mock/echo',
        'gen_ai.provider.name': 'mock',
        'gen_ai.response.finish_reasons': ['stop'],
        'http.response.status_code': 200,
      },
      status: { code: 0 },
    });
    expect(request.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(request.attributes).not.toHaveProperty('gen_ai.input.messages');
    expect(
      attempts.map((span) => [
        span.name,
        span.kind,
        span.status.code,
        span.attributes['error.type'],
      ]),
    ).toEqual([
      ['chat down', 3, 2, '503'],
      ['chat down', 3, 2, '503'],
      ['chat echo', 3, 0, undefined],
    ]);
    expect(attempts.every((span) => span.traceId === request.traceId)).toBe(true);
    expect(attempts[2]?.startTimeUnixNano).toBeGreaterThanOrEqual(
      attempts[1]?.endTimeUnixNano ?? 0n,
    );
  });

  it('shows a stream continued on another target as an interrupted attempt and a continued request', async () => {
    const id = await tracedApp()(ask('cut-then-echo', { stream: true }));
    const { request, attempts } = traceOf(id);
    expect(request.attributes).toMatchObject({
      'switchyard.interrupted': true,
      'switchyard.continued': true,
    });
    expect(attempts.map((span) => span.attributes['switchyard.attempt.outcome'])).toEqual([
      'interrupted',
      'ok',
    ]);
    expect(attempts[0]?.attributes['error.type']).toBe('stream_interrupted');
  });

  it('joins the trace of an incoming traceparent, and keeps errors when the sampler drops the rest', async () => {
    const send = tracedApp({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' });
    const dropped = await send(ask('mock/echo'));
    const failed = await send(ask('mock/down'));
    expect(
      receiver.spans.some((span) => span.attributes['switchyard.request_id'] === dropped),
    ).toBe(false);
    expect(traceOf(failed).request.status).toMatchObject({ code: 2 });

    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const joined = await tracedApp()(ask('mock/echo'), { traceparent: parent });
    expect(traceOf(joined).request).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
  });

  it('puts the prompt in the request span only when the operator opts in', async () => {
    const id = await tracedApp({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' })(
      ask('mock/echo'),
    );
    const messages = JSON.parse(String(traceOf(id).request.attributes['gen_ai.input.messages']));
    expect(messages).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'a secret prompt' }] },
    ]);
  });

  it('sends the OTEL headers and service name', async () => {
    const before = receiver.exports.length;
    await tracedApp({ OTEL_EXPORTER_OTLP_HEADERS: 'x-team=obs%20team', OTEL_SERVICE_NAME: 'edge' })(
      ask('mock/echo'),
    );
    expect(receiver.exports.at(-1)?.headers['x-team']).toBe('obs team');
    expect(receiver.exports.length).toBe(before + 1);
    expect(receiver.spans.at(-1)?.resource['service.name']).toBe('edge');
  });
});
