import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { Store } from './store.ts';
import { createUpstashStore } from './upstash-store.ts';

/** The store a Node process runs on, what to call it in logs, and how to let go of it. */
export interface NodeStore {
  store: Store;
  /** Which store, for the start-up log line: never a password or token. */
  description: string;
  /** Closes the store's connection, if it has one. */
  close(): Promise<void>;
}

/**
 * Picks the store for a Node process from its environment: plain Redis when `REDIS_URL` is
 * set (preferred on Node, even when the Upstash variables are set too), Upstash when
 * `UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN` are, the in-process store otherwise.
 *
 * @example
 * const { store, description, close } = createNodeStore(process.env);
 * console.log(`state in ${description}`); // state in Redis at redis://:***@10.0.0.5:6379/0
 */
export function createNodeStore(env: Readonly<Record<string, string | undefined>>): NodeStore {
  const redisUrl = env.REDIS_URL;
  if (redisUrl) {
    const store = createRedisStore({ url: redisUrl });
    return { store, description: `Redis at ${withoutSecrets(redisUrl)}`, close: store.close };
  }
  const url = env.UPSTASH_REDIS_REST_URL;
  const token = env.UPSTASH_REDIS_REST_TOKEN;
  if (url && token) {
    const store = createUpstashStore({ url, token });
    return { store, description: `Upstash at ${withoutSecrets(url)}`, close: async () => {} };
  }
  return {
    store: createMemoryStore(),
    description: 'the in-process store (not shared with other processes)',
    close: async () => {},
  };
}

/** The URL with its password (and query, which may carry tokens) masked; unreadable ones hidden. */
function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}
