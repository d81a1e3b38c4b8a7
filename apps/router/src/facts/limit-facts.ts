/** One rate limit's state after this request, from the tightest scope that has it. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Until the window has room for the limit again. */
  resetMs: number;
}

/** What the control plane decided for this request: limits left, and whether to retry. */
export interface LimitFacts {
  requests?: RateLimitState;
  tokens?: RateLimitState;
  /** Set when a limit refused the request and waiting this long lets it through. */
  retryAfterMs?: number;
  /** False when retrying the same request cannot succeed (a spent budget, a request over tpm). */
  shouldRetry?: boolean;
}

/** OpenAI's duration format for `x-ratelimit-reset-*`: `20ms`, `1s`, `6m0s`, `1h2m3s`. */
export function formatResetDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const totalSeconds = Math.ceil(ms / 1_000);
  const hours = Math.floor(totalSeconds / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** `x-ratelimit-*` (OpenAI's names), `retry-after` and `x-should-retry` for these facts. */
export function limitHeaders(limits: LimitFacts): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [kind, state] of [
    ['requests', limits.requests],
    ['tokens', limits.tokens],
  ] as const) {
    if (state === undefined) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(state.limit);
    headers[`x-ratelimit-remaining-${kind}`] = String(Math.max(0, state.remaining));
    headers[`x-ratelimit-reset-${kind}`] = formatResetDuration(state.resetMs);
  }
  if (limits.retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(limits.retryAfterMs / 1_000)));
    headers['retry-after-ms'] = String(Math.max(1, Math.ceil(limits.retryAfterMs)));
  }
  if (limits.shouldRetry !== undefined) headers['x-should-retry'] = String(limits.shouldRetry);
  return headers;
}
