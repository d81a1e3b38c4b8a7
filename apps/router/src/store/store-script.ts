/**
 * An atomic script the store runs as one step: Lua through EVALSHA on Upstash and plain Redis
 * (falling back to EVAL when the server does not know it yet), and its twin in JavaScript on
 * the in-process store. Both must behave alike; the script contract tests run the same cases on
 * every store. Scripts name every key they touch in `keys` (Upstash and Redis Cluster need it).
 *
 * Replies follow Redis' conversion rules on both: a Lua number becomes an integer (fractions are
 * cut), a table an array, `nil`/false `null`. So a twin returns integers, strings, arrays and null
 * only, and money travels in integer units.
 *
 * @example
 * const touch: StoreScript<number> = {
 *   name: 'touch',
 *   lua: "return redis.call('INCRBY', KEYS[1], 1)",
 *   memory: (redis, [key]) => redis.incrby(key as string, 1),
 *   parse: (reply) => Number(reply),
 * };
 * await store.runScript(touch, ['counter'], []);
 */
export interface StoreScript<Result> {
  /** Names the script in errors and logs. */
  readonly name: string;
  /** Runs on Upstash and Redis 7.0 alike: no `#!lua flags=` shebang. */
  readonly lua: string;
  /** The same script over the in-process store; it runs synchronously, so it is atomic. */
  readonly memory: (
    redis: ScriptRedis,
    keys: readonly string[],
    args: readonly string[],
  ) => unknown;
  /** Turns the raw reply into the result; throws a `TypeError` for a reply it does not expect. */
  readonly parse: (reply: unknown) => Result;
}

/**
 * The Redis commands a script's JavaScript twin may call, with Redis' semantics (a key holds a
 * string or a hash; using it as the other kind throws `StoreRefusedError`, like WRONGTYPE).
 */
export interface ScriptRedis {
  get(key: string): string | null;
  /** SET with optional PX and NX; false when NX found the key. Without `px` the expiry is cleared. */
  set(key: string, value: string, options?: { px?: number; nx?: boolean }): boolean;
  del(key: string): number;
  exists(key: string): boolean;
  /** False when the key does not exist. */
  pexpire(key: string, ms: number): boolean;
  /** Milliseconds to expiry: -2 when the key is missing, -1 when it has no expiry. */
  pttl(key: string): number;
  /** INCRBY: keeps the expiry; a missing key counts as 0. */
  incrby(key: string, by: number): number;
  hget(key: string, field: string): string | null;
  /** HSET of each field; keeps the expiry. Returns the number of fields created. */
  hset(key: string, fields: Readonly<Record<string, string>>): number;
  hdel(key: string, fields: readonly string[]): number;
  hgetall(key: string): Record<string, string>;
  hincrby(key: string, field: string, by: number): number;
  hlen(key: string): number;
}
