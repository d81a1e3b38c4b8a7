import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type RouterRuntime = 'node' | 'workerd';

export interface StartRouterOptions {
  /** The router configuration (serialised into SWITCHYARD_CONFIG). */
  config: unknown;
  adminKey?: string;
  /** Further variables: provider keys, Upstash credentials. */
  vars?: Record<string, string>;
}

export interface RunningRouter {
  runtime: RouterRuntime;
  url: string;
  close(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const nodeEntry = `${repositoryRoot}apps/router/src/node.ts`;
const wranglerConfig = `${repositoryRoot}wrangler.toml`;

/** Starts the real router, as a Node process or inside workerd through wrangler, on a free port. */
export function startRouter(
  runtime: RouterRuntime,
  options: StartRouterOptions,
): Promise<RunningRouter> {
  const vars: Record<string, string> = {
    SWITCHYARD_CONFIG: JSON.stringify(options.config),
    SWITCHYARD_ADMIN_KEY: options.adminKey ?? 'sk-test-admin',
    ...options.vars,
  };
  return runtime === 'node' ? startOnNode(vars) : startInWorkerd(vars);
}

async function startOnNode(vars: Record<string, string>): Promise<RunningRouter> {
  const child = spawn(process.execPath, [nodeEntry, '--port', '0'], {
    env: { ...process.env, ...vars },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForListening(child);
  return {
    runtime: 'node',
    url,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        child.stdout?.off('data', onData);
        // Keep draining the router's log lines so a full pipe never blocks it.
        child.stdout?.resume();
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.once('exit', (code) => reject(new Error(`router exited with ${code}:\n${output}`)));
  });
}

async function startInWorkerd(vars: Record<string, string>): Promise<RunningRouter> {
  process.env.WRANGLER_SEND_METRICS ??= 'false';
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const { unstable_startWorker } = await import('wrangler');
  const worker = await unstable_startWorker({
    config: wranglerConfig,
    bindings: Object.fromEntries(
      Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text' as const, value }]),
    ),
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      persist: false,
      watch: false,
      logLevel: 'warn',
    },
  });
  const url = (await worker.url).toString().replace(/\/$/, '');
  return { runtime: 'workerd', url, close: () => worker.dispose() };
}
