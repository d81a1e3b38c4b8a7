import { GatewayError } from '../errors/gateway-error.ts';

const symbol = Symbol.for('switchyard.error.store_unavailable');

/** The store operations `guardStore` guards. */
export type StoreOperation =
  | 'get'
  | 'set'
  | 'delete'
  | 'deleteIfEquals'
  | 'increment'
  | 'incrementFields'
  | 'getFields'
  | 'getFieldsMany'
  | 'runScript'
  | 'ping';

export interface StoreUnavailableErrorOptions {
  operation: StoreOperation;
  cause?: unknown;
  /** Set when the store was too slow rather than failing outright. */
  timeoutMs?: number;
  /** Set when the call never reached the store because its breaker is open. */
  circuitOpen?: boolean;
}

/**
 * The shared state store failed, did not answer within its time budget, or is skipped while its
 * breaker is open (503, retryable). The underlying error is kept as `cause` for logs; the message
 * never includes keys or values.
 */
export class StoreUnavailableError extends GatewayError {
  // Marks instances across copies of this module (see `isInstance`).
  protected readonly [symbol] = true;
  readonly operation: StoreOperation;
  /** Set when the store was too slow rather than failing outright. */
  readonly timeoutMs: number | undefined;
  /** True when the call was not attempted because the store failed repeatedly just before. */
  readonly circuitOpen: boolean;

  constructor(options: StoreUnavailableErrorOptions) {
    super({
      message: `The gateway's state store is unavailable (${options.operation} ${reason(options)}). Try again shortly.`,
      statusCode: 503,
      type: 'api_error',
      code: 'store_unavailable',
      isRetryable: true,
      cause: options.cause,
    });
    this.name = 'StoreUnavailableError';
    this.operation = options.operation;
    this.timeoutMs = options.timeoutMs;
    this.circuitOpen = options.circuitOpen === true;
  }

  static override isInstance(error: unknown): error is StoreUnavailableError {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}

function reason(options: StoreUnavailableErrorOptions): string {
  if (options.circuitOpen) return 'skipped: the store failed repeatedly just before';
  if (options.timeoutMs !== undefined) return `did not answer within ${options.timeoutMs} ms`;
  return 'failed';
}
