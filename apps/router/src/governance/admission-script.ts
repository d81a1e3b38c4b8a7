import type { StoreScript } from '../store/store-script.ts';
import { firstScopeArgument, scopeField, scopeStride, windowTtlMs } from './admission-layout.ts';
import { admissionTwin } from './admission-twin.ts';

const field = (name: keyof typeof scopeField) => scopeField[name];

const lua = `
local now = tonumber(ARGV[4])
local second = math.floor(now / 1000)
local estimate = tonumber(ARGV[2])
local tokens = tonumber(ARGV[3])
local count = tonumber(ARGV[9])
local function int(n) return string.format('%d', n) end
local function arg(s, f) return ARGV[${firstScopeArgument} + (s - 1) * ${scopeStride} + f] end
local function key(s, f)
  local index = tonumber(arg(s, f))
  if index > 0 then return KEYS[index] end
  return nil
end

local function window(rateKey)
  local flat = redis.call('HGETALL', rateKey)
  local used, slots, old = 0, {}, {}
  for i = 1, #flat, 2 do
    local slot = tonumber(flat[i])
    if slot <= second - 60 then old[#old + 1] = flat[i]
    else
      used = used + tonumber(flat[i + 1])
      slots[#slots + 1] = {slot, tonumber(flat[i + 1])}
    end
  end
  if #old > 0 then redis.call('HDEL', rateKey, unpack(old)) end
  return used, slots
end

local function retryAfter(slots, excess)
  table.sort(slots, function(a, b) return a[1] < b[1] end)
  local freed = 0
  for _, slot in ipairs(slots) do
    freed = freed + slot[2]
    if freed >= excess then return (slot[1] + 60) * 1000 - now end
  end
  return 60000
end

local function running(s, inflight)
  local flat = redis.call('HGETALL', inflight)
  local ended, lost = {}, 0
  for i = 1, #flat, 2 do
    local deadline, reserved = string.match(flat[i + 1], '^(%d+):(%d+)$')
    if not deadline or tonumber(deadline) <= now then
      ended[#ended + 1] = flat[i]
      lost = lost + (tonumber(reserved) or 0)
    end
  end
  if #ended > 0 then
    redis.call('HDEL', inflight, unpack(ended))
    redis.call('HINCRBY', key(s, ${field('flags')}), 'unsettled', int(#ended))
    redis.call('HINCRBY', key(s, ${field('flags')}), 'unsettled_nanos', int(lost))
  end
  return #flat / 2 - #ended
end

if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('ERR reservation ' .. ARGV[1] .. ' was admitted already')
end

for s = 1, count do
  local record = key(s, ${field('record')})
  if record then
    if redis.call('EXISTS', record) == 0 then return {'gone', s} end
    if redis.call('HGET', record, 'version') ~= arg(s, ${field('version')}) then return {'stale', s} end
    if redis.call('HGET', record, 'disabled') == '1' then return {'disabled', s} end
    local expires = tonumber(redis.call('HGET', record, 'expires_at') or '')
    if expires and now >= expires then return {'expired', s} end
  end
end

local states = {}
for s = 1, count do
  local state = {-1, -1, -1, -1, -1, -1, -1, -1}
  local inflight = key(s, ${field('inflight')})
  if inflight then
    local most = tonumber(arg(s, ${field('maxParallel')}))
    if running(s, inflight) >= most and most > 0 then return {'parallel', s, most} end
  end
  for kind = 0, 1 do
    local rateKey = key(s, ${field('requests')} + kind * 2)
    if rateKey then
      local most = tonumber(arg(s, ${field('rpm')} + kind * 2))
      local cost = kind == 0 and 1 or tokens
      local name = kind == 0 and 'requests' or 'tokens'
      local used, slots = window(rateKey)
      if cost > most then return {'rate', s, name, most, 60000, 1} end
      if used + cost > most then
        return {'rate', s, name, most, retryAfter(slots, used + cost - most), 0}
      end
      state[1 + kind * 3] = most
      state[2 + kind * 3] = most - used - cost
      state[3 + kind * 3] = (second + 60) * 1000 - now
    end
  end
  local budgetKey = key(s, ${field('budget')})
  if budgetKey then
    local most = tonumber(arg(s, ${field('limitNanos')}))
    local spent = tonumber(redis.call('GET', budgetKey) or '0')
    if spent + estimate > most then return {'budget', s, most, math.max(0, most - spent)} end
    state[7] = most
    state[8] = most - spent - estimate
  end
  states[s] = state
end

local reply = {'admitted'}
for s = 1, count do
  local first = tonumber(arg(s, ${field('spend')}))
  if first > 0 then
    for period = 0, 3 do
      redis.call('INCRBY', KEYS[first + period], ARGV[2])
      if period > 0 then redis.call('PEXPIRE', KEYS[first + period], ARGV[5 + period]) end
    end
  end
  for kind = 0, 1 do
    local rateKey = key(s, ${field('requests')} + kind * 2)
    if rateKey then
      redis.call('HINCRBY', rateKey, int(second), kind == 0 and '1' or ARGV[3])
      redis.call('PEXPIRE', rateKey, ${windowTtlMs})
    end
  end
  local inflight = key(s, ${field('inflight')})
  if inflight then redis.call('HSET', inflight, ARGV[1], ARGV[5] .. ':' .. ARGV[2]) end
  for _, value in ipairs(states[s]) do reply[#reply + 1] = value end
end
redis.call('HSET', KEYS[1], 'estimate', ARGV[2], 'tokens', ARGV[3], 'second', int(second), 'deadline', ARGV[5])
redis.call('PEXPIRE', KEYS[1], int(tonumber(ARGV[5]) - now))
return reply`;

/** What the script answered; scopes are 1-based positions in the request's scope list. */
export type AdmissionReply =
  | { status: 'admitted'; states: number[][] }
  | { status: 'gone' | 'stale' | 'disabled' | 'expired'; scope: number }
  | { status: 'parallel'; scope: number; limit: number }
  | {
      status: 'rate';
      scope: number;
      kind: 'requests' | 'tokens';
      limit: number;
      retryAfterMs: number;
      never: boolean;
    }
  | { status: 'budget'; scope: number; limitNanos: number; remainingNanos: number };

/**
 * Checks and charges every scope of one request at once (see `admit` in `admission.ts`, which
 * builds its arguments). Runs as Lua on Redis and as `admissionTwin` in process.
 */
export const admissionScript: StoreScript<AdmissionReply> = {
  name: 'governance-admission',
  lua,
  memory: admissionTwin,
  parse: parseAdmissionReply,
};

function parseAdmissionReply(reply: unknown): AdmissionReply {
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') throw unexpected(reply);
  const [status, ...rest] = reply as [string, ...unknown[]];
  const numbers = rest.map((value) => (typeof value === 'string' ? value : integer(value, reply)));
  const at = (index: number) => integer(numbers[index], reply);
  switch (status) {
    case 'admitted': {
      if (numbers.length % 8 !== 0) throw unexpected(reply);
      const states = Array.from({ length: numbers.length / 8 }, (_, scope) =>
        Array.from({ length: 8 }, (_, index) => at(scope * 8 + index)),
      );
      return { status, states };
    }
    case 'gone':
    case 'stale':
    case 'disabled':
    case 'expired':
      return { status, scope: at(0) };
    case 'parallel':
      return { status, scope: at(0), limit: at(1) };
    case 'rate': {
      const kind = numbers[1];
      if (kind !== 'requests' && kind !== 'tokens') throw unexpected(reply);
      const [scope, limit, retryAfterMs, never] = [at(0), at(2), at(3), at(4)];
      return { status, scope, kind, limit, retryAfterMs, never: never === 1 };
    }
    case 'budget':
      return { status, scope: at(0), limitNanos: at(1), remainingNanos: at(2) };
    default:
      throw unexpected(reply);
  }
}

function integer(value: unknown, reply: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw unexpected(reply);
  return value;
}

const unexpected = (reply: unknown) =>
  new TypeError(`Unexpected reply from the admission script: ${JSON.stringify(reply)}`);
