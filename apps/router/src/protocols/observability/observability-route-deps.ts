import type { RouterConfig } from '../../config/index.ts';
import type { CircuitBreaker } from '../../health/circuit-breaker.ts';
import type { Observability } from '../../observability/create-observability.ts';

/** What the observability routes share, prepared once by `createApp`. */
export interface ObservabilityRouteDeps {
  config: RouterConfig;
  observability: Observability;
  now: () => number;
  /** Targets' circuits, for `switchyard_circuit_open`. */
  circuits: CircuitBreaker;
  /** `SWITCHYARD_METRICS_TOKEN`: a Bearer token that may read `/metrics` only. */
  metricsToken?: string;
}
