import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RouterEnv } from '../../context.ts';
import {
  AuthenticationError,
  InvalidRequestError,
  ModelNotFoundError,
  StreamInterruptedError,
  UpstreamError,
} from '../../errors/index.ts';
import { aiGatewayErrorHandler, toAIGatewayErrorEnvelope } from './ai-gateway-error.ts';

const upstream = (upstreamStatus: number) =>
  new UpstreamError({ provider: 'openai', message: 'm', upstreamStatus, isRetryable: true });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toAIGatewayErrorEnvelope', () => {
  it.each([
    // The official client would replace an authentication_error's message with Vercel advice.
    ['a missing key', new AuthenticationError(), 'invalid_request_error'],
    [
      'a malformed request',
      new InvalidRequestError({ message: 'bad', param: 'prompt' }),
      'invalid_request_error',
    ],
    [
      'a body too large',
      new InvalidRequestError({ message: 'big', statusCode: 413 }),
      'invalid_request_error',
    ],
    [
      'a wrong media type',
      new InvalidRequestError({ message: 'json', statusCode: 415 }),
      'invalid_request_error',
    ],
    [
      'a wrong method',
      new InvalidRequestError({ message: 'm', statusCode: 405 }),
      'invalid_request_error',
    ],
    ['an upstream rejection', upstream(400), 'invalid_request_error'],
    ['an upstream rate limit', upstream(429), 'rate_limit_exceeded'],
    [
      'an unknown route',
      new InvalidRequestError({ message: 'r', statusCode: 404, code: 'not_found' }),
      'not_found',
    ],
    ['an upstream outage', upstream(503), 'internal_server_error'],
    ['a broken stream', new StreamInterruptedError(), 'internal_server_error'],
  ])('gives %s the type the official client expects', (_name, error, type) => {
    expect(toAIGatewayErrorEnvelope(error).error).toEqual({
      message: error.message,
      type,
      param: error.param,
      code: error.code,
    });
  });

  it('reports an unknown model as model_not_found with { modelId } as param', () => {
    expect(toAIGatewayErrorEnvelope(new ModelNotFoundError('mock/nope')).error).toMatchObject({
      type: 'model_not_found',
      code: 'model_not_found',
      param: { modelId: 'mock/nope' },
    });
  });

  it('reports an unexpected error without its details', () => {
    const envelope = toAIGatewayErrorEnvelope(new Error('secret internals'), 'req_1');
    expect(envelope.error).toEqual({
      message: 'The gateway failed unexpectedly (request req_1).',
      type: 'internal_server_error',
      param: null,
      code: 'internal_error',
    });
  });
});

describe('aiGatewayErrorHandler', () => {
  const app = new Hono<RouterEnv>()
    .get('/known', () => {
      throw new ModelNotFoundError('x/y');
    })
    .get('/unexpected', () => {
      throw new TypeError('boom');
    })
    .onError(aiGatewayErrorHandler);

  it('answers with the status of the error and the protocol envelope', async () => {
    const response = await app.request('/known');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { type: 'model_not_found' } });
  });

  it('answers 500 to an unexpected error and logs it instead of sending it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await app.request('/unexpected');
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('boom');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });
});
