import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.ts';
import { InvalidRequestError, ModelNotFoundError } from '../errors/index.ts';
import { ModelNotAllowedError } from '../errors/model-not-allowed-error.ts';
import { resolveWithControls } from './resolve-targets.ts';

const config = parseConfig({
  providers: {
    mock: { type: 'mock', models: { echo: {}, down: { errorStatus: 503 } } },
    openai: { type: 'openai' },
    anthropic: { type: 'anthropic' },
  },
  models: {
    chat: { targets: ['mock/down', 'openai/gpt-4o', 'anthropic/claude-sonnet-4-5'] },
  },
});

const ids = (model: string, controls: Parameters<typeof resolveWithControls>[2]) =>
  resolveWithControls(config, model, controls).targets.map((target) => target.id);

describe('resolveWithControls', () => {
  it('keeps the resolved order when no controls are given', () => {
    expect(ids('chat', undefined)).toEqual([
      'mock/down',
      'openai/gpt-4o',
      'anthropic/claude-sonnet-4-5',
    ]);
  });

  it('appends models fallbacks after the requested model and drops duplicates', () => {
    expect(ids('openai/gpt-4o', { models: ['chat', 'mock/echo'] })).toEqual([
      'openai/gpt-4o',
      'mock/down',
      'anthropic/claude-sonnet-4-5',
      'mock/echo',
    ]);
  });

  it('reports an unknown fallback by its position in models', () => {
    expect(() => ids('chat', { models: ['mock/echo', 'nowhere/x'] })).toThrow(ModelNotFoundError);
    try {
      ids('chat', { models: ['mock/echo', 'nowhere/x'] });
    } catch (error) {
      expect(error).toMatchObject({ param: 'models[1]', code: 'model_not_found' });
    }
  });

  it('keeps only the providers named in provider.only', () => {
    expect(ids('chat', { provider: { only: ['anthropic', 'mock'] } })).toEqual([
      'mock/down',
      'anthropic/claude-sonnet-4-5',
    ]);
  });

  it('drops the providers named in provider.ignore', () => {
    expect(ids('chat', { provider: { ignore: ['mock'] } })).toEqual([
      'openai/gpt-4o',
      'anthropic/claude-sonnet-4-5',
    ]);
  });

  it('moves the providers in provider.order first and keeps the others in place', () => {
    expect(ids('chat', { provider: { order: ['anthropic', 'openai'] } })).toEqual([
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4o',
      'mock/down',
    ]);
  });

  it('keeps only the first target when fallbacks are not allowed', () => {
    expect(ids('chat', { provider: { order: ['openai'], allow_fallbacks: false } })).toEqual([
      'openai/gpt-4o',
    ]);
  });

  it('rejects a request whose controls leave no target', () => {
    expect(() => ids('chat', { provider: { only: ['google'] } })).toThrow(InvalidRequestError);
    try {
      ids('chat', { provider: { only: ['google'] } });
    } catch (error) {
      expect(error).toMatchObject({ statusCode: 400, code: 'no_target', param: 'provider' });
    }
  });
});

describe('alias strategies, rules and suffixes', () => {
  const routed = parseConfig({
    providers: { mock: { type: 'mock', models: { a: {}, b: {}, c: {} } } },
    models: {
      split: {
        targets: [{ target: 'mock/a', weight: 3 }, 'mock/b'],
        strategy: 'weighted',
      },
      tiered: {
        targets: ['mock/a'],
        rules: [
          { when: { metadata: { tier: 'free' } }, targets: ['mock/b'] },
          { when: { user: ['vip'], tags: ['beta'] }, targets: ['mock/c'], strategy: 'health' },
          { when: { tags: ['beta'] }, targets: ['mock/b', 'mock/c'] },
        ],
      },
    },
  });

  it('keeps weights and the weighted strategy for the ordering step', () => {
    const resolution = resolveWithControls(routed, 'split');
    expect(resolution.strategy).toBe('weighted');
    expect(resolution.targets.map((target) => [target.id, target.weight])).toEqual([
      ['mock/a', 3],
      ['mock/b', 1],
    ]);
  });

  it('picks the target set of the first rule the request metadata matches', () => {
    const targetsOf = (controls: Parameters<typeof resolveWithControls>[2]) =>
      resolveWithControls(routed, 'tiered', controls);
    expect(targetsOf({}).targets.map((target) => target.id)).toEqual(['mock/a']);
    expect(targetsOf({ metadata: { tier: 'free', team: 'x' } })).toMatchObject({ rule: 0 });
    expect(targetsOf({ user: 'vip', tags: ['beta'] })).toMatchObject({
      rule: 1,
      strategy: 'health',
    });
    expect(targetsOf({ user: 'someone', tags: ['beta'] })).toMatchObject({ rule: 2 });
    expect(targetsOf({ metadata: { tier: 'paid' } }).rule).toBeUndefined();
  });

  it('reads :nitro as a throughput sort and :floor as a price sort', () => {
    expect(resolveWithControls(routed, 'split:nitro')).toMatchObject({
      alias: 'split',
      sort: 'throughput',
    });
    expect(resolveWithControls(routed, 'mock/a:floor')).toMatchObject({ sort: 'price' });
    expect(resolveWithControls(routed, 'split', { provider: { sort: 'latency' } }).sort).toBe(
      'latency',
    );
  });
});

describe('resolveWithControls with an allowlist', () => {
  // Allows the names and targets listed; an allowed name allows all of its targets.
  const allowOnly =
    (...entries: string[]) =>
    (name: string, targets: { id: string }[]) => {
      const byName = entries.includes(name);
      const allowed = targets.filter((target) => byName || entries.includes(target.id));
      const refused = targets.filter((target) => !allowed.includes(target));
      return { allowed, refused } as never;
    };

  it('keeps every target of an allowed alias', () => {
    const resolution = resolveWithControls(config, 'chat', {}, allowOnly('chat'));
    expect(resolution.targets).toHaveLength(3);
    expect(resolution.refused).toBeUndefined();
  });

  it('checks fallbacks and alias targets one by one, reporting the refused', () => {
    const resolution = resolveWithControls(
      config,
      'chat',
      { models: ['mock/echo'] },
      allowOnly('openai/gpt-4o', 'mock/echo'),
    );
    expect(resolution.targets.map((target) => target.id)).toEqual(['openai/gpt-4o', 'mock/echo']);
    expect(resolution.refused?.map((target) => target.id)).toEqual([
      'mock/down',
      'anthropic/claude-sonnet-4-5',
    ]);
  });

  it('refuses with 403 when no target is allowed', () => {
    const call = () => resolveWithControls(config, 'chat', {}, allowOnly('mock/echo'));
    expect(call).toThrow(ModelNotAllowedError);
    try {
      call();
    } catch (error) {
      expect((error as ModelNotAllowedError).statusCode).toBe(403);
      expect((error as ModelNotAllowedError).type).toBe('permission_error');
    }
  });
});
