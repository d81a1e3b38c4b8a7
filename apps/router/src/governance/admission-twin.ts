import { StoreRefusedError } from '../store/store-refused-error.ts';
import type { ScriptRedis } from '../store/store-script.ts';
import { firstScopeArgument, scopeField, scopeStride, windowTtlMs } from './admission-layout.ts';

type Reply = (string | number)[];

/** The admission script in JavaScript, step for step like its Lua in `admission-script.ts`. */
export function admissionTwin(
  redis: ScriptRedis,
  keys: readonly string[],
  args: readonly string[],
): Reply {
  const [reservationId = '', estimateArgument = '0', tokensArgument = '0'] = args;
  const now = Number(args[3]);
  const deadlineArgument = args[4] ?? '0';
  const second = Math.floor(now / 1_000);
  const estimate = Number(estimateArgument);
  const tokens = Number(tokensArgument);
  const count = Number(args[8]);
  const arg = (scope: number, offset: number) =>
    args[firstScopeArgument - 1 + (scope - 1) * scopeStride + offset] ?? '0';
  const key = (scope: number, offset: number): string | undefined => {
    const index = Number(arg(scope, offset));
    return index > 0 ? keys[index - 1] : undefined;
  };
  const reservationKey = keys[0] as string;

  const window = (rateKey: string) => {
    const slots: [number, number][] = [];
    const old: string[] = [];
    const fields = redis.hgetall(rateKey);
    for (const slot in fields) {
      if (Number(slot) <= second - 60) old.push(slot);
      else slots.push([Number(slot), Number(fields[slot])]);
    }
    if (old.length > 0) redis.hdel(rateKey, old);
    return { used: slots.reduce((sum, [, value]) => sum + value, 0), slots };
  };
  const retryAfter = (slots: [number, number][], excess: number) => {
    let freed = 0;
    for (const [slot, value] of slots.sort((a, b) => a[0] - b[0])) {
      freed += value;
      if (freed >= excess) return (slot + 60) * 1_000 - now;
    }
    return 60_000;
  };
  const running = (scope: number, inflight: string) => {
    const entries = Object.entries(redis.hgetall(inflight));
    const ended: string[] = [];
    let lost = 0;
    for (const [id, value] of entries) {
      const match = /^(\d+):(\d+)$/.exec(value);
      if (!match || Number(match[1]) <= now) {
        ended.push(id);
        lost += Number(match?.[2] ?? 0);
      }
    }
    if (ended.length > 0) {
      redis.hdel(inflight, ended);
      const flags = key(scope, scopeField.flags) as string;
      redis.hincrby(flags, 'unsettled', ended.length);
      redis.hincrby(flags, 'unsettled_nanos', lost);
    }
    return entries.length - ended.length;
  };

  if (redis.exists(reservationKey)) {
    throw new StoreRefusedError(`ERR reservation ${reservationId} was admitted already`);
  }

  for (let scope = 1; scope <= count; scope += 1) {
    const record = key(scope, scopeField.record);
    if (record === undefined) continue;
    if (!redis.exists(record)) return ['gone', scope];
    if (redis.hget(record, 'version') !== arg(scope, scopeField.version)) return ['stale', scope];
    if (redis.hget(record, 'disabled') === '1') return ['disabled', scope];
    const expires = redis.hget(record, 'expires_at') ?? '';
    if (expires !== '' && now >= Number(expires)) return ['expired', scope];
  }

  const states: number[][] = [];
  for (let scope = 1; scope <= count; scope += 1) {
    const state = [-1, -1, -1, -1, -1, -1, -1, -1];
    const inflight = key(scope, scopeField.inflight);
    if (inflight !== undefined) {
      const most = Number(arg(scope, scopeField.maxParallel));
      if (running(scope, inflight) >= most && most > 0) return ['parallel', scope, most];
    }
    for (const kind of [0, 1]) {
      const rateKey = key(scope, scopeField.requests + kind * 2);
      if (rateKey === undefined) continue;
      const most = Number(arg(scope, scopeField.rpm + kind * 2));
      const cost = kind === 0 ? 1 : tokens;
      const name = kind === 0 ? 'requests' : 'tokens';
      const { used, slots } = window(rateKey);
      if (cost > most) return ['rate', scope, name, most, 60_000, 1];
      if (used + cost > most) {
        return ['rate', scope, name, most, retryAfter(slots, used + cost - most), 0];
      }
      state.splice(kind * 3, 3, most, most - used - cost, (second + 60) * 1_000 - now);
    }
    const budgetKey = key(scope, scopeField.budget);
    if (budgetKey !== undefined) {
      const most = Number(arg(scope, scopeField.limitNanos));
      const spent = Number(redis.get(budgetKey) ?? '0');
      if (spent + estimate > most) return ['budget', scope, most, Math.max(0, most - spent)];
      state.splice(6, 2, most, most - spent - estimate);
    }
    states.push(state);
  }

  const reply: Reply = ['admitted'];
  for (let scope = 1; scope <= count; scope += 1) {
    const first = Number(arg(scope, scopeField.spend));
    for (let period = 0; first > 0 && period < 4; period += 1) {
      const spendKey = keys[first - 1 + period] as string;
      redis.incrby(spendKey, estimate);
      if (period > 0) redis.pexpire(spendKey, Number(args[4 + period]));
    }
    for (const kind of [0, 1]) {
      const rateKey = key(scope, scopeField.requests + kind * 2);
      if (rateKey === undefined) continue;
      redis.hincrby(rateKey, String(second), kind === 0 ? 1 : tokens);
      redis.pexpire(rateKey, windowTtlMs);
    }
    const inflight = key(scope, scopeField.inflight);
    if (inflight !== undefined) {
      redis.hset(inflight, { [reservationId]: `${deadlineArgument}:${estimateArgument}` });
    }
    reply.push(...(states[scope - 1] ?? []));
  }
  redis.hset(reservationKey, {
    estimate: estimateArgument,
    tokens: tokensArgument,
    second: String(second),
    deadline: deadlineArgument,
  });
  redis.pexpire(reservationKey, Number(deadlineArgument) - now);
  return reply;
}
