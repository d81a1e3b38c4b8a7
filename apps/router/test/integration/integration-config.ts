export const adminKey = 'sk-test-admin';

/** The configuration both integration suites (workerd and Node) run the router with. */
export function integrationConfig(upstreamUrl: string) {
  return {
    providers: {
      mock: {
        type: 'mock',
        models: {
          echo: {},
          down: { errorStatus: 503 },
          cut: { cutAfterChunks: 2 },
          forbidden: { errorStatus: 400 },
        },
      },
      anthropic: { type: 'anthropic', baseURL: `${upstreamUrl}/v1`, apiKey: 'test-key' },
      openai: { type: 'openai', baseURL: `${upstreamUrl}/v1`, apiKey: 'test-key' },
      unreachable: {
        type: 'openai',
        api: 'chat',
        baseURL: 'http://127.0.0.1:9/v1',
        apiKey: 'test-key',
      },
    },
    models: {
      chat: { targets: ['mock/down', 'mock/echo'] },
      'reach-around': { targets: ['unreachable/gpt-4o', 'anthropic/claude-haiku'] },
      'cut-then-echo': { targets: ['mock/cut', 'mock/echo'] },
      media: { targets: ['openai/media-model~status=503', 'openai/media-model'] },
      cached: { targets: ['mock/echo'], cache: { enabled: true } },
    },
    server: { maxBodyBytes: 64 * 1024, requestLog: false },
    // These suites assert failover past mock/down on every request; the breaker has its own tests.
    routing: { circuitBreaker: { minRequests: 1_000_000 } },
    // Cache assertions need saves to land; the fail-open budget has its own tests in src/store.
    store: { timeBudgetMs: 5_000 },
    catalog: { 'mock/echo': { pricing: { input: 1, output: 2 }, contextWindow: 4096 } },
  };
}
