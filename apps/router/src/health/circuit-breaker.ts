import type { Store } from '../store/store.ts';
import type { HealthStats } from './health-sample.ts';

export interface CircuitBreakerOptions {
  store: Store;
  /** Opens when at least `minRequests` in the window failed at this ratio or worse. */
  failureRatio?: number;
  minRequests?: number;
  /** How long an open circuit turns requests away before one probe may pass. */
  cooldownMs?: number;
  /** How long an isolate trusts its copy of a circuit's state. */
  cacheTtlMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Stored per target: open until a time, or closed since a time (after a good probe). */
type StoredCircuit = { open: true; until: number } | { open: false; since: number };

export interface CircuitBreaker {
  /** Whether this request may use the target; `half-open` means it is the one probe. */
  admit(targetId: string): Promise<CircuitState>;
  /** When the window restarted for each target (after its last close), for health reads. */
  closedSince(targetIds: string[]): Map<string, number>;
  /** Feeds an attempt's outcome; returns the shared write (hand it to waitUntil). */
  report(
    targetId: string,
    state: CircuitState,
    ok: boolean,
    stats: HealthStats | undefined,
  ): Promise<void>;
}

/**
 * A circuit breaker per target, shared by all isolates through the store. Closed: requests
 * pass, and a failure ratio over the window opens it. Open: requests skip the target until the
 * cooldown ends. Then one request — whoever wins an `onlyIfAbsent` lock — probes: success
 * closes the circuit and restarts its window, failure opens it again.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const failureRatio = options.failureRatio ?? 0.5;
  const minRequests = options.minRequests ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const cacheTtlMs = options.cacheTtlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { fetchedAt: number; circuit: StoredCircuit | undefined }>();
  const stateKey = (targetId: string) => `sy:circuit:${targetId}`;

  async function read(targetId: string): Promise<StoredCircuit | undefined> {
    const cached = cache.get(targetId);
    if (cached !== undefined && now() - cached.fetchedAt < cacheTtlMs) return cached.circuit;
    const raw = await options.store.get(stateKey(targetId));
    const circuit = raw === null ? undefined : (JSON.parse(raw) as StoredCircuit);
    cache.set(targetId, { fetchedAt: now(), circuit });
    return circuit;
  }

  function write(targetId: string, circuit: StoredCircuit): Promise<void> {
    cache.set(targetId, { fetchedAt: now(), circuit });
    return options.store
      .set(stateKey(targetId), JSON.stringify(circuit), { ttlMs: cooldownMs * 20 })
      .then(
        () => undefined,
        () => undefined,
      );
  }

  return {
    async admit(targetId) {
      const circuit = await read(targetId).catch(() => undefined);
      if (circuit === undefined || !circuit.open) return 'closed';
      if (now() < circuit.until) return 'open';
      const probe = await options.store
        .set(`${stateKey(targetId)}:probe`, '1', { onlyIfAbsent: true, ttlMs: cooldownMs })
        .catch(() => false);
      return probe ? 'half-open' : 'open';
    },

    closedSince(targetIds) {
      const since = new Map<string, number>();
      for (const targetId of targetIds) {
        const circuit = cache.get(targetId)?.circuit;
        if (circuit !== undefined && !circuit.open) since.set(targetId, circuit.since);
      }
      return since;
    },

    async report(targetId, state, ok, stats) {
      if (state === 'half-open') {
        await options.store.delete(`${stateKey(targetId)}:probe`).catch(() => undefined);
        return write(
          targetId,
          ok ? { open: false, since: now() } : { open: true, until: now() + cooldownMs },
        );
      }
      if (ok || state !== 'closed' || stats === undefined) return;
      const failed = stats.requests - Math.round((stats.successRate ?? 1) * stats.requests);
      if (stats.requests >= minRequests && failed / stats.requests >= failureRatio) {
        return write(targetId, { open: true, until: now() + cooldownMs });
      }
    },
  };
}
