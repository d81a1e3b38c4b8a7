import { Server } from 'node:http';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../app.ts';
import type { RouterConfig } from '../config/index.ts';
import { createNodeStore } from '../store/node-store.ts';
import { CliError } from './cli-error.ts';
import { globalFetchIsRedirected } from './global-fetch-dispatcher.ts';
import { hardenHttpServer } from './harden-http-server.ts';
import { createUpstreamFetch } from './upstream-fetch.ts';

export interface NodeServerOptions {
  config: RouterConfig;
  port?: number;
  hostname?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The HTTP client for upstream calls. Default: a keep-alive undici client that behaves like the
   * global `fetch` for less CPU, or the global `fetch` itself when that goes through a proxy.
   */
  fetch?: FetchFunction;
}

export interface NodeServer {
  url: string;
  /** Which store holds the state (never its password), for the start-up log line. */
  store: string;
  /** Stops accepting connections, waits for open ones, then closes the store's connection. */
  close: () => Promise<void>;
}

/**
 * Starts the router on Node; resolves once it listens. The store comes from `env`: plain Redis
 * with `REDIS_URL`, Upstash with its two variables, the in-process store otherwise. Upstream calls
 * use `options.fetch`, else an upstream client of its own that `close()` shuts. An address that
 * cannot be bound rejects with a {@link CliError} (the store and client are let go first).
 * @example
 * const server = await startNodeServer({ config, port: 0, env: process.env });
 * console.log(server.url); // http://127.0.0.1:39143
 */
export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const env = options.env ?? process.env;
  const selected = createNodeStore(env);
  const upstreamFetch =
    options.fetch === undefined && !globalFetchIsRedirected() ? createUpstreamFetch() : undefined;
  const release = () => Promise.all([selected.close(), upstreamFetch?.close()]).then(() => {});
  const app = createApp({
    config: options.config,
    store: selected.store,
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    env,
    fetch: options.fetch ?? upstreamFetch,
    clientAddress: (c) =>
      options.config.server.trustForwardedFor
        ? c.req.header('x-forwarded-for')?.split(',')[0]
        : getConnInfo(c).remote.address,
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const port = options.port ?? 8787;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({
        url: `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`,
        store: selected.description,
        close: () => new Promise<void>((done) => server.close(() => done())).then(release),
      }),
    );
    server.once('error', (error: Error & { code?: string }) => {
      const reason = error.code === 'EADDRINUSE' ? 'the address is in use' : error.message;
      release().finally(() =>
        reject(new CliError(`cannot listen on ${hostname}:${port}: ${reason}`)),
      );
    });
    if (server instanceof Server) hardenHttpServer(server);
  });
}
