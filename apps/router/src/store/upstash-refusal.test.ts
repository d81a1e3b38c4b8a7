import { errors } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { StoreRefusedError } from './store-refused-error.ts';
import { toStoreError } from './upstash-refusal.ts';

const commandFailed = (reply: string) => new errors.UpstashError(`Command failed: ${reply}`);

describe('toStoreError', () => {
  it.each([
    'WRONGTYPE Operation against a key holding the wrong kind of value',
    'WRONGTYPE Operation against a key holding the wrong kind of value script: abc, on @user_script:3.',
    'ERR value is not an integer',
    'ERR value is not an integer or out of range',
    'ERR increment or decrement would overflow',
    'ERR max single record size exceeded',
  ])('refuses a command Redis answered with %j, keeping the client error as cause', (reply) => {
    const original = commandFailed(reply);
    const error = toStoreError(original);
    expect(error).toBeInstanceOf(StoreRefusedError);
    expect(error).toMatchObject({ cause: original });
  });

  it.each([
    'ERR max requests limit exceeded. Limit: 10000, Usage: 10000.',
    'ERR max daily request limit exceeded',
    'ERR max concurrent connections exceeded',
    'ERR DB capacity quota exceeded',
    'BUSY Redis is busy running a script.',
    'LOADING Redis is loading the dataset in memory',
    'OOM command not allowed when used memory > maxmemory.',
    'READONLY You cannot write against a read only replica.',
    'NOPERM this user has no permissions to run the eval command',
  ])('leaves %j as a failure: no command can succeed', (reply) => {
    const original = commandFailed(reply);
    expect(toStoreError(original)).toBe(original);
  });

  it('refuses a script that failed on purpose with a code of its own, not a command', () => {
    const original = commandFailed('LIMIT the cap is reached');
    expect(toStoreError(original, 'script')).toBeInstanceOf(StoreRefusedError);
    expect(toStoreError(original)).toBe(original);
    const busy = commandFailed('BUSY Redis is busy running a script.');
    expect(toStoreError(busy, 'script')).toBe(busy);
  });

  it.each([
    new errors.UpstashError('Service Unavailable, command was: [["get","k"]]'),
    new errors.UpstashError('ERR internal error, command was: [["get","k"]]'),
    new errors.UpstashError('Unauthorized, command was: [["get","k"]]'),
    new errors.UpstashJSONParseError('<html>502 Bad Gateway</html>'),
    new TypeError('fetch failed'),
    new Error('Network connection lost.'),
    'not an error',
  ])('leaves a failed request as a failure: %s', (original) => {
    expect(toStoreError(original)).toBe(original);
  });
});
