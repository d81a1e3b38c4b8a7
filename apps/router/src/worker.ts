import type { ExecutionContext } from 'hono';
import { createApp } from './app.ts';
import { demoConfig, parseConfig } from './config/index.ts';
import type { ErrorEnvelope } from './errors/index.ts';
import { createMemoryStore, createUpstashStore } from './store/index.ts';

type App = ReturnType<typeof createApp>;

// One app per isolate and configuration: built on the first request, reused after.
let built: { env: Env; app: App } | undefined;

function appFor(env: Env): App {
  if (built?.env === env) return built.app;
  const config = env.SWITCHYARD_CONFIG
    ? parseConfig(env.SWITCHYARD_CONFIG)
    : parseConfig(demoConfig, 'the demo config');
  const store =
    env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
      ? createUpstashStore({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN })
      : createMemoryStore();
  const app = createApp({
    config,
    store,
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    hasExecutionContext: true,
    // Cloudflare sets it from the connection; a client cannot.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
    env: env as unknown as Record<string, unknown>,
  });
  built = { env, app };
  return app;
}

// Callers get no detail: the configuration's text (keys included) must never reach the wire.
const misconfigured: ErrorEnvelope = {
  error: {
    message: 'The gateway is not configured correctly; its operator can find why in the logs.',
    type: 'api_error',
    param: null,
    code: 'invalid_config',
  },
};

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Response | Promise<Response> {
    let app: App;
    try {
      app = appFor(env);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'The router could not start',
          error: String(error),
        }),
      );
      return Response.json(misconfigured, { status: 500 });
    }
    return app.fetch(request, env, context);
  },
};
