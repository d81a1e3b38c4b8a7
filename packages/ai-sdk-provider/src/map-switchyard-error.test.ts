import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { SwitchyardAuthenticationError } from './errors/switchyard-authentication-error.ts';
import { SwitchyardError } from './errors/switchyard-error.ts';
import { SwitchyardInvalidRequestError } from './errors/switchyard-invalid-request-error.ts';
import { SwitchyardModelNotFoundError } from './errors/switchyard-model-not-found-error.ts';
import { SwitchyardNotFoundError } from './errors/switchyard-not-found-error.ts';
import { SwitchyardRateLimitError } from './errors/switchyard-rate-limit-error.ts';
import { SwitchyardUpstreamError } from './errors/switchyard-upstream-error.ts';
import { createGateway } from './switchyard-provider.ts';
import { fakeFetch, jsonReply, resolvedUnexpectedly } from './test-support/fake-fetch.ts';

/** What `doGenerate` throws when the router answers `status` with `body`. */
async function failWith(status: number, body: unknown, headers: Record<string, string> = {}) {
  const reply =
    typeof body === 'string'
      ? new Response(body, { status, headers })
      : jsonReply(body, { status, headers });
  const { fetch } = fakeFetch(reply);
  const model = createGateway({ baseURL: 'https://router.test/v1/ai', apiKey: 'k', fetch });
  return model('openai/gpt-4o')
    .doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] })
    .then(
      () => expect.unreachable('the call should fail'),
      (error: unknown) => error,
    );
}

const envelope = (type: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type, param: null, code: null, ...extra },
});

describe('mapping the error envelope', () => {
  it.each([
    [401, 'authentication_error', SwitchyardAuthenticationError, false],
    [400, 'invalid_request_error', SwitchyardInvalidRequestError, false],
    [429, 'rate_limit_exceeded', SwitchyardRateLimitError, true],
    [404, 'model_not_found', SwitchyardModelNotFoundError, false],
    [404, 'not_found', SwitchyardNotFoundError, false],
    [500, 'internal_server_error', SwitchyardUpstreamError, true],
    [502, 'internal_server_error', SwitchyardUpstreamError, true],
    [403, 'forbidden', SwitchyardError, false],
    [424, 'failed_dependency', SwitchyardError, false],
  ] as const)('maps HTTP %i %s to %O', async (status, type, errorClass, isRetryable) => {
    const error = await failWith(status, envelope(type, `${type} happened`, { code: 'c1' }), {
      'x-switchyard-request-id': 'req_abc',
    });

    expect(errorClass.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(errorClass);
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: `${type} happened`,
      type,
      code: 'c1',
      statusCode: status,
      isRetryable,
      requestId: 'req_abc',
      url: 'https://router.test/v1/ai/language-model',
    });
  });

  it('tells the classes apart with isInstance', async () => {
    const error = await failWith(401, envelope('authentication_error', 'Invalid API key.'));

    expect(SwitchyardAuthenticationError.isInstance(error)).toBe(true);
    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(false);
    expect(SwitchyardUpstreamError.isInstance(error)).toBe(false);
    expect((error as Error).name).toBe('SwitchyardAuthenticationError');
  });

  it('reads the model id of model_not_found from param.modelId', async () => {
    const error = await failWith(
      404,
      envelope('model_not_found', 'No such model.', { param: { modelId: 'nope/model' } }),
    );

    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as SwitchyardModelNotFoundError).modelId).toBe('nope/model');
    expect((error as SwitchyardModelNotFoundError).param).toEqual({ modelId: 'nope/model' });
  });

  it('recognises the OpenAI-style model_not_found code and falls back to the requested model', async () => {
    const error = await failWith(
      404,
      envelope('invalid_request_error', 'The model does not exist.', {
        code: 'model_not_found',
        param: 'model',
      }),
    );

    expect(SwitchyardModelNotFoundError.isInstance(error)).toBe(true);
    expect((error as SwitchyardModelNotFoundError).modelId).toBe('openai/gpt-4o');
  });

  it('classifies a 404 for a route by its status, whatever the type (a wrong baseURL)', async () => {
    // What the router's OpenAI routes answer for a path it does not serve.
    const wrongRoute = await failWith(
      404,
      envelope('invalid_request_error', 'No such route.', { code: 'not_found' }),
    );
    const wrongServer = await failWith(404, envelope('not_found_error', 'Not found.'));

    expect(SwitchyardNotFoundError.isInstance(wrongRoute)).toBe(true);
    expect(SwitchyardInvalidRequestError.isInstance(wrongRoute)).toBe(false);
    expect(wrongRoute).toMatchObject({ statusCode: 404, message: 'No such route.' });
    expect(SwitchyardNotFoundError.isInstance(wrongServer)).toBe(true);
  });

  it('classifies a 401 by its status: the /v1/ai routes send it as an invalid_request_error', async () => {
    const error = await failWith(
      401,
      envelope('invalid_request_error', 'Invalid API key. The gateway key …', {
        code: 'invalid_api_key',
      }),
    );

    expect(SwitchyardAuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, code: 'invalid_api_key', isRetryable: false });
  });

  it('reads Retry-After seconds into retryAfter', async () => {
    const error = await failWith(429, envelope('rate_limit_exceeded', 'Slow down.'), {
      'retry-after': '7',
    });

    expect((error as SwitchyardRateLimitError).retryAfter).toBe(7);
    expect((error as SwitchyardRateLimitError).responseHeaders?.['retry-after']).toBe('7');
  });

  it('maps OpenAI-style type names by meaning', async () => {
    const rateLimited = await failWith(429, envelope('rate_limit_error', 'Slow down.'));
    const upstream = await failWith(502, envelope('upstream_error', 'Upstream 500.'));

    expect(SwitchyardRateLimitError.isInstance(rateLimited)).toBe(true);
    expect(SwitchyardUpstreamError.isInstance(upstream)).toBe(true);
  });

  it('classifies a reply without an envelope by its status', async () => {
    const upstream = await failWith(503, '<html>Service Unavailable</html>');
    const unauthorized = await failWith(401, '');
    const badRequest = await failWith(400, 'nope');

    expect(SwitchyardUpstreamError.isInstance(upstream)).toBe(true);
    expect(upstream).toMatchObject({ statusCode: 503, isRetryable: true });
    expect((upstream as Error).message).toMatch(/HTTP 503/);
    expect(SwitchyardAuthenticationError.isInstance(unauthorized)).toBe(true);
    expect(SwitchyardInvalidRequestError.isInstance(badRequest)).toBe(true);
  });

  it('treats an unreachable router as a retryable connection error', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    };
    const model = createGateway({ baseURL: 'http://127.0.0.1:9/v1/ai', apiKey: 'k', fetch });
    const error = await model('chat')
      .doGenerate({ prompt: [] })
      .then(resolvedUnexpectedly, (caught: unknown) => caught);

    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      type: 'connection_error',
      isRetryable: true,
      statusCode: undefined,
    });
  });
});
