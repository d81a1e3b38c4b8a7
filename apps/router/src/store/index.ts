export { type GuardStoreOptions, guardStore } from './guarded-store.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export type { Store, StoreSetOptions } from './store.ts';
export type { StoreBreakerOptions } from './store-breaker.ts';
export { StoreRefusedError } from './store-refused-error.ts';
export type { GuardedStore, StoreLookup, StoreResult } from './store-result.ts';
export type { ScriptRedis, StoreScript } from './store-script.ts';
export { type StoreOperation, StoreUnavailableError } from './store-unavailable-error.ts';
export { createUpstashStore, type UpstashStoreOptions } from './upstash-store.ts';
