import { StoreRefusedError } from '../../store/store-refused-error.ts';
import type { ScriptRedis, StoreScript } from '../../store/store-script.ts';

/**
 * What the commit script answers: every check held and every write ran (with the new `version`
 * of each record put, in order), or the first check that failed, by its position in `keys`.
 */
export type CommitReply =
  | { status: 'committed'; versions: string[] }
  | { status: 'conflict'; keyIndex: number }
  | { status: 'not_empty'; keyIndex: number };

/**
 * One management change as a single atomic step: checks first (`expect` a record's version, ''
 * for absent; `empty` hash), then writes (`put` replaces a record and sets its `version` to
 * max(old + 1, ARGV[1]), an increasing integer even across a delete and re-create; `del`, `hset`,
 * `hdel`, `append` = HSET + PEXPIRE for the audit day). ARGV[1] is the clock; then each operation
 * is its name, the 1-based index of its key in KEYS, and its arguments. A check after a write is
 * refused: Redis cannot undo the writes before it.
 */
const lua = `
local floor = tonumber(ARGV[1])
local versions = {'ok'}
local writing = false
local i = 2
while i <= #ARGV do
  local op, index = ARGV[i], ARGV[i + 1]
  local key = KEYS[tonumber(index)]
  if op == 'expect' or op == 'empty' then
    if writing then return redis.error_reply('ERR commit checks must come before writes') end
    if op == 'expect' then
      if (redis.call('HGET', key, 'version') or '') ~= ARGV[i + 2] then return {'conflict', index} end
      i = i + 3
    else
      if redis.call('HLEN', key) > 0 then return {'not_empty', index} end
      i = i + 2
    end
  else
    writing = true
    if op == 'put' then
      local count = tonumber(ARGV[i + 2])
      local old = tonumber(redis.call('HGET', key, 'version') or '0') or 0
      local version = string.format('%d', math.max(old + 1, floor))
      local fields = {'version', version}
      for j = i + 3, i + 2 + 2 * count do fields[#fields + 1] = ARGV[j] end
      redis.call('DEL', key)
      redis.call('HSET', key, unpack(fields))
      versions[#versions + 1] = version
      i = i + 3 + 2 * count
    elseif op == 'del' then
      redis.call('DEL', key)
      i = i + 2
    elseif op == 'hset' then
      redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
      i = i + 4
    elseif op == 'hdel' then
      redis.call('HDEL', key, ARGV[i + 2])
      i = i + 3
    elseif op == 'append' then
      redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
      redis.call('PEXPIRE', key, ARGV[i + 4])
      i = i + 5
    else
      return redis.error_reply('ERR unknown commit operation')
    end
  end
end
return versions`;

/** The same steps over the in-process store; see `lua`. */
function commitInMemory(redis: ScriptRedis, keys: readonly string[], args: readonly string[]) {
  const floor = Number(args[0]);
  const versions = ['ok'];
  let writing = false;
  let i = 1;
  const arg = (offset: number) => args[i + offset] as string;
  while (i < args.length) {
    const [op, index] = [arg(0), arg(1)];
    const key = keys[Number(index) - 1] as string;
    if (op === 'expect' || op === 'empty') {
      if (writing) throw new StoreRefusedError('ERR commit checks must come before writes');
      if (op === 'expect' && (redis.hget(key, 'version') ?? '') !== arg(2))
        return ['conflict', index];
      if (op === 'empty' && redis.hlen(key) > 0) return ['not_empty', index];
      i += op === 'expect' ? 3 : 2;
      continue;
    }
    writing = true;
    if (op === 'put') {
      const count = Number(arg(2));
      const old = Number(redis.hget(key, 'version') ?? '0') || 0;
      const version = String(Math.max(old + 1, floor));
      const fields: Record<string, string> = {};
      for (let j = 0; j < count; j++) fields[arg(3 + 2 * j)] = arg(4 + 2 * j);
      redis.del(key);
      redis.hset(key, { ...fields, version });
      versions.push(version);
      i += 3 + 2 * count;
    } else if (op === 'del') {
      redis.del(key);
      i += 2;
    } else if (op === 'hset') {
      redis.hset(key, { [arg(2)]: arg(3) });
      i += 4;
    } else if (op === 'hdel') {
      redis.hdel(key, [arg(2)]);
      i += 3;
    } else if (op === 'append') {
      redis.hset(key, { [arg(2)]: arg(3) });
      redis.pexpire(key, Number(arg(4)));
      i += 5;
    } else {
      throw new StoreRefusedError('ERR unknown commit operation');
    }
  }
  return versions;
}

/** Runs a commit built by `commit-change.ts`; see `lua` for the operations. */
export const commitScript: StoreScript<CommitReply> = {
  name: 'governance-commit',
  lua,
  memory: commitInMemory,
  parse(reply) {
    if (!Array.isArray(reply) || !reply.every((item) => typeof item === 'string')) {
      throw new TypeError('governance-commit: expected an array of strings');
    }
    const [status, ...rest] = reply as string[];
    if (status === 'ok') return { status: 'committed', versions: rest };
    if (status === 'conflict' || status === 'not_empty') {
      return { status, keyIndex: Number(rest[0]) - 1 };
    }
    throw new TypeError(`governance-commit: unexpected reply ${String(status)}`);
  },
};
