import { createLru } from '../lru/create-lru.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { type CircuitWindow, createCircuitWindow } from './circuit-window.ts';
import { type CounterBatch, createCounterBatch } from './counter-batch.ts';

export interface CircuitBreakerOptions {
  store: GuardedStore;
  /** Where ok counts wait to be written (shared with the health tracker: one write for both). */
  counters?: CounterBatch;
  /** Opens when at least `minRequests` in the window failed at this ratio or worse. */
  failureRatio?: number;
  minRequests?: number;
  /** The breaker's own rolling window of outcomes (whatever the alias strategy reads). */
  windowMs?: number;
  /** How long an open circuit turns requests away before one probe may pass. */
  cooldownMs?: number;
  /** How long an isolate trusts its copy of a circuit's state and window. */
  cacheTtlMs?: number;
  now?: () => number;
  /** Random probe tokens (tests pass a fixed one). */
  token?: () => string;
}

/** `half-open`: the cooldown has passed and one request may probe (see `acquireProbe`). */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** How an attempt went, as the breaker counts it: neutral outcomes say nothing of the target. */
export type CircuitOutcome = 'ok' | 'failed' | 'neutral';

/** The one probe of a half-open target, held by this request. */
export interface ProbeTicket {
  targetId: string;
  /** The lock's token; undefined when the store could not be asked (the probe runs unlocked). */
  token: string | undefined;
}

/** Stored per target: open until a time, or closed since a time (after a good probe). */
type StoredCircuit = { open: true; until: number } | { open: false; since: number };

export interface CircuitBreaker {
  /** The target's state when a request arrives. Takes no lock. */
  state(targetId: string): Promise<CircuitState>;
  /** Takes the probe of a half-open target right before it is tried; undefined if another has it. */
  acquireProbe(targetId: string): Promise<ProbeTicket | undefined>;
  /** When each target's circuit last closed (its windows count from then on). */
  closedSince(targetIds: string[]): Map<string, number>;
  /**
   * Feeds an attempt's outcome (with the ticket when it was the probe); resolves once stored.
   * An ok is batched, so it resolves at once unless it made the batch due.
   */
  report(targetId: string, outcome: CircuitOutcome, probe?: ProbeTicket): Promise<void>;
}

/** Most targets one isolate keeps circuit copies of. */
const maxCachedTargets = 256;

/**
 * A circuit breaker per target, shared by all isolates through the store. It keeps its own
 * counts (a rolling window of ok and failed attempts), so it opens for any alias strategy and
 * for a single target alike. Closed: a failure ratio over the window opens it. Open: requests
 * skip the target until the cooldown ends. Then one request — whoever takes the probe lock
 * (a random token, released by compare-and-delete) — probes: success closes the circuit and
 * restarts its window, failure opens it again, a neutral outcome just gives the probe back.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const failureRatio = options.failureRatio ?? 0.5;
  const minRequests = options.minRequests ?? 5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const cacheTtlMs = options.cacheTtlMs ?? 2_000;
  const now = options.now ?? Date.now;
  const token = options.token ?? (() => crypto.randomUUID());
  const { store } = options;
  const circuits = createLru<string, { fetchedAt: number; circuit: StoredCircuit | undefined }>(
    maxCachedTargets,
  );
  const windows: CircuitWindow = createCircuitWindow({
    store,
    counters: options.counters ?? createCounterBatch({ store, now }),
    windowMs: options.windowMs ?? 60_000,
    cacheTtlMs,
    now,
    maxTargets: maxCachedTargets,
  });
  const stateKey = (targetId: string) => `sy:circuit:${targetId}`;
  const probeKey = (targetId: string) => `sy:circuit:${targetId}:probe`;

  async function read(targetId: string): Promise<StoredCircuit | undefined> {
    const cached = circuits.get(targetId);
    if (cached !== undefined && now() - cached.fetchedAt < cacheTtlMs) return cached.circuit;
    const stored = await store.get(stateKey(targetId));
    // Unreadable: keep the last known state rather than forget an open circuit.
    if (stored.status === 'unavailable') return cached?.circuit;
    const circuit = stored.status === 'value' ? parseCircuit(stored.value) : undefined;
    circuits.set(targetId, { fetchedAt: now(), circuit });
    return circuit;
  }

  async function write(targetId: string, circuit: StoredCircuit): Promise<void> {
    circuits.set(targetId, { fetchedAt: now(), circuit });
    await store.set(stateKey(targetId), JSON.stringify(circuit), { ttlMs: cooldownMs * 20 });
  }

  const sinceOf = (targetId: string) => {
    const circuit = circuits.get(targetId)?.circuit;
    return circuit !== undefined && !circuit.open ? circuit.since : undefined;
  };

  return {
    async state(targetId) {
      const circuit = await read(targetId);
      if (circuit === undefined || !circuit.open) return 'closed';
      return now() < circuit.until ? 'open' : 'half-open';
    },

    async acquireProbe(targetId) {
      const ticket = token();
      const taken = await store.set(probeKey(targetId), ticket, {
        onlyIfAbsent: true,
        ttlMs: cooldownMs,
      });
      if (taken.status === 'unavailable') return { targetId, token: undefined };
      return taken.value ? { targetId, token: ticket } : undefined;
    },

    closedSince(targetIds) {
      const since = new Map<string, number>();
      for (const targetId of targetIds) {
        const closed = sinceOf(targetId);
        if (closed !== undefined) since.set(targetId, closed);
      }
      return since;
    },

    async report(targetId, outcome, probe) {
      if (probe !== undefined) {
        if (probe.token !== undefined) await store.deleteIfEquals(probeKey(targetId), probe.token);
        if (outcome === 'neutral') return;
        return write(
          targetId,
          outcome === 'ok'
            ? { open: false, since: now() }
            : { open: true, until: now() + cooldownMs },
        );
      }
      if (outcome === 'neutral') return;
      const counts = await windows.add(targetId, outcome, sinceOf(targetId));
      if (outcome === 'ok' || counts === undefined) return;
      const requests = counts.ok + counts.failed;
      if (requests >= minRequests && counts.failed / requests >= failureRatio) {
        const current = await read(targetId);
        if (current?.open) return;
        return write(targetId, { open: true, until: now() + cooldownMs });
      }
    },
  };
}

function parseCircuit(text: string): StoredCircuit | undefined {
  try {
    const value = JSON.parse(text) as StoredCircuit;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
