import type { RouterConfig } from '../config/index.ts';
import { guardStore } from '../store/guarded-store.ts';
import type { Store } from '../store/store.ts';
import type { GuardedStore } from '../store/store-result.ts';
import { buildRequestRecord } from './build-request-record.ts';
import { createMetricLabeller, type MetricLabeller } from './metric-labels.ts';
import type { RequestObservation } from './request-observation.ts';
import type { RequestRecord } from './request-record.ts';
import { dayMs } from './store-keys.ts';
import { createTracer } from './traces/create-tracer.ts';
import { writeRecord } from './write-record.ts';

/** Sends a finished request's trace (see `traces/`); undefined when tracing is off. */
export type TraceRequest = (
  observation: RequestObservation,
  record: RequestRecord | undefined,
) => Promise<void> | undefined;

export interface ObservabilityOptions {
  config: RouterConfig;
  /** The raw store: observability guards it with its own time budget and breaker. */
  store: Store;
  now: () => number;
  /** Where the `OTEL_*` variables are read from; traces go out only when they name an endpoint. */
  env?: Readonly<Record<string, unknown>>;
  /** The HTTP client traces are sent with (default: the runtime's `fetch`). */
  fetch?: typeof fetch;
}

/** What the app and the observability routes share. */
export interface Observability {
  /** Reads and writes records, rollups and metrics. */
  store: GuardedStore;
  labeller: MetricLabeller;
  retentionMs: number;
  maxRecords: number;
  /** Records the request (and sends its trace) in the background. */
  observe(observation: RequestObservation, background: (work: Promise<unknown>) => void): void;
}

/**
 * Request records, rollups and traces for one app. Its store calls go through a guard of their
 * own, so a slow write after a response never trips the breaker the cache and health use.
 * @example const observability = createObservability({ config, store, now: Date.now, env });
 */
export function createObservability(options: ObservabilityOptions): Observability {
  const { config, now } = options;
  const settings = config.observability;
  const store = guardStore(options.store, { timeBudgetMs: settings.storeTimeBudgetMs });
  const retentionMs = settings.retentionDays * dayMs;
  const maxRecords = settings.maxRecords ?? (options.store.kind === 'memory' ? 10_000 : 100_000);
  const labeller = createMetricLabeller(config);
  const trace = createTracer({ config, env: options.env ?? {}, fetch: options.fetch, labeller });
  /** Writes the request's record and sends its trace: one promise, not an array of one. */
  const record = (observation: RequestObservation): Promise<unknown> | undefined => {
    const built = buildRequestRecord(observation);
    const written =
      built !== undefined && settings.enabled
        ? writeRecord(store, built, {
            now: now(),
            retentionMs,
            maxRecords,
            series: labeller.series(built),
            keySeries: labeller.keySeries(built),
          })
        : undefined;
    const traced = trace?.(observation, built);
    if (traced === undefined || written === undefined) return written ?? traced;
    return Promise.all([written, traced]);
  };
  return {
    store,
    labeller,
    retentionMs,
    maxRecords,
    observe(observation, background) {
      if ((!settings.enabled && trace === undefined) || observation.facts === undefined) return;
      // The record is made after the response has gone, not on the way to it.
      background(nextTask().then(() => record(observation)));
    },
  };
}

/**
 * Resolves in a later task, after the response's own work in this one: `setImmediate` where
 * there is one (Node: right after pending I/O, no timer), else a zero timeout (Workers).
 */
const nextTask = () =>
  new Promise<void>((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
