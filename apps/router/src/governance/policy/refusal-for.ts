import { AuthenticationError, type GatewayError } from '../../errors/index.ts';
import { InsufficientBudgetError } from '../../errors/insufficient-budget-error.ts';
import { RateLimitedError } from '../../errors/rate-limited-error.ts';
import type { RouteFacts } from '../../facts/route-facts.ts';
import type { AdmissionDecision } from '../admission.ts';
import { affordableMaxTokens, type CallEstimate } from '../estimate.ts';
import { toDollars } from '../scope-record.ts';
import { type ScopeRef, scopeName } from '../store-keys.ts';
import type { RequestScope } from './request-scopes.ts';

type Refusal = Exclude<AdmissionDecision, { status: 'admitted' | 'unavailable' }>;

// Nobody knows when a request in flight ends; a second is a fair time to look again.
const parallelRetryMs = 1_000;

/** The error that ends a refused request, with the limit facts its headers report. */
export function refusalFor(
  decision: Refusal,
  scopes: readonly RequestScope[],
  facts: RouteFacts,
  estimate: CallEstimate,
): GatewayError {
  const label = labelOf(decision.scope, scopes);
  switch (decision.status) {
    case 'gone':
    case 'stale':
      return new AuthenticationError('Invalid API key.');
    case 'disabled':
      return new AuthenticationError(`The ${label.replace(/^(key|team) .*/, '$1')} is disabled.`);
    case 'expired':
      return new AuthenticationError(`The ${label.replace(/^(key|team) .*/, '$1')} has expired.`);
    case 'parallel':
      facts.limits = { retryAfterMs: parallelRetryMs, shouldRetry: true };
      return new RateLimitedError({
        message: `Too many requests in flight for ${label}: its max_parallel is ${decision.limit}.`,
        code: 'max_parallel_exceeded',
        retryAfterMs: parallelRetryMs,
      });
    case 'rate': {
      const state = { limit: decision.limit, remaining: 0, resetMs: decision.retryAfterMs };
      const unit = decision.kind === 'requests' ? 'requests' : 'tokens';
      if (decision.never) {
        facts.limits = { [decision.kind]: state, shouldRetry: false };
        return new RateLimitedError({
          message: `This request needs up to ${estimate.totalTokens} tokens, more than the ${decision.limit} tokens per minute of ${label}. Lower max_tokens or shorten the prompt.`,
          code: 'request_too_large',
        });
      }
      facts.limits = { [decision.kind]: state, retryAfterMs: decision.retryAfterMs };
      return new RateLimitedError({
        message: `Rate limit of ${label} reached: ${decision.limit} ${unit} per minute. Retry after ${Math.ceil(decision.retryAfterMs / 1_000)} s.`,
        code: 'rate_limit_exceeded',
        retryAfterMs: decision.retryAfterMs,
      });
    }
    case 'budget':
      facts.limits = { shouldRetry: false };
      return new InsufficientBudgetError({
        scope: label,
        remaining: toDollars(decision.remainingNanos),
        affordableMaxTokens: affordableMaxTokens(decision.remainingNanos, estimate) || undefined,
      });
  }
}

function labelOf(scope: ScopeRef, scopes: readonly RequestScope[]): string {
  const name = scopeName(scope);
  return scopes.find((candidate) => scopeName(candidate.ref) === name)?.label ?? name;
}
