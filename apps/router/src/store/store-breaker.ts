export interface StoreBreakerOptions {
  /**
   * Consecutive failures that open the breaker (default 3): timeouts, network errors, errors from
   * the backend itself. Refusals (`StoreRefusedError`) are not failures.
   */
  failureThreshold?: number;
  /** How long an open breaker refuses calls before letting one probe through (default 2000). */
  cooldownMs?: number;
}

/** Permission for one call to reach the store; hand it back to `settle` with the outcome. */
export interface BreakerTicket {
  readonly generation: number;
  readonly probe: boolean;
}

export interface StoreBreaker {
  /** A ticket when the call may reach the store, undefined when it must be answered at once. */
  admit(): BreakerTicket | undefined;
  settle(ticket: BreakerTicket, succeeded: boolean): void;
  /**
   * Hands back a ticket whose call says nothing about the store's health (it refused the
   * arguments or the data): counts nothing, and lets the next call probe if this one was the probe.
   */
  release(ticket: BreakerTicket): void;
}

/**
 * A circuit breaker over the whole store: closed until `failureThreshold` consecutive failures,
 * then open for `cooldownMs`, then exactly one probe at a time until one succeeds. Outcomes of
 * calls admitted before the last state change are ignored: a slow success from before an outage
 * must not close the breaker, nor a late failure from before recovery open it.
 */
export function createStoreBreaker(options: StoreBreakerOptions, now: () => number): StoreBreaker {
  const failureThreshold = options.failureThreshold ?? 3;
  const cooldownMs = options.cooldownMs ?? 2_000;
  if (!Number.isSafeInteger(failureThreshold) || failureThreshold < 1) {
    throw new RangeError(`failureThreshold must be a positive integer, got ${failureThreshold}`);
  }
  if (!Number.isFinite(cooldownMs) || cooldownMs <= 0) {
    throw new RangeError(`cooldownMs must be a positive number, got ${cooldownMs}`);
  }

  let generation = 0;
  let failures = 0;
  /** Epoch ms from which a probe may pass; undefined while closed. */
  let probeAfter: number | undefined;
  let probing = false;

  const moveTo = (nextProbeAfter: number | undefined) => {
    generation += 1;
    failures = 0;
    probing = false;
    probeAfter = nextProbeAfter;
  };

  return {
    admit() {
      if (probeAfter === undefined) return { generation, probe: false };
      if (probing || now() < probeAfter) return undefined;
      probing = true;
      return { generation, probe: true };
    },
    settle(ticket, succeeded) {
      if (ticket.generation !== generation) return;
      if (ticket.probe) moveTo(succeeded ? undefined : now() + cooldownMs);
      else if (succeeded) failures = 0;
      else if (++failures >= failureThreshold) moveTo(now() + cooldownMs);
    },
    release(ticket) {
      if (ticket.generation === generation && ticket.probe) probing = false;
    },
  };
}
