import type { ScriptRedis, StoreScript } from '../store/store-script.ts';

/** What one hash gets from a batch: amounts per field, and its expiry if this creates it. */
export interface HashIncrement {
  key: string;
  amounts: Readonly<Record<string, number>>;
  ttlMs: number;
}

/**
 * `incrementFields` of several hashes in one round trip (one command on Upstash and Redis).
 * KEYS: the hashes. ARGV per key, in order: ttlMs, the number of fields, then field, amount
 * pairs. HINCRBY each field; the expiry is set only when the call creates the hash, as
 * `incrementFields` does. Returns how many hashes it wrote.
 */
const lua = `
local at = 1
for _, key in ipairs(KEYS) do
  local ttl, count = ARGV[at], tonumber(ARGV[at + 1])
  local created = redis.call('EXISTS', key) == 0
  for i = at + 2, at + 1 + count * 2, 2 do redis.call('HINCRBY', key, ARGV[i], ARGV[i + 1]) end
  if created then redis.call('PEXPIRE', key, ttl) end
  at = at + 2 + count * 2
end
return #KEYS`;

function incrementHashesTwin(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  let at = 0;
  for (const key of keys) {
    const ttl = Number(args[at]);
    const count = Number(args[at + 1]);
    const created = !redis.exists(key);
    for (let index = at + 2; index < at + 2 + count * 2; index += 2) {
      redis.hincrby(key, args[index] as string, Number(args[index + 1]));
    }
    if (created) redis.pexpire(key, ttl);
    at += 2 + count * 2;
  }
  return keys.length;
}

export const incrementHashesScript: StoreScript<number> = {
  name: 'increment-hashes',
  lua,
  memory: incrementHashesTwin,
  parse: (reply) => Number(reply),
};

/** The script's KEYS and ARGV for `increments` (each with at least one field). */
export function incrementHashesArguments(increments: readonly HashIncrement[]): {
  keys: string[];
  args: string[];
} {
  const args: string[] = [];
  for (const { amounts, ttlMs } of increments) {
    const fields = Object.entries(amounts);
    args.push(String(Math.max(1, Math.ceil(ttlMs))), String(fields.length));
    for (const [field, amount] of fields) args.push(field, String(amount));
  }
  return { keys: increments.map((increment) => increment.key), args };
}
