import { afterEach, describe, expect, it } from 'vitest';
import { sendInlineCommand } from './inline-command.ts';
import { type RedisServer, startRedisServer } from './redis-server.ts';

describe('startRedisServer', () => {
  let servers: RedisServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
  });

  it('starts a redis-server on a free loopback port that answers PING', async () => {
    const server = await startRedisServer();
    servers.push(server);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await sendInlineCommand(server.port, 'PING')).toBe('+PONG');
  });

  it('starts independent servers side by side', async () => {
    const [first, second] = await Promise.all([startRedisServer(), startRedisServer()]);
    if (!first || !second) throw new Error('expected two servers');
    servers.push(first, second);
    expect(first.port).not.toBe(second.port);
    await sendInlineCommand(first.port, 'SET only-here 1');
    expect(await sendInlineCommand(second.port, 'EXISTS only-here')).toBe(':0');
  });

  it('stops with SHUTDOWN NOSAVE, after which the port refuses connections', async () => {
    const server = await startRedisServer();
    await server.stop();
    await server.stop();
    await expect(sendInlineCommand(server.port, 'PING')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('restarts on the port a stopped server had, empty', async () => {
    const first = await startRedisServer();
    await sendInlineCommand(first.port, 'SET before-restart 1');
    await first.stop();
    const second = await startRedisServer({ port: first.port });
    servers.push(second);
    expect(second.url).toBe(first.url);
    expect(await sendInlineCommand(second.port, 'EXISTS before-restart')).toBe(':0');
  });

  it('explains how to install redis-server when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startRedisServer()).rejects.toThrow(/redis-server is not on PATH.*README/);
    } finally {
      process.env.PATH = path;
    }
  });
});
