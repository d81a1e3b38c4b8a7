/** List prices in US dollars per million tokens, as the router's catalog gives them. */
export interface Price {
  input: number;
  output: number;
}

/** One simulated target in its normal state. */
export interface ProviderProfile {
  /** `provider/model`, the target id. */
  id: string;
  price: Price;
  /** Time to a complete (non-streaming) answer. */
  latencyMs: { p50: number; p95: number };
  /** Share of attempts that fail with a 500 in normal times. */
  errorRate: number;
  /** Admitted attempts per second above which it answers 429 with Retry-After. */
  rateLimitPerSecond: number;
}

/** Every simulated request has the same size, so cost differences are price differences. */
export const requestTokens = { input: 1_000, output: 300 } as const;

/** What a 429 asks the client to wait. */
export const retryAfterMs = 1_000;

/**
 * One model (Llama 3.3 70B) behind four providers, with list prices and typical speeds in
 * the range the providers publish. Listed in the configured order: cheapest first, as an
 * operator who orders by price would write the alias.
 */
export const defaultProfiles: readonly ProviderProfile[] = [
  {
    id: 'deepinfra/llama-3.3-70b',
    price: { input: 0.23, output: 0.4 },
    latencyMs: { p50: 1_100, p95: 2_600 },
    errorRate: 0.002,
    rateLimitPerSecond: 40,
  },
  {
    id: 'groq/llama-3.3-70b',
    price: { input: 0.59, output: 0.79 },
    latencyMs: { p50: 350, p95: 900 },
    errorRate: 0.002,
    rateLimitPerSecond: 6,
  },
  {
    id: 'together/llama-3.3-70b',
    price: { input: 0.88, output: 0.88 },
    latencyMs: { p50: 800, p95: 1_900 },
    errorRate: 0.002,
    rateLimitPerSecond: 60,
  },
  {
    id: 'fireworks/llama-3.3-70b',
    price: { input: 0.9, output: 0.9 },
    latencyMs: { p50: 700, p95: 1_700 },
    errorRate: 0.002,
    rateLimitPerSecond: 60,
  },
];

/** US dollars for one request of `requestTokens` at `price`. */
export function requestCost(price: Price): number {
  return (requestTokens.input * price.input + requestTokens.output * price.output) / 1_000_000;
}
