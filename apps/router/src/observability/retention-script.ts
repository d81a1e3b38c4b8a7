import type { ScriptRedis, StoreScript } from '../store/store-script.ts';

/** Minutes one retention pass may drop: the log hashes it names. */
export const retentionWindowMinutes = 60;

/**
 * Drops the oldest minutes of records while there are more than the cap or they have expired,
 * from the index's `oldest` minute on, then moves `oldest` to the first minute still holding
 * records (skipping empty hours by their counts). The cap never drops the current minute (or a
 * later one): the request log would empty under load; the record script bounds that minute
 * instead. A pass whose start is no longer the oldest minute (another one ran first) does nothing.
 *
 * KEYS: the retention index, then the log hashes of `retentionWindowMinutes` minutes from the
 * start. ARGV: the start minute, the minute before which records have expired, the record cap,
 * the current minute (how far to look for the next oldest).
 */
const lua = `
local start = tonumber(ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'oldest')) ~= start then return 0 end
local expireBefore, cap, nowMinute = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local total = tonumber(redis.call('HGET', KEYS[1], 'total') or '0')
local function text(n) return string.format('%d', n) end
for i = 0, #KEYS - 2 do
  local minute = start + i
  local field = 'm:' .. text(minute)
  local count = tonumber(redis.call('HGET', KEYS[1], field))
  if count then
    if (total <= cap or minute >= nowMinute) and minute >= expireBefore then
      redis.call('HSET', KEYS[1], 'oldest', text(minute), 'total', text(total))
      return 1
    end
    redis.call('DEL', KEYS[i + 2])
    redis.call('HDEL', KEYS[1], field)
    local hour = 'h:' .. text(math.floor(minute / 60))
    if redis.call('HINCRBY', KEYS[1], hour, -count) <= 0 then redis.call('HDEL', KEYS[1], hour) end
    total = total - count
  end
end
redis.call('HSET', KEYS[1], 'total', text(total))
local from = start + #KEYS - 1
for hour = math.floor(from / 60), math.floor(nowMinute / 60) + 1 do
  if redis.call('HGET', KEYS[1], 'h:' .. text(hour)) then
    for minute = math.max(hour * 60, from), hour * 60 + 59 do
      if redis.call('HGET', KEYS[1], 'm:' .. text(minute)) then
        redis.call('HSET', KEYS[1], 'oldest', text(minute))
        return 1
      end
    end
  end
end
redis.call('HDEL', KEYS[1], 'oldest')
return 1`;

function retentionTwin(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  const [index] = keys as [string];
  const [start, expireBefore, cap, nowMinute] = args.map(Number) as [
    number,
    number,
    number,
    number,
  ];
  if (Number(redis.hget(index, 'oldest')) !== start || redis.hget(index, 'oldest') === null) {
    return 0;
  }
  let total = Number(redis.hget(index, 'total') ?? '0');
  for (let i = 0; i < keys.length - 1; i += 1) {
    const minute = start + i;
    const field = `m:${minute}`;
    const stored = redis.hget(index, field);
    if (stored === null) continue;
    if ((total <= cap || minute >= nowMinute) && minute >= expireBefore) {
      redis.hset(index, { oldest: String(minute), total: String(total) });
      return 1;
    }
    const count = Number(stored);
    redis.del(keys[i + 1] as string);
    redis.hdel(index, [field]);
    const hour = `h:${Math.floor(minute / 60)}`;
    if (redis.hincrby(index, hour, -count) <= 0) redis.hdel(index, [hour]);
    total -= count;
  }
  redis.hset(index, { total: String(total) });
  const from = start + keys.length - 1;
  for (let hour = Math.floor(from / 60); hour <= Math.floor(nowMinute / 60) + 1; hour += 1) {
    if (redis.hget(index, `h:${hour}`) === null) continue;
    for (let minute = Math.max(hour * 60, from); minute <= hour * 60 + 59; minute += 1) {
      if (redis.hget(index, `m:${minute}`) !== null) {
        redis.hset(index, { oldest: String(minute) });
        return 1;
      }
    }
  }
  redis.hdel(index, ['oldest']);
  return 1;
}

/** One retention pass; `ran` is false when another pass had already moved on. */
export const retentionScript: StoreScript<{ ran: boolean }> = {
  name: 'observability-retention',
  lua,
  memory: retentionTwin,
  parse(reply) {
    if (reply !== 0 && reply !== 1) {
      throw new TypeError(`Unexpected reply from the retention script: ${JSON.stringify(reply)}`);
    }
    return { ran: reply === 1 };
  },
};
