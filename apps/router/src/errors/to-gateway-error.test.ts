import { APICallError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
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

describe('toGatewayError with secrets in a provider message', () => {
  const secrets = [
    `sk-proj-${'Ab3'.repeat(16)}`,
    `sk-ant-api03-${'xY9_'.repeat(24)}`,
    `AIzaSy${'B1c2D3e4F5'.repeat(3)}abcde`,
    `gsk_${'Q7w8E9r0'.repeat(6)}abcd`,
    `sk-${'a1B2c3D4'.repeat(5)}`,
    // Some providers mask the middle, which still shows the ends.
    `sk-proj-********************${'x1Y2'.repeat(2)}`,
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    // A key of no known shape: long, mixed case with digits.
    'Zq8mP2vL9xR4tN7wK3yH6jB1cF5gD0sAeUiOp',
    // Azure OpenAI keys are 32 hex characters.
    '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e',
  ];

  it.each(secrets)(
    'redacts %s from a 400 message before the client or the log sees it',
    (secret) => {
      const error = classify(
        apiCallError(400, { message: `Invalid request: the key ${secret} is not valid here.` }),
      );
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain(secret.slice(-12));
      expect(error.message).toContain('[redacted]');
      expect(error.message).toMatch(
        /^Provider 'openai' rejected the request \(400\): Invalid request:/,
      );
      expect(error.message).toMatch(/is not valid here\.$/);
    },
  );

  it('redacts bearer tokens, keys in query strings and assigned secrets', () => {
    const error = classify(
      apiCallError(400, {
        message:
          'Sent Authorization: Bearer abc.def-ghi_jkl to https://api.example.com/v1?key=plainvalue123&alt=json with api_key="hunter2hunter2"',
      }),
    );
    expect(error.message).not.toMatch(/abc\.def|plainvalue123|hunter2/);
    expect(error.message).toContain('Bearer [redacted]');
    expect(error.message).toContain('?key=[redacted]&alt=json');
  });

  it('redacts before truncating, so no cut-off key slips through', () => {
    const secret = `sk-proj-${'Ab3'.repeat(30)}`;
    const message = `${'x'.repeat(280)} ${secret}`;
    const error = classify(apiCallError(400, { message }));
    expect(error.message).not.toMatch(/sk-proj-Ab3/);
  });

  it('keeps what tells the caller what to fix', () => {
    const message =
      "Invalid value for 'max_tokens': must be at most 8192 for claude-3-5-sonnet-20241022; request req_011CVaYpJzbG.";
    expect(classify(apiCallError(400, { message })).message).toBe(
      `Provider 'openai' rejected the request (400): ${message}`,
    );
  });

  it('redacts a refusal from the provider package too', () => {
    const secret = `sk-${'a1B2c3D4'.repeat(5)}`;
    const error = classify(
      new UnsupportedFunctionalityError({ functionality: `tools with ${secret}` }),
    );
    expect(error.message).not.toContain(secret);
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
