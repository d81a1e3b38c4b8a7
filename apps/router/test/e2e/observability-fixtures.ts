import {
  type MockUpstream,
  type RedisServer,
  type RouterRuntime,
  type RunningRouter,
  startMockUpstream,
  startRedisServer,
  startRouter,
  startUpstashBridge,
  type UpstashBridge,
} from '@switchyard/testkit';
import { type OtlpReceiver, startOtlpReceiver } from '@switchyard/testkit/otlp';

export const adminKey = 'sk-test-admin';
export const metricsToken = 'e2e-metrics-token';
export type StoreKind = 'memory' | 'redis' | 'upstash';

/** The model behind the mock upstream (OpenAI chat wire format), and its price. */
export const upstreamModel = 'upstream/gpt-4o-mini';

/**
 * Mock models in the router (a failing one and one that cuts its streams) and an OpenAI-format
 * upstream over HTTP; `chat` fails over from the first to the second.
 */
function observabilityConfig(upstreamBaseURL: string) {
  return {
    providers: {
      mock: {
        type: 'mock',
        models: { echo: {}, down: { errorStatus: 503 }, cut: { cutAfterChunks: 2 } },
      },
      upstream: {
        type: 'openai',
        api: 'chat',
        baseURL: upstreamBaseURL,
        apiKey: 'test-key',
        models: ['gpt-4o-mini'],
      },
    },
    models: {
      chat: { targets: ['mock/down', upstreamModel] },
      'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
    },
    catalog: {
      [upstreamModel]: { pricing: { input: 0.15, output: 0.6 } },
      'mock/echo': { pricing: { input: 1, output: 2 } },
    },
    server: { requestLog: false },
    // Each test's failover must reach mock/down; the breaker has its own tests.
    routing: { circuitBreaker: { minRequests: 1_000_000 } },
    // A loaded machine must not turn a slow store answer into a missing record.
    store: { timeBudgetMs: 5_000 },
    observability: { storeTimeBudgetMs: 5_000 },
  };
}

/** A router with its store, the mock upstream and an OTLP receiver its traces go to. */
export interface ObservedRouter {
  router: RunningRouter;
  receiver: OtlpReceiver;
  close(): Promise<void>;
}

export async function startObservedRouter(
  runtime: RouterRuntime,
  storeKind: StoreKind,
): Promise<ObservedRouter> {
  const upstream: MockUpstream = await startMockUpstream();
  const receiver = await startOtlpReceiver();
  let redis: RedisServer | undefined;
  let bridge: UpstashBridge | undefined;
  const vars: Record<string, string> = {
    SWITCHYARD_KEY_SECRET: 'e2e observability key secret',
    SWITCHYARD_METRICS_TOKEN: metricsToken,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_SERVICE_NAME: `switchyard-${runtime}`,
    OTEL_BSP_SCHEDULE_DELAY: '20',
  };
  if (storeKind !== 'memory') {
    redis = await startRedisServer();
    if (storeKind === 'redis') vars.REDIS_URL = redis.url;
    else {
      bridge = await startUpstashBridge({ redisUrl: redis.url });
      vars.UPSTASH_REDIS_REST_URL = bridge.url;
      vars.UPSTASH_REDIS_REST_TOKEN = bridge.token;
    }
  }
  const router = await startRouter(runtime, {
    config: observabilityConfig(upstream.baseURLs.openai),
    adminKey,
    vars,
  });
  return {
    router,
    receiver,
    async close() {
      await router.close();
      await bridge?.close();
      await redis?.stop();
      await receiver.close();
      await upstream.close();
    },
  };
}

/** A router answer with its JSON body read (the text when it is not JSON). */
export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

export async function call(
  router: RunningRouter,
  method: string,
  path: string,
  init: { key?: string; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${router.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${init.key ?? adminKey}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Prometheus text and the like stay text.
  }
  return { status: response.status, text, json };
}

/** The value at a dotted path of a JSON answer. */
export function field<Value>(json: unknown, path: string): Value {
  let value = json;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value as Value;
}
