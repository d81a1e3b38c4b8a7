import type { ScriptRedis, StoreScript } from '../store/store-script.ts';

/**
 * KEYS: the reservation hash, its spend counters, token windows and in-flight hashes, then one
 * alert key per budget and threshold (budget by budget). ARGV: reservation id, actual nanos,
 * actual tokens, now (epoch ms), the four counts (spend, token, in-flight, budget), the threshold
 * count and the thresholds, then per budget: the KEYS index of its spend counter, its limit and
 * the alert lifetime in ms (0 for none).
 */
const lua = `
local now = tonumber(ARGV[4])
local function int(n) return string.format('%d', n) end
local estimate = redis.call('HGET', KEYS[1], 'estimate')
if not estimate or tonumber(redis.call('HGET', KEYS[1], 'deadline')) <= now then return {'gone'} end
local delta = tonumber(ARGV[2]) - tonumber(estimate)
local tokenDelta = tonumber(ARGV[3]) - tonumber(redis.call('HGET', KEYS[1], 'tokens'))
local slot = redis.call('HGET', KEYS[1], 'second')
local inWindow = tonumber(slot) > math.floor(now / 1000) - 60
local spendCount, tokenCount, inflightCount = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local budgetCount, thresholdCount = tonumber(ARGV[8]), tonumber(ARGV[9])
local next = 2
for i = 1, spendCount do
  if delta ~= 0 and redis.call('EXISTS', KEYS[next]) == 1 then redis.call('INCRBY', KEYS[next], int(delta)) end
  next = next + 1
end
for i = 1, tokenCount do
  if tokenDelta ~= 0 and inWindow and redis.call('HGET', KEYS[next], slot) then
    redis.call('HINCRBY', KEYS[next], slot, int(tokenDelta))
  end
  next = next + 1
end
for i = 1, inflightCount do
  redis.call('HDEL', KEYS[next], ARGV[1])
  next = next + 1
end
redis.call('DEL', KEYS[1])
local reply = {'settled'}
for b = 1, budgetCount do
  local at = 10 + thresholdCount + (b - 1) * 3
  local limit, ttl = tonumber(ARGV[at + 1]), ARGV[at + 2]
  local spent = tonumber(redis.call('GET', KEYS[tonumber(ARGV[at])]) or '0')
  for t = 1, thresholdCount do
    local percent = tonumber(ARGV[9 + t])
    if spent > 0 and spent * 100 >= percent * limit then
      local set
      if ttl == '0' then set = redis.call('SET', KEYS[next], '1', 'NX')
      else set = redis.call('SET', KEYS[next], '1', 'NX', 'PX', ttl) end
      if set then
        reply[#reply + 1] = b
        reply[#reply + 1] = percent
        reply[#reply + 1] = spent
      end
    end
    next = next + 1
  end
end
return reply`;

/** The same steps as the Lua, over the in-process store. */
function settlementTwin(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  const key = (index: number) => keys[index - 1] as string;
  const now = Number(args[3]);
  const estimate = redis.hget(key(1), 'estimate');
  if (estimate === null || Number(redis.hget(key(1), 'deadline')) <= now) return ['gone'];
  const delta = Number(args[1]) - Number(estimate);
  const tokenDelta = Number(args[2]) - Number(redis.hget(key(1), 'tokens'));
  const slot = redis.hget(key(1), 'second') ?? '0';
  const inWindow = Number(slot) > Math.floor(now / 1_000) - 60;
  const [spendCount, tokenCount, inflightCount, budgetCount, thresholdCount] = args
    .slice(4, 9)
    .map(Number) as [number, number, number, number, number];
  let next = 2;
  for (let index = 0; index < spendCount; index += 1, next += 1) {
    if (delta !== 0 && redis.exists(key(next))) redis.incrby(key(next), delta);
  }
  for (let index = 0; index < tokenCount; index += 1, next += 1) {
    if (tokenDelta !== 0 && inWindow && redis.hget(key(next), slot) !== null) {
      redis.hincrby(key(next), slot, tokenDelta);
    }
  }
  for (let index = 0; index < inflightCount; index += 1, next += 1) {
    redis.hdel(key(next), [args[0] as string]);
  }
  redis.del(key(1));
  const reply: (string | number)[] = ['settled'];
  for (let budget = 1; budget <= budgetCount; budget += 1) {
    const at = 9 + thresholdCount + (budget - 1) * 3;
    const [spendIndex, limit, ttl] = args.slice(at, at + 3).map(Number) as [number, number, number];
    const spent = Number(redis.get(key(spendIndex)) ?? '0');
    for (let threshold = 0; threshold < thresholdCount; threshold += 1, next += 1) {
      const percent = Number(args[9 + threshold]);
      if (spent <= 0 || spent * 100 < percent * limit) continue;
      const set = redis.set(key(next), '1', ttl === 0 ? { nx: true } : { nx: true, px: ttl });
      if (set) reply.push(budget, percent, spent);
    }
  }
  return reply;
}

/** What the script answered: each crossing is a 1-based budget position, a percent, the spend. */
export type SettlementReply =
  | { status: 'settled'; crossings: [budget: number, percent: number, spendNanos: number][] }
  | { status: 'gone' };

/** Settles one reservation (see `settle` in `settlement.ts`, which lays out its arguments). */
export const settlementScript: StoreScript<SettlementReply> = {
  name: 'governance-settlement',
  lua,
  memory: settlementTwin,
  parse(reply) {
    if (!Array.isArray(reply)) throw unexpected(reply);
    const [status, ...numbers] = reply as unknown[];
    if (status === 'gone' && numbers.length === 0) return { status };
    const valid = numbers.length % 3 === 0 && numbers.every(Number.isSafeInteger);
    if (status !== 'settled' || !valid) throw unexpected(reply);
    const crossings = Array.from(
      { length: numbers.length / 3 },
      (_, index) => numbers.slice(index * 3, index * 3 + 3) as [number, number, number],
    );
    return { status, crossings };
  },
};

const unexpected = (reply: unknown) =>
  new TypeError(`Unexpected reply from the settlement script: ${JSON.stringify(reply)}`);
