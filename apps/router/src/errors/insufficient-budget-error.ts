import { GatewayError } from './gateway-error.ts';

/**
 * The budget of a scope cannot afford the request's reservation (402). Not retryable as is: the
 * client should lower `max_tokens`, wait for the next period, or ask for a larger budget.
 */
export class InsufficientBudgetError extends GatewayError {
  /** US dollars left in the period. */
  readonly remaining: number;
  /** The largest `max_tokens` the remaining budget affords, when one does. */
  readonly affordableMaxTokens: number | undefined;

  constructor(options: { scope: string; remaining: number; affordableMaxTokens?: number }) {
    const affordable =
      options.affordableMaxTokens === undefined || options.affordableMaxTokens <= 0
        ? ''
        : ` It affords max_tokens up to ${options.affordableMaxTokens}.`;
    super({
      message:
        `The budget of ${options.scope} cannot afford this request: ` +
        `$${options.remaining.toFixed(6)} left in this period.${affordable}`,
      statusCode: 402,
      type: 'insufficient_budget',
      code: 'insufficient_budget',
    });
    this.name = 'InsufficientBudgetError';
    this.remaining = options.remaining;
    this.affordableMaxTokens = options.affordableMaxTokens;
  }
}
