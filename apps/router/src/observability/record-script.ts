import { hsetField } from '../store/memory-script-redis.ts';
import type { ScriptRedis, StoreScript } from '../store/store-script.ts';
import { addVectorLua, addVectorTwin } from './vector-field.ts';

/**
 * Writes one request record and everything derived from it in one atomic step: the record into
 * its minute's hash, the retention counts, the hour's presence counts, the key's name, and the
 * rollup and metrics vectors. A record already there (a retried write) changes nothing. Past the
 * record cap in one minute, the record itself is not stored (retention never drops the current
 * minute, so this bounds it), but everything else is: counts, rollups and metrics stay exact.
 *
 * KEYS: the minute's log hash, the retention index, the hour's presence hash, then the hashes
 * the sets and vectors name by position. ARGV: id, record JSON, minute, log TTL ms, presence TTL
 * ms, the minute before which records have expired, the record cap, the presence count and
 * fields, the set count and (key position, field, value) triples, then (key position, field, TTL
 * ms, field cap, increment) for each vector.
 */
const lua = `${addVectorLua}
local id, minute = ARGV[1], tonumber(ARGV[3])
if redis.call('HGET', KEYS[1], id) then return {0, 0, 0} end
if redis.call('HINCRBY', KEYS[2], 'm:' .. ARGV[3], 1) <= tonumber(ARGV[7]) then
  redis.call('HSET', KEYS[1], id, ARGV[2])
  if redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
end
redis.call('HINCRBY', KEYS[2], 'h:' .. string.format('%d', math.floor(minute / 60)), 1)
local total = redis.call('HINCRBY', KEYS[2], 'total', 1)
local oldest = tonumber(redis.call('HGET', KEYS[2], 'oldest'))
if not oldest or minute < oldest then
  oldest = minute
  redis.call('HSET', KEYS[2], 'oldest', ARGV[3])
end
local at = 8
local fields = tonumber(ARGV[at])
for i = 1, fields do redis.call('HINCRBY', KEYS[3], ARGV[at + i], 1) end
if redis.call('PTTL', KEYS[3]) == -1 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
at = at + fields + 1
local sets = tonumber(ARGV[at])
for i = 0, sets - 1 do
  local base = at + 1 + i * 3
  redis.call('HSET', KEYS[tonumber(ARGV[base])], ARGV[base + 1], ARGV[base + 2])
end
at = at + 1 + sets * 3
while at + 4 <= #ARGV do
  addVector(KEYS[tonumber(ARGV[at])], ARGV[at + 1], ARGV[at + 4], tonumber(ARGV[at + 3]), tonumber(ARGV[at + 2]))
  at = at + 5
end
local cleanup = 0
if (total > tonumber(ARGV[7]) and oldest < minute) or oldest < tonumber(ARGV[6]) then cleanup = 1 end
return {1, cleanup, oldest}`;

/** `lua` over the in-process store. `args[i]` is the Lua's `ARGV[i + 1]`. */
function recordTwin(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  const [log, index, presence] = keys as [string, string, string];
  const [id, json, minuteText] = args as [string, string, string];
  const minute = Number(minuteText);
  if (redis.hget(log, id) !== null) return [0, 0, 0];
  if (redis.hincrby(index, `m:${minuteText}`, 1) <= Number(args[6])) {
    hsetField(redis, log, id, json);
    if (redis.pttl(log) === -1) redis.pexpire(log, Number(args[3]));
  }
  redis.hincrby(index, `h:${Math.floor(minute / 60)}`, 1);
  const total = redis.hincrby(index, 'total', 1);
  let oldest = Number(redis.hget(index, 'oldest') ?? Number.NaN);
  if (Number.isNaN(oldest) || minute < oldest) {
    oldest = minute;
    redis.hset(index, { oldest: minuteText });
  }
  let at = 7;
  const fields = Number(args[at]);
  for (let i = 1; i <= fields; i += 1) redis.hincrby(presence, args[at + i] as string, 1);
  if (redis.pttl(presence) === -1) redis.pexpire(presence, Number(args[4]));
  at += fields + 1;
  const sets = Number(args[at]);
  for (let i = 0; i < sets; i += 1) {
    const base = at + 1 + i * 3;
    hsetField(
      redis,
      keys[Number(args[base]) - 1] as string,
      args[base + 1] as string,
      args[base + 2] as string,
    );
  }
  at += 1 + sets * 3;
  for (; at + 4 < args.length; at += 5) {
    const key = keys[Number(args[at]) - 1] as string;
    const field = args[at + 1] as string;
    const increment = args[at + 4] as string;
    addVectorTwin(redis, key, field, increment, Number(args[at + 3]), Number(args[at + 2]));
  }
  // Over the cap with nothing older than this minute: a pass would find nothing to drop.
  const cleanup = (total > Number(args[6]) && oldest < minute) || oldest < Number(args[5]) ? 1 : 0;
  return [1, cleanup, oldest];
}

/** Whether the record was new, and whether retention has work (with the oldest minute it holds). */
export type RecordReply =
  | { status: 'written'; cleanup: boolean; oldestMinute: number }
  | { status: 'duplicate' };

/** See `writeRecord` in `write-record.ts`, which lays out its keys and arguments. */
export const recordScript: StoreScript<RecordReply> = {
  name: 'observability-record',
  lua,
  memory: recordTwin,
  parse(reply) {
    const valid =
      Array.isArray(reply) && reply.length === 3 && reply.every((n) => Number.isSafeInteger(n));
    if (!valid)
      throw new TypeError(`Unexpected reply from the record script: ${JSON.stringify(reply)}`);
    const [written, cleanup, oldestMinute] = reply as [number, number, number];
    if (written === 0) return { status: 'duplicate' };
    return { status: 'written', cleanup: cleanup === 1, oldestMinute };
  },
};
