import type { ExecutionContext } from 'hono';
import { createApp } from './app.ts';
import { ConfigError, loadConfigFromVariables } from './config/load-config.ts';
import { type StartupReport, startupReport } from './config/startup-report.ts';
import type { ErrorEnvelope } from './errors/index.ts';
import { createMemoryStore, createUpstashStore } from './store/index.ts';

type App = ReturnType<typeof createApp>;

// One app per isolate and configuration: built on the first request, reused after.
let built: { env: Env; app: App } | undefined;
// The start-up summary last logged in this isolate: logged again only when it changes.
let reported: string | undefined;

function appFor(env: Env): App {
  if (built?.env === env) return built.app;
  // Variables beyond the generated Env (provider keys, SWITCHYARD_STRICT) are read by name.
  const variables = env as unknown as Record<string, unknown>;
  const { config, origin } = loadConfigFromVariables(variables);
  const upstash = env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN;
  const report = startupReport({
    config,
    origin,
    env: variables,
    adminKey: env.SWITCHYARD_ADMIN_KEY,
    store: upstash
      ? `Upstash at ${hostOf(env.UPSTASH_REDIS_REST_URL)}`
      : 'the in-isolate store (not shared with other isolates)',
  });
  logOnce(report);
  const fatal = report.warnings.filter((warning) => warning.fatal).length;
  if (fatal > 0 && /^(1|true|yes)$/i.test(String(variables.SWITCHYARD_STRICT ?? ''))) {
    throw new ConfigError(`not starting (SWITCHYARD_STRICT): ${fatal} start-up warning(s) above`);
  }
  const store = upstash
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

/** The host only: the URL's path or query might carry a token. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unreadable URL';
  }
}

/** The summary and each warning as JSON log lines (Workers Logs), once per isolate. */
function logOnce({ warnings, ...summary }: StartupReport): void {
  const text = JSON.stringify({ level: 'info', message: 'Switchyard started', ...summary });
  if (text === reported) return;
  reported = text;
  console.log(text);
  for (const { message } of warnings) console.warn(JSON.stringify({ level: 'warn', message }));
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
