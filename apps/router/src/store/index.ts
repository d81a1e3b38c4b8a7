export { type FailOpenOptions, withFailOpen } from './fail-open-store.ts';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
export type { Store, StoreSetOptions } from './store.ts';
export { type StoreOperation, StoreUnavailableError } from './store-unavailable-error.ts';
export { createUpstashStore, type UpstashStoreOptions } from './upstash-store.ts';
