import type { RouterConfig } from '../../config/index.ts';
import type { TraceRequest } from '../create-observability.ts';
import type { MetricLabeller } from '../metric-labels.ts';
import { createOtlpExporter } from './otlp-exporter.ts';
import { requestSpans } from './request-spans.ts';
import { traceSettingsFrom } from './trace-settings.ts';

/** Failed exports are logged at most this often. */
const errorLogIntervalMs = 60_000;

/**
 * Traces of routed requests to the OTLP/HTTP endpoint the standard `OTEL_*` variables name, or
 * undefined when none is set. Each request's spans go out from the background (waitUntil).
 * @example const trace = createTracer({ config, env, fetch, labeller });
 */
export function createTracer(options: {
  config: RouterConfig;
  env: Readonly<Record<string, unknown>>;
  fetch?: typeof fetch;
  labeller: MetricLabeller;
}): TraceRequest | undefined {
  const settings = traceSettingsFrom(options.env, options.config);
  if (settings === undefined) return undefined;
  let lastLogged = 0;
  const exportSpans = createOtlpExporter({
    ...settings,
    // Called through a wrapper: Workers refuse a `fetch` called as another object's method.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    onError(error) {
      if (Date.now() - lastLogged < errorLogIntervalMs) return;
      lastLogged = Date.now();
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'Traces could not be exported',
          error: String(error),
        }),
      );
    },
  });
  const spanOptions = {
    sampler: settings.sampler,
    captureContent: settings.captureContent,
    labeller: options.labeller,
  };
  return (observation, record) => {
    if (record === undefined) return undefined;
    const spans = requestSpans(observation, record, spanOptions);
    return spans === undefined ? undefined : exportSpans(spans);
  };
}
