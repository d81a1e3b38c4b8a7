import type { StoreScript } from './store-script.ts';
import type { StoreUnavailableError } from './store-unavailable-error.ts';

/** A read from the guarded store: the value, nothing stored, or the store could not tell. */
export type StoreLookup<T> =
  | { status: 'value'; value: T }
  | { status: 'absent' }
  | { status: 'unavailable'; error: StoreUnavailableError };

/** A write (or a read that always has an answer) through the guarded store. */
export type StoreResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'unavailable'; error: StoreUnavailableError };

/**
 * The store as requests see it: never throws, never waits past its time budget; every call says
 * whether it reached the store. Callers decide: the response cache and metrics treat
 * `unavailable` as a miss, limits and budgets fail closed unless configured otherwise.
 */
export interface GuardedStore {
  readonly kind: 'memory' | 'upstash' | 'redis';
  get(key: string): Promise<StoreLookup<string>>;
  set(
    key: string,
    value: string,
    options?: { ttlMs?: number; onlyIfAbsent?: boolean },
  ): Promise<StoreResult<boolean>>;
  delete(key: string): Promise<StoreResult<void>>;
  deleteIfEquals(key: string, value: string): Promise<StoreResult<boolean>>;
  increment(key: string, by?: number, options?: { ttlMs?: number }): Promise<StoreResult<number>>;
  incrementFields(
    key: string,
    amounts: Readonly<Record<string, number>>,
    options?: { ttlMs?: number },
  ): Promise<StoreResult<void>>;
  /** `absent` when the hash does not exist (no fields). */
  getFields(key: string): Promise<StoreLookup<Record<string, string>>>;
  /** Every field of each hash, in the order of `keys`; `{}` for a hash that does not exist. */
  getFieldsMany(keys: readonly string[]): Promise<StoreResult<Record<string, string>[]>>;
  runScript<Result>(
    script: StoreScript<Result>,
    keys: readonly string[],
    args: readonly string[],
  ): Promise<StoreResult<Result>>;
  ping(): Promise<StoreResult<void>>;
}
