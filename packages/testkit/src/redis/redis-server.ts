import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendInlineCommand } from './inline-command.ts';

export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /** Sends `SHUTDOWN NOSAVE` and resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StartRedisServerOptions {
  /** How long to wait for the first PONG (default 10 s). */
  startupTimeoutMs?: number;
  /** The loopback port to listen on, e.g. a stopped server's to restart it; a free one if omitted. */
  port?: number;
}

const binary = 'redis-server';

/**
 * Starts a throwaway `redis-server` on a free loopback port, without persistence.
 *
 * @example
 * const redis = await startRedisServer();
 * // ... use redis.url ...
 * await redis.stop();
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<RedisServer> {
  const executable = findOnPath(binary);
  if (!executable) {
    throw new Error(
      `${binary} is not on PATH. Run the test command from the README (\`pnpm test\`), which installs it` +
        ' (it runs `apt-get install -y redis-server` when missing).',
    );
  }
  const timeoutMs = options.startupTimeoutMs ?? 10_000;
  if (options.port !== undefined) return startOn(executable, options.port, timeoutMs);
  let lastError: unknown;
  // Another process may grab the free port between our probe and redis binding it: try again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startOn(executable, await findFreePort(), timeoutMs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(executable: string, port: number, timeoutMs: number): Promise<RedisServer> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(executable, [...args, '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  try {
    await waitForPong(port, child, timeoutMs);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    await exited;
    throw new Error(`redis-server did not start on port ${port}: ${String(error)}\n${output}`);
  }
  // A forgotten stop() must not keep the test process alive; the exit hook still kills it.
  child.unref();
  unrefStream(child.stdout);
  unrefStream(child.stderr);

  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop() {
      stopping ??= stop(port, child, exited).finally(() => {
        process.removeListener('exit', killOnExit);
      });
      return stopping;
    },
  };
}

async function stop(port: number, child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await sendInlineCommand(port, 'SHUTDOWN NOSAVE').catch(() => child.kill('SIGTERM'));
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPong(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const reply = await sendInlineCommand(port, 'PING', 500).catch(() => '');
    if (reply === '+PONG') return;
    if (Date.now() > deadline) throw new Error(`no PONG within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function findOnPath(name: string): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function unrefStream(stream: unknown): void {
  // Child pipes are sockets at run time, though typed as plain streams.
  (stream as { unref?: () => void } | null)?.unref?.();
}
