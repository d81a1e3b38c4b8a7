import { GatewayError } from '../errors/gateway-error.ts';

const symbol = Symbol.for('switchyard.error.store_unavailable');

/** The store operations `withFailOpen` guards. */
export type StoreOperation = 'get' | 'set' | 'delete' | 'increment' | 'ping';

/**
 * The shared state store failed or did not answer within its time budget (503, retryable). The
 * underlying error is kept as `cause` for logs; the message never includes keys or values.
 */
export class StoreUnavailableError extends GatewayError {
  // Marks instances across copies of this module (see `isInstance`).
  protected readonly [symbol] = true;
  readonly operation: StoreOperation;
  /** Set when the store was too slow rather than failing outright. */
  readonly timeoutMs: number | undefined;

  constructor(options: { operation: StoreOperation; cause?: unknown; timeoutMs?: number }) {
    const reason =
      options.timeoutMs === undefined ? 'failed' : `did not answer within ${options.timeoutMs} ms`;
    super({
      message: `The gateway's state store is unavailable (${options.operation} ${reason}). Try again shortly.`,
      statusCode: 503,
      type: 'api_error',
      code: 'store_unavailable',
      isRetryable: true,
      cause: options.cause,
    });
    this.name = 'StoreUnavailableError';
    this.operation = options.operation;
    this.timeoutMs = options.timeoutMs;
  }

  static override isInstance(error: unknown): error is StoreUnavailableError {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}
