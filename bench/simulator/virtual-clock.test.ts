import { describe, expect, it } from 'vitest';
import { createVirtualClock } from './virtual-clock.ts';

describe('createVirtualClock', () => {
  it('runs timers in time order, first-in first-out on ties, moving the clock', async () => {
    const clock = createVirtualClock();
    const seen: string[] = [];
    clock.schedule(200, () => seen.push(`b@${clock.now()}`));
    clock.schedule(100, () => seen.push(`a@${clock.now()}`));
    clock.schedule(200, () => seen.push(`c@${clock.now()}`));
    await clock.run();
    expect(seen).toEqual(['a@100', 'b@200', 'c@200']);
  });

  it('skips cancelled timers and stops at `until`', async () => {
    const clock = createVirtualClock();
    const seen: number[] = [];
    const cancelled = clock.schedule(10, () => seen.push(10));
    clock.schedule(20, () => seen.push(20));
    clock.schedule(30, () => seen.push(30));
    clock.cancel(cancelled);
    await clock.run(25);
    expect(seen).toEqual([20]);
    expect(clock.now()).toBe(20);
  });

  it('lets promise chains started by a timer settle before the next timer', async () => {
    const clock = createVirtualClock();
    const seen: string[] = [];
    clock.schedule(10, () => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => clock.schedule(clock.now() + 5, () => seen.push(`late@${clock.now()}`)));
    });
    clock.schedule(20, () => seen.push(`next@${clock.now()}`));
    await clock.run();
    expect(seen).toEqual(['late@15', 'next@20']);
  });

  it('puts the global setTimeout on virtual time while installed', async () => {
    const clock = createVirtualClock();
    const uninstall = clock.install();
    const started = performance.now();
    let woke = -1;
    try {
      const sleeping = new Promise<void>((resolve) => setTimeout(resolve, 3_600_000)).then(() => {
        woke = clock.now();
      });
      const cleared = setTimeout(() => {
        woke = -2;
      }, 10);
      clearTimeout(cleared);
      await clock.run();
      await sleeping;
    } finally {
      uninstall();
    }
    expect(woke).toBe(3_600_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
