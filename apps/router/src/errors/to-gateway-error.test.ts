import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from './gateway-error.ts';
import { InvalidRequestError } from './invalid-request-error.ts';
import { parseRetryAfter, toGatewayError } from './to-gateway-error.ts';
import { UpstreamError } from './upstream-error.ts';

const apiCallError = (
  statusCode: number | undefined,
  extra: { message?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new APICallError({
    message: extra.message ?? 'Upstream said no.',
    url: 'https://api.example.com/v1/chat/completions',
    requestBodyValues: { model: 'gpt-4o' },
    statusCode,
    responseHeaders: extra.headers,
    responseBody: extra.body,
  });

const classify = (error: unknown) => toGatewayError(error, 'openai');

afterEach(() => {
  vi.useRealTimers();
});

describe('toGatewayError', () => {
  it('turns an upstream 503 into a retryable 502 with code upstream_503', () => {
    const error = classify(apiCallError(503));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      statusCode: 502,
      type: 'upstream_error',
      code: 'upstream_503',
      isRetryable: true,
      provider: 'openai',
      upstreamStatus: 503,
      message: "Provider 'openai' failed with status 503.",
    });
  });

  it('turns an upstream 429 into a retryable rate_limit_error that keeps retry-after', () => {
    const error = classify(apiCallError(429, { headers: { 'retry-after': '7' } }));
    expect(error).toMatchObject({
      statusCode: 429,
      type: 'rate_limit_error',
      code: 'upstream_429',
      isRetryable: true,
      retryAfterMs: 7000,
    });
  });

  it('caps retry-after at 60 seconds', () => {
    expect(classify(apiCallError(429, { headers: { 'retry-after': '3600' } }))).toMatchObject({
      retryAfterMs: 60_000,
    });
  });

  it('reads retry-after given as an HTTP date', () => {
    vi.useFakeTimers({ now: new Date('2025-01-01T00:00:00Z') });
    const headers = { 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' };
    expect(classify(apiCallError(429, { headers }))).toMatchObject({ retryAfterMs: 30_000 });
  });

  it('keeps the provider message of a 400 but never its raw body, and does not retry', () => {
    const error = classify(
      apiCallError(400, {
        message: "Invalid value for 'temperature'.",
        body: '{"error":{"message":"Invalid value","trace":"internal-trace-7f3a"}}',
      }),
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'upstream_400', isRetryable: false });
    expect(error.message).toBe(
      "Provider 'openai' rejected the request (400): Invalid value for 'temperature'.",
    );
    expect(JSON.stringify(error.toJSON())).not.toContain('internal-trace-7f3a');
  });

  it('truncates a long provider message', () => {
    const error = classify(apiCallError(422, { message: 'x'.repeat(1000) }));
    expect(error.message.length).toBeLessThan(400);
    expect(error.message.endsWith('…')).toBe(true);
  });

  it.each([401, 403])(
    'reports an upstream %i as a retryable 502 upstream_authentication_failed',
    (status) => {
      const error = classify(
        apiCallError(status, { message: 'Incorrect API key provided: sk-abc' }),
      );
      expect(error).toMatchObject({
        statusCode: 502,
        type: 'upstream_error',
        code: 'upstream_authentication_failed',
        isRetryable: true,
      });
      expect(error.message).toBe(
        `Provider 'openai' refused the gateway's credentials (${status}).`,
      );
      expect(error.message).not.toContain('sk-abc');
    },
  );

  it('reports an APICallError without status as upstream_unreachable', () => {
    expect(classify(apiCallError(undefined))).toMatchObject({
      statusCode: 502,
      code: 'upstream_unreachable',
      isRetryable: true,
      message: "Could not reach provider 'openai'.",
    });
  });

  it('reports the retryable Error workerd throws on a lost connection as upstream_unreachable', () => {
    const lost = Object.assign(new Error('Network connection lost.'), { retryable: true });
    expect(classify(lost)).toMatchObject({
      statusCode: 502,
      code: 'upstream_unreachable',
      isRetryable: true,
    });
  });

  it("reports Node's TypeError('fetch failed') as upstream_unreachable", () => {
    const error = classify(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }));
    expect(error).toMatchObject({ code: 'upstream_unreachable', isRetryable: true });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports any other error as a retryable upstream_invalid_response', () => {
    for (const thrown of [
      new SyntaxError('Unexpected token < in JSON'),
      'a string',
      { weird: true },
    ]) {
      expect(classify(thrown)).toMatchObject({
        statusCode: 502,
        code: 'upstream_invalid_response',
        isRetryable: true,
        message: "Provider 'openai' sent a response the gateway could not read.",
      });
    }
  });

  it('reports a TypeError from reading a malformed response as upstream_invalid_response', () => {
    const error = classify(
      new TypeError("Cannot read properties of undefined (reading 'choices')"),
    );
    expect(error.code).toBe('upstream_invalid_response');
  });

  it('passes a GatewayError through unchanged', () => {
    const original = new InvalidRequestError({ message: 'bad', param: 'model' });
    expect(classify(original)).toBe(original);
    const upstream = new UpstreamError({
      provider: 'x',
      message: 'm',
      isRetryable: false,
      upstreamStatus: 500,
    });
    expect(classify(upstream)).toBe(upstream);
    expect(GatewayError.isInstance(upstream)).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads seconds, HTTP dates, and caps both at 60 s', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 01:00:00 GMT', now)).toBe(60_000);
  });

  it('ignores missing, past, negative and unreadable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
