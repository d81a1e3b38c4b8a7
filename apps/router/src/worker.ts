import type { ExecutionContext } from 'hono';
import { createApp } from './app.ts';
import { ConfigError, demoConfig, parseConfig } from './config/index.ts';
import { InvalidRequestError } from './errors/index.ts';
import { createMemoryStore, createUpstashStore, withFailOpen } from './store/index.ts';

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
    store: withFailOpen(store, { timeBudgetMs: config.store.timeBudgetMs }),
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    hasExecutionContext: true,
    env: env as unknown as Record<string, unknown>,
  });
  built = { env, app };
  return app;
}

export default {
  fetch(request: Request, env: Env, context: ExecutionContext): Response | Promise<Response> {
    let app: App;
    try {
      app = appFor(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      const failure = new InvalidRequestError({
        message: error.message,
        statusCode: 500,
        code: 'invalid_config',
      });
      return Response.json(
        { error: { ...failure.toJSON().error, type: 'api_error' } },
        { status: 500 },
      );
    }
    return app.fetch(request, env, context);
  },
};
