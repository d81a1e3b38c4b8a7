import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { ModelNotFoundError } from '../errors/index.ts';
import { listModelIds, resolveTargets } from './resolve-targets.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
    openai: { type: 'openai' },
    anthropic: { type: 'anthropic', models: ['claude-sonnet-4-5', 'claude-haiku-4-5'] },
  },
  models: {
    chat: { targets: ['mock/down', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] },
    fast: { targets: ['anthropic/claude-haiku-4-5'] },
  },
});

function expectNotFound(model: string, param = 'model') {
  let thrown: unknown;
  try {
    resolveTargets(config, model, param);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ModelNotFoundError);
  expect(thrown).toMatchObject({
    statusCode: 404,
    type: 'invalid_request_error',
    code: 'model_not_found',
    param,
    modelId: model,
  });
}

describe('resolveTargets', () => {
  it('resolves an alias to its targets in configured order', () => {
    expect(resolveTargets(config, 'chat')).toEqual({
      alias: 'chat',
      strategy: 'ordered',
      targets: [
        { id: 'mock/down', providerId: 'mock', modelId: 'down', weight: 1 },
        { id: 'openai/gpt-4o', providerId: 'openai', modelId: 'gpt-4o', weight: 1 },
        {
          id: 'anthropic/claude-sonnet-4-5',
          providerId: 'anthropic',
          modelId: 'claude-sonnet-4-5',
          weight: 1,
        },
      ],
    });
  });

  it('passes any model through to a provider that lists no models', () => {
    expect(resolveTargets(config, 'openai/o3-mini')).toEqual({
      strategy: 'ordered',
      targets: [{ id: 'openai/o3-mini', providerId: 'openai', modelId: 'o3-mini' }],
    });
  });

  it('serves only the listed models of a provider that has a models list', () => {
    expect(resolveTargets(config, 'anthropic/claude-haiku-4-5').targets).toHaveLength(1);
    expectNotFound('anthropic/claude-opus-4');
  });

  it('serves only the configured mock models', () => {
    expect(resolveTargets(config, 'mock/echo').targets[0]?.modelId).toBe('echo');
    expectNotFound('mock/gpt-4o');
  });

  it('answers 404 for an unknown alias and an unknown provider', () => {
    expectNotFound('unknown');
    expectNotFound('azure/gpt-4o');
  });

  it.each([
    'openai/',
    '/gpt-4o',
    'openai//gpt-4o',
    'google/x/../../v1beta/files?',
    'openai/gpt\u00e9',
  ])('answers 400 invalid_model_id for a malformed id before looking it up: %s', (model) => {
    expect(() => resolveTargets(config, model)).toThrow(
      expect.objectContaining({ statusCode: 400, code: 'invalid_model_id' }),
    );
  });

  it('names the given param in the 404', () => {
    expectNotFound('nope', 'fallback_models[0]');
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'answers 404 for the model %s, an Object.prototype key and no alias',
    (model) => expectNotFound(model),
  );

  it.each(['constructor/gpt-4o', '__proto__/gpt-4o', 'toString/gpt-4o'])(
    'answers 404 for %s, whose provider is an Object.prototype key',
    (model) => expectNotFound(model),
  );

  it.each(['mock/toString', 'mock/constructor'])(
    'answers 404 for %s, whose mock model is an Object.prototype key',
    (model) => expectNotFound(model),
  );
});

describe('listModelIds', () => {
  it('lists aliases first, then the listed models of each provider in config order', () => {
    expect(listModelIds(config)).toEqual([
      { id: 'chat', ownedBy: 'switchyard' },
      { id: 'fast', ownedBy: 'switchyard' },
      { id: 'mock/echo', ownedBy: 'mock' },
      { id: 'mock/down', ownedBy: 'mock' },
      { id: 'anthropic/claude-sonnet-4-5', ownedBy: 'anthropic' },
      { id: 'anthropic/claude-haiku-4-5', ownedBy: 'anthropic' },
    ]);
  });

  it('lists nothing for a provider without a models list', () => {
    const ids = listModelIds(parseConfig({ providers: { openai: { type: 'openai' } } }));
    expect(ids).toEqual([]);
  });
});
