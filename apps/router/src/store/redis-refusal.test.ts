import { describe, expect, it } from 'vitest';
import { isMissingScript, isRefusalReply } from './redis-refusal.ts';

describe('isRefusalReply', () => {
  it.each([
    'WRONGTYPE Operation against a key holding the wrong kind of value',
    'ERR value is not an integer or out of range',
    "ERR wrong number of arguments for 'hset' command",
  ])('refuses a command or a script answered with %j', (reply) => {
    expect(isRefusalReply(reply, 'command')).toBe(true);
    expect(isRefusalReply(reply, 'script')).toBe(true);
  });

  it.each([
    'LIMIT the cap is reached',
    'budget exceeded',
    'ERR user_script:3: boom script: 0123abcd, on @user_script:3.',
  ])('refuses a script that fails on purpose with %j, not a command', (reply) => {
    expect(isRefusalReply(reply, 'script')).toBe(true);
    expect(isRefusalReply(reply, 'command')).toBe(reply.startsWith('ERR '));
  });

  it.each([
    'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
    'LOADING Redis is loading the dataset in memory',
    "OOM command not allowed when used memory > 'maxmemory'. script: abc, on @user_script:2.",
    'READONLY You cannot write against a read only replica.',
    'NOPERM this user has no permissions to run the evalsha command',
    'NOSCRIPT No matching script. Please use EVAL.',
    'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no',
    'ERR max number of clients reached',
    'ERR max requests limit exceeded. Limit: 10000, Usage: 10000.',
    'ERR max concurrent connections exceeded',
  ])('leaves %j as a failure of the store, from a command or a script', (reply) => {
    expect(isRefusalReply(reply, 'command')).toBe(false);
    expect(isRefusalReply(reply, 'script')).toBe(false);
  });

  it('tells a missing script from other errors', () => {
    expect(isMissingScript('NOSCRIPT No matching script. Please use EVAL.')).toBe(true);
    expect(isMissingScript('noscript no matching script')).toBe(true);
    expect(isMissingScript('ERR NOSCRIPT is not a word here')).toBe(false);
    expect(isMissingScript(undefined)).toBe(false);
  });
});
