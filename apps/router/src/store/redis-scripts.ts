import type { LuaScript } from './script-sha.ts';

/**
 * The Lua scripts behind the atomic operations of the stores over Redis (Upstash and plain
 * Redis). They run on both alike: no `#!lua flags=` shebang, and every key they touch is in KEYS.
 */

/**
 * Returns an error message when `current + step` is not what the memory store would accept:
 * `current` must be an integer in Redis' syntax and the sum a safe integer (beyond 2^53 the
 * router could not read the counter back exactly). Checking first keeps a refused call a no-op.
 */
const checkSum = `
local function checkSum(current, step)
  if current and not (current == '0' or string.match(current, '^%-?[1-9]%d*$')) then
    return 'ERR value is not an integer'
  end
  if math.abs((tonumber(current) or 0) + tonumber(step)) > 9007199254740991 then
    return 'ERR increment or decrement would overflow'
  end
  return nil
end`;

/** KEYS[1]; ARGV: step, ttlMs or ''. INCRBY, with the expiry only when this call creates the key. */
export const incrementScript: LuaScript = {
  name: 'increment',
  lua: `${checkSum}
local current = redis.call('GET', KEYS[1])
local refused = checkSum(current, ARGV[1])
if refused then return redis.error_reply(refused) end
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if not current and ARGV[2] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`,
};

/**
 * KEYS[1]; ARGV: ttlMs or '', then field, amount pairs. Every field is checked before any is
 * written, so the hash changes completely or not at all; the expiry is set only on creation.
 */
export const incrementFieldsScript: LuaScript = {
  name: 'increment-fields',
  lua: `${checkSum}
local created = redis.call('EXISTS', KEYS[1]) == 0
for i = 2, #ARGV, 2 do
  local refused = checkSum(redis.call('HGET', KEYS[1], ARGV[i]), ARGV[i + 1])
  if refused then return redis.error_reply(refused) end
end
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
if created and ARGV[1] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`,
};

/** KEYS[1]; ARGV[1]: the expected value. Returns 1 when it deleted the key. */
export const deleteIfEqualsScript: LuaScript = {
  name: 'delete-if-equals',
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
};

/**
 * KEYS: the hashes. Returns HGETALL of each key in order (flat field, value arrays; empty for a
 * missing hash); a key holding another kind fails the whole script with WRONGTYPE.
 */
export const getFieldsManyScript: LuaScript = {
  name: 'get-fields-many',
  lua: `
local hashes = {}
for index, key in ipairs(KEYS) do hashes[index] = redis.call('HGETALL', key) end
return hashes`,
};
