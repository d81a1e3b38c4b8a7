import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, demoConfig, parseConfig, type RouterConfig } from './config/index.ts';
import { createMemoryStore, createUpstashStore, withFailOpen } from './store/index.ts';

export interface NodeServerOptions {
  config: RouterConfig;
  port?: number;
  hostname?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Starts the router on Node; resolves once it listens. */
export async function startNodeServer(options: NodeServerOptions) {
  const env = options.env ?? process.env;
  const url = env.UPSTASH_REDIS_REST_URL;
  const token = env.UPSTASH_REDIS_REST_TOKEN;
  const store = url && token ? createUpstashStore({ url, token }) : createMemoryStore();
  const app = createApp({
    config: options.config,
    store: withFailOpen(store, { timeBudgetMs: options.config.store.timeBudgetMs }),
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    env,
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? 8787, hostname: options.hostname ?? '127.0.0.1' },
      (info) =>
        resolve({
          url: `http://${options.hostname ?? '127.0.0.1'}:${info.port}`,
          close: () => new Promise((done) => server.close(() => done())),
        }),
    );
  });
}

function loadConfig(file: string | undefined): RouterConfig {
  if (file !== undefined) return parseConfig(readFileSync(file, 'utf8'), file);
  const inline = process.env.SWITCHYARD_CONFIG;
  return inline ? parseConfig(inline) : parseConfig(demoConfig, 'the demo config');
}

async function main() {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  let config: RouterConfig;
  try {
    config = loadConfig(values.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const server = await startNodeServer({
    config,
    port: Number(values.port),
    hostname: values.host,
  });
  console.log(`Switchyard listening on ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close().then(() => process.exit(0)));
  }
}

if (import.meta.main) await main();
