import { hsetField } from '../store/memory-script-redis.ts';
import type { ScriptRedis } from '../store/store-script.ts';
import { mergeVectors } from './merge-vectors.ts';
import { overflowField } from './store-keys.ts';

/**
 * The Lua function the record script adds sparse vectors with (see `sparse-vector.ts`): a new
 * field past the hash's cap of fields goes into the overflow field instead, so no request can
 * grow a rollup or the metrics without bound.
 */
export const addVectorLua = `
local function addVector(key, field, increment, cap, ttl)
  local current = redis.call('HGET', key, field)
  if not current and cap > 0 and redis.call('HLEN', key) >= cap then
    field = '${overflowField}'
    current = redis.call('HGET', key, field)
  end
  local sums, order = {}, {}
  local function take(text)
    for index, value in string.gmatch(text, '(%d+):(%-?%d+)') do
      local slot = tonumber(index)
      if not sums[slot] then
        sums[slot] = 0
        order[#order + 1] = slot
      end
      sums[slot] = sums[slot] + tonumber(value)
    end
  end
  if current then take(current) end
  take(increment)
  table.sort(order)
  local parts = {}
  for _, slot in ipairs(order) do
    if sums[slot] ~= 0 then parts[#parts + 1] = string.format('%d:%d', slot, sums[slot]) end
  end
  redis.call('HSET', key, field, table.concat(parts, ','))
  if ttl > 0 and redis.call('PTTL', key) == -1 then redis.call('PEXPIRE', key, ttl) end
end`;

/** `addVectorLua` over the in-process store. */
export function addVectorTwin(
  redis: ScriptRedis,
  key: string,
  field: string,
  increment: string,
  cap: number,
  ttl: number,
): void {
  let target = field;
  let current = redis.hget(key, target);
  if (current === null && cap > 0 && redis.hlen(key) >= cap) {
    target = overflowField;
    current = redis.hget(key, target);
  }
  hsetField(redis, key, target, mergeVectors(current ?? '', increment));
  if (ttl > 0 && redis.pttl(key) === -1) redis.pexpire(key, ttl);
}
