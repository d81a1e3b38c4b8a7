const symbol = Symbol.for('switchyard.error.store_refused');

/**
 * The store refused a call because of its arguments (a bad TTL or amount) or the data at the key
 * (the wrong kind, a value that is not an integer, a sum that would overflow). The store is fine:
 * `guardStore` answers `unavailable` for the call but does not count it toward its breaker.
 * `cause` keeps the backend's own error when there is one.
 */
export class StoreRefusedError extends Error {
  // Marks instances across copies of this module (see `isInstance`).
  protected readonly [symbol] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreRefusedError';
  }

  static isInstance(error: unknown): error is StoreRefusedError {
    return typeof error === 'object' && error !== null && symbol in error;
  }
}
