import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryEntries } from './memory-entries.ts';
import { createMemoryScriptRedis, hsetField } from './memory-script-redis.ts';
import type { ScriptRedis } from './store-script.ts';

const open = (now: () => number) => createMemoryScriptRedis(createMemoryEntries(now, 3), now);

describe('hsetField', () => {
  it('sets one field as HSET with that field does, for any run of commands', () => {
    const key = fc.constantFrom('h', 'i', 's', 'x', 'y');
    const command = fc.oneof(
      fc.record({
        kind: fc.constant('hset' as const),
        key,
        field: fc.constantFrom('a', 'b', '__proto__', 'constructor', 'req_01'),
        value: fc.constantFrom('1', 'v', ''),
      }),
      fc.record({
        kind: fc.constant('pexpire' as const),
        key,
        ms: fc.integer({ min: 1, max: 20 }),
      }),
      fc.record({ kind: fc.constant('set' as const), key }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.nat({ max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (run) => {
        let time = 0;
        const [fast, plain] = [open(() => time), open(() => time)] as [ScriptRedis, ScriptRedis];
        const outcome = (call: () => unknown) => {
          try {
            return { value: call() };
          } catch (error) {
            return { error: String(error) };
          }
        };
        for (const step of run) {
          if (step.kind === 'wait') time += step.ms;
          else if (step.kind === 'hset') {
            const { key: at, field, value } = step;
            expect(outcome(() => hsetField(fast, at, field, value))).toEqual(
              outcome(() => plain.hset(at, { [field]: value })),
            );
          } else {
            for (const redis of [fast, plain]) {
              if (step.kind === 'set') redis.set(step.key, 'v');
              else redis.pexpire(step.key, step.ms);
            }
          }
        }
        for (const at of ['h', 'i', 's', 'x', 'y']) {
          expect(outcome(() => fast.hgetall(at))).toEqual(outcome(() => plain.hgetall(at)));
          expect(fast.pttl(at)).toBe(plain.pttl(at));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('is HSET of a one-field object on any other ScriptRedis', () => {
    const calls: unknown[] = [];
    const other = { hset: (key: string, fields: object) => calls.push([key, fields]) };
    hsetField(other as unknown as ScriptRedis, 'h', 'f', 'v');
    expect(calls).toEqual([['h', { f: 'v' }]]);
  });
});
