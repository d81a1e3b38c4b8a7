/**
 * Virtual time for the simulator. Timers live in a binary heap ordered by due time (then by
 * creation, so ties run first-in first-out); `run` pops them one at a time, moves the clock to
 * the due time and lets every promise the callback started settle before the next timer.
 * `install` puts `setTimeout`/`clearTimeout` on this clock, so the router's attempt deadlines
 * and backoff sleeps pass in virtual time too: nothing really sleeps.
 */
export interface VirtualClock {
  now(): number;
  /** Runs `callback` at `at` (not before the current time); returns a handle for `cancel`. */
  schedule(at: number, callback: () => void): VirtualTimer;
  cancel(timer: VirtualTimer | undefined): void;
  /** Routes the global timers to this clock until the returned function is called. */
  install(): () => void;
  /** Processes timers until none is left or the next is after `until`. */
  run(until?: number): Promise<void>;
}

export interface VirtualTimer {
  at: number;
  sequence: number;
  callback: (() => void) | undefined;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createVirtualClock(start = 0): VirtualClock {
  let current = start;
  let sequence = 0;
  const heap: VirtualTimer[] = [];
  const before = (left: VirtualTimer, right: VirtualTimer) =>
    left.at < right.at || (left.at === right.at && left.sequence < right.sequence);

  const push = (timer: VirtualTimer) => {
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(timer, heap[parent] as VirtualTimer)) break;
      heap[index] = heap[parent] as VirtualTimer;
      index = parent;
    }
    heap[index] = timer;
  };

  const pop = (): VirtualTimer | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as VirtualTimer, heap[left] as VirtualTimer)
          ? right
          : left;
      if (!before(heap[child] as VirtualTimer, last)) break;
      heap[index] = heap[child] as VirtualTimer;
      index = child;
    }
    heap[index] = last;
    return top;
  };

  const clock: VirtualClock = {
    now: () => current,
    schedule(at, callback) {
      const timer = { at: Math.max(at, current), sequence: sequence++, callback };
      push(timer);
      return timer;
    },
    cancel(timer) {
      if (timer !== undefined) timer.callback = undefined;
    },
    install() {
      const realSetTimeout = globalThis.setTimeout;
      const realClearTimeout = globalThis.clearTimeout;
      const virtualSetTimeout = (callback: () => void, ms = 0) =>
        clock.schedule(current + Math.max(0, ms), callback);
      const virtualClearTimeout = (timer: unknown) => {
        if (isVirtualTimer(timer)) clock.cancel(timer);
      };
      globalThis.setTimeout = virtualSetTimeout as unknown as typeof setTimeout;
      globalThis.clearTimeout = virtualClearTimeout as typeof clearTimeout;
      return () => {
        globalThis.setTimeout = realSetTimeout;
        globalThis.clearTimeout = realClearTimeout;
      };
    },
    async run(until = Number.POSITIVE_INFINITY) {
      await settle();
      for (;;) {
        const next = heap[0];
        if (next === undefined || next.at > until) return;
        pop();
        const callback = next.callback;
        if (callback === undefined) continue;
        current = next.at;
        callback();
        await settle();
      }
    },
  };
  return clock;
}

function isVirtualTimer(value: unknown): value is VirtualTimer {
  return typeof value === 'object' && value !== null && 'sequence' in value && 'at' in value;
}
