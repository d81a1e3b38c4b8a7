import { Hono } from 'hono';
import { createResponseCache } from './cache/response-cache.ts';
import { type RouterConfig, resolveSecret } from './config/index.ts';
import type { RouterDeps, RouterEnv } from './context.ts';
import { dashboardRoutes } from './dashboard/dashboard-routes.ts';
import { InvalidRequestError } from './errors/index.ts';
import type { GovernanceDeps } from './governance/policy/governance-deps.ts';
import { createAuthenticator } from './governance/records/authenticator.ts';
import { keySecretFrom } from './governance/records/key-material.ts';
import { createGuardrails } from './guardrails/policy/guardrails.ts';
import { guardrailHashKey } from './guardrails/policy/hash-key.ts';
import { createCircuitBreaker } from './health/circuit-breaker.ts';
import { createCounterBatch } from './health/counter-batch.ts';
import { createHealthTracker } from './health/health-tracker.ts';
import { claimMarginMs, createIdempotencyStore } from './idempotency/idempotency-store.ts';
import { apiKeyAuth, resolveStaticKeys } from './middleware/auth.ts';
import { cors } from './middleware/cors.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { idempotency } from './middleware/idempotency.ts';
import { jsonBody } from './middleware/json-body.ts';
import { providerKeys } from './middleware/provider-keys.ts';
import { requestId } from './middleware/request-id.ts';
import { consoleRequestLogger, requestLog } from './middleware/request-log.ts';
import { routeHeaders } from './middleware/route-headers.ts';
import { createObservability } from './observability/create-observability.ts';
import type { PipelineDeps } from './pipeline/route-request.ts';
import { aiGatewayRootRoutes } from './protocols/ai-gateway/credits-route.ts';
import { aiGatewayRoutes } from './protocols/ai-gateway/index.ts';
import { anthropicMessagesRoutes, anthropicModelsRoute } from './protocols/anthropic/index.ts';
import { managementRoutes } from './protocols/management/index.ts';
import { observabilityRoutes, rootObservabilityRoutes } from './protocols/observability/index.ts';
import { targetHealthRoutes } from './protocols/observability-health/target-health-route.ts';
import { chatCompletions } from './protocols/openai/chat-completions-route.ts';
import { embeddings } from './protocols/openai/embeddings-route.ts';
import { imageGenerations } from './protocols/openai/images-route.ts';
import { modelsRoute } from './protocols/openai/models-route.ts';
import { retrieveModelRoute } from './protocols/openai/retrieve-model-route.ts';
import { responsesRoute } from './protocols/openai-responses/responses-route.ts';
import { scopeUsageRoutes } from './protocols/scope-usage/scope-usage-routes.ts';
import { createProviderRegistry } from './providers/provider-registry.ts';
import { guardStore } from './store/index.ts';

export type { RouterDeps } from './context.ts';

/** Where budget alerts go, when the config names a receiver and its secret resolves. */
function alertDelivery(
  config: RouterConfig,
  env: Readonly<Record<string, unknown>>,
  fetch: RouterDeps['fetch'],
): GovernanceDeps['alerts'] {
  const { url, secret } = config.governance.alerts;
  const resolved = secret === undefined ? undefined : resolveSecret(secret, env);
  if (url === undefined || resolved === undefined) return undefined;
  return { url, secret: resolved, fetch };
}

/**
 * The gateway as a Hono app, independent of the runtime. Everything that can be prepared
 * once (providers, auth digests, model list) is prepared here, not per request.
 * @example const app = createApp({ config: parseConfig(json), store: createMemoryStore() });
 */
export function createApp(deps: RouterDeps) {
  const registry = createProviderRegistry(deps.config, { env: deps.env ?? {}, fetch: deps.fetch });
  const store = guardStore(deps.store, { timeBudgetMs: deps.config.store.timeBudgetMs });
  // Keys, limits and budgets fail closed: they wait longer, behind a breaker of their own.
  const governanceStore = guardStore(deps.store, {
    timeBudgetMs: deps.config.governance.storeTimeBudgetMs,
  });
  const { health: healthPolicy, circuitBreaker } = deps.config.routing;
  // Health and circuit counts share one write-behind batch: one store call per flush for both.
  const counters = createCounterBatch({ store, timer: deps.hasExecutionContext !== true });
  const pipeline: PipelineDeps = {
    config: deps.config,
    state: {
      health: createHealthTracker({ store, counters, windowMs: healthPolicy.windowMs }),
      circuits: createCircuitBreaker({ store, counters, ...circuitBreaker }),
    },
    cache: createResponseCache({ store, maxEntryBytes: deps.config.cache.maxEntryBytes }),
  };
  const noRequestKeys: ReadonlySet<string> = new Set();
  const now = deps.now ?? Date.now;
  const keySecret = keySecretFrom(deps.env ?? {}, deps.adminKey);
  pipeline.guardrails = createGuardrails(deps.config.guardrails, guardrailHashKey(keySecret));
  const authenticator = createAuthenticator({
    adminKey: deps.adminKey,
    staticKeys: resolveStaticKeys(deps),
    keySecret,
    store: governanceStore,
    now,
  });
  pipeline.governance = {
    store: governanceStore,
    reload: authenticator.reload,
    alerts: alertDelivery(deps.config, deps.env ?? {}, deps.fetch),
    now,
  };
  const observability = createObservability({
    config: deps.config,
    store: deps.store,
    now,
    env: deps.env,
  });
  const metricsToken = deps.env?.SWITCHYARD_METRICS_TOKEN;
  const observabilityDeps = {
    config: deps.config,
    observability,
    now,
    circuits: pipeline.state.circuits,
    metricsToken:
      typeof metricsToken === 'string' && metricsToken !== '' ? metricsToken : undefined,
  };
  // Idempotency keys fail closed like limits, so they use the same store budget and breaker.
  const idempotencyStore = createIdempotencyStore({
    store: governanceStore,
    claimTtlMs: deps.config.routing.totalTimeoutMs + claimMarginMs,
    maxAnswerBytes: deps.config.cache.maxEntryBytes,
  });
  const app = new Hono<RouterEnv>();

  app.onError(errorHandler);
  app.notFound(() => {
    throw new InvalidRequestError({
      message: 'No such route.',
      statusCode: 404,
      code: 'not_found',
    });
  });
  app.use(requestId(now));
  // Before the log and every route: a preflight is answered without a key and not logged.
  if (deps.config.server.cors !== undefined) app.use(cors(deps.config.server.cors));
  const logger = deps.logger ?? (deps.config.server.requestLog ? consoleRequestLogger : undefined);
  app.use(requestLog({ logger, observe: observability.observe, now }));
  app.use(async function provideDependencies(c, next) {
    c.set('config', deps.config);
    c.set('pipeline', pipeline);
    c.set('registry', registry);
    c.set('requestKeyProviders', noRequestKeys);
    c.set('hasExecutionContext', deps.hasExecutionContext === true);
    c.set('authenticator', authenticator);
    c.set('idempotency', idempotencyStore);
    await next();
  });

  app.get('/health', (c) => c.json({ status: 'ok' }));
  // The operator dashboard: a static page that signs in with a management key.
  app.route('/', dashboardRoutes());

  // Model calls pass the admission script, which checks a cached key's version; the model list
  // does not, so it reads stored keys fresh.
  const auth = apiKeyAuth(deps, { audience: 'inference' });
  const freshAuth = apiKeyAuth(deps, { audience: 'inference', fresh: true });
  const keys = providerKeys(deps);
  const body = jsonBody(deps.config.server.maxBodyBytes);
  const idempotent = idempotency();
  app.post('/v1/chat/completions', routeHeaders(), auth, keys, body, idempotent, chatCompletions);
  app.post(
    '/v1/responses',
    routeHeaders(),
    auth,
    keys,
    body,
    idempotent,
    responsesRoute({ store, config: deps.config }),
  );
  app.post('/v1/embeddings', routeHeaders(), auth, keys, body, idempotent, embeddings);
  app.post(
    '/v1/images/generations',
    routeHeaders(),
    auth,
    keys,
    body,
    idempotent,
    imageGenerations,
  );
  // Anthropic clients (anthropic-version or x-api-key) get Anthropic's list shape and errors.
  app.all('/v1/models', anthropicModelsRoute(deps));
  app.get('/v1/models', freshAuth, modelsRoute(deps));
  // Model ids hold `/`: the id is the rest of the path.
  app.get('/v1/models/:id{.+}', freshAuth, retrieveModelRoute(deps));
  // `/v4/ai` is the current @ai-sdk/gateway client's default path; `/v1/ai` the older one's.
  const aiGateway = aiGatewayRoutes(deps);
  app.route('/v4/ai', aiGateway);
  app.route('/v1/ai', aiGateway);
  app.route('/v1/messages', anthropicMessagesRoutes(deps));
  const managementDeps = {
    config: deps.config,
    store: governanceStore,
    keySecret,
    now,
    clientAddress: deps.clientAddress,
  };
  app.route('/', aiGatewayRootRoutes(deps, managementDeps));
  // Before the management API, whose catch-all answers 404 for any other /api/v1 path.
  app.route('/api/v1', observabilityRoutes(deps, observabilityDeps));
  app.route('/', rootObservabilityRoutes(deps, observabilityDeps));
  app.route('/api/v1', targetHealthRoutes(deps, pipeline));
  app.route('/api/v1', scopeUsageRoutes(deps, managementDeps));
  app.route('/api/v1', managementRoutes(deps, managementDeps));

  for (const [path, allowed] of [
    ['/v1/chat/completions', 'POST'],
    ['/v1/responses', 'POST'],
    ['/v1/embeddings', 'POST'],
    ['/v1/images/generations', 'POST'],
    ['/v1/models', 'GET'],
    ['/health', 'GET'],
  ] as const) {
    const error = new InvalidRequestError({
      message: `Method not allowed: ${path} accepts ${allowed}.`,
      statusCode: 405,
      code: 'method_not_allowed',
    });
    app.all(path, (c) => c.json(error.toJSON(), 405, { allow: allowed }));
  }
  return app;
}
