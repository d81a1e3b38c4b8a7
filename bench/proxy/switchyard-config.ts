/** The admin key the bench authenticates with (auth stays on, as in production). */
export const adminKey = 'sk-bench-admin';

/** The key the upstream is called with; the mock accepts anything. */
export const upstreamKey = 'sk-bench-upstream';

/**
 * What a deployment pays for on every request: a gateway budget, a rate limit (requests and
 * tokens per minute), and the built-in detector families (secrets, PII, injection) at the rule
 * defaults (`warn`, both directions). The limits are far above what the bench sends, so every
 * answer is a 200; the store is the router's in-process one (no REDIS_URL or Upstash set).
 */
export const governedSettings = {
  governance: {
    defaults: {
      limit: 1_000_000,
      limit_reset: 'monthly',
      rpm: 1_000_000_000,
      tpm: 1_000_000_000_000,
    },
  },
  guardrails: {
    rules: {
      secrets: { detectors: ['secrets'] },
      pii: { detectors: ['pii'] },
      injection: { detectors: ['injection'] },
    },
    gateway: { rules: ['secrets', 'pii', 'injection'] },
  },
};

/**
 * A realistic router config: alias `chat` with two targets, the first the mock upstream through
 * `openai` (chat completions API), the fallback a second provider entry (`openai-compatible`)
 * pointing at the same upstream; the response cache off unless `cache` is set, budget, limits
 * and guardrails only with `governed`. The request log is off so the bench measures the
 * router, not its stdout pipe.
 */
export function switchyardConfig(
  upstreamUrl: string,
  options: { cache: boolean; governed?: boolean },
) {
  return {
    providers: {
      primary: { type: 'openai', api: 'chat', baseURL: `${upstreamUrl}/v1`, apiKey: upstreamKey },
      fallback: { type: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, apiKey: upstreamKey },
    },
    models: {
      chat: {
        targets: ['primary/gpt-4o-mini', 'fallback/gpt-4o-mini'],
        cache: { enabled: options.cache },
      },
    },
    server: { requestLog: false },
    ...(options.governed && governedSettings),
  };
}
