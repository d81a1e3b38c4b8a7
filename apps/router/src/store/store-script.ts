/**
 * An atomic script the store runs as one step: Lua through EVALSHA on Upstash and plain Redis
 * (falling back to EVAL when the server does not know it yet), and its twin in JavaScript on
 * the in-process store. Both must behave alike; the script contract tests run the same cases on
 * every store. Scripts name every key they touch in `keys` (Upstash and Redis Cluster need it).
 *
 * Replies follow Redis' conversion rules on both: a Lua number becomes an integer (fractions are
 * cut), a table an array, `nil`/false `null`, true 1; the in-process store converts what a twin
 * returns the same way. So money travels in integer units, and a Lua table must not hold nil
 * (Redis cuts the array there): use false for a gap.
 *
 * To refuse on purpose, the Lua returns `redis.error_reply('CODE message')` (or raises an error)
 * and the twin throws `StoreRefusedError`: both reject as `StoreRefusedError`, whatever the code,
 * except codes Redis uses for its own state (BUSY, LOADING, OOM, READONLY, NOSCRIPT, ...; see
 * `isRefusalReply`). Writes made before the refusal stay: check first, then write.
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
 * string or a hash; using it as the other kind throws `StoreRefusedError`, like WRONGTYPE). What
 * Redis refuses, the twin refuses too: numbers that are not integers, a PX below 1, HSET or HDEL
 * without fields. Counters stay within the safe integer range (Redis would go to 2^63).
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
