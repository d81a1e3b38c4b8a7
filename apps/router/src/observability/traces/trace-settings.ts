import type { RouterConfig } from '../../config/index.ts';

/** Whom traces go to and which ones, from the standard `OTEL_*` variables. */
export interface TraceSettings {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  headers: Record<string, string>;
  /** `service.name` and the other resource attributes. */
  resource: Record<string, string>;
  sampler: TraceSampler;
  timeoutMs: number;
  /** Put prompts in spans. */
  captureContent: boolean;
  /** How long spans wait to go out together, and how many go in one request or wait at most. */
  batch: { delayMs: number; maxSpans: number; maxQueue: number };
}

/**
 * `ratio` of root traces kept; `parentBased`: an incoming `traceparent`'s flag decides instead.
 * Requests that ended in an error are kept whatever the ratio, unless `keepErrors` is off
 * (`OTEL_TRACES_SAMPLER=always_off`).
 */
export interface TraceSampler {
  ratio: number;
  parentBased: boolean;
  keepErrors: boolean;
}

type Env = Readonly<Record<string, unknown>>;

/**
 * Trace settings from `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (as is) or `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (plus `/v1/traces`), `OTEL_EXPORTER_OTLP[_TRACES]_HEADERS` and `_TIMEOUT`, `OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` and `_ARG`, `OTEL_BSP_*`; undefined (no
 * traces) without an endpoint, with `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`.
 * @example traceSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, config)
 */
export function traceSettingsFrom(env: Env, config: RouterConfig): TraceSettings | undefined {
  const read = (name: string) => {
    const value = env[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  if (read('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  if (read('OTEL_TRACES_EXPORTER')?.toLowerCase() === 'none') return undefined;
  const base = read('OTEL_EXPORTER_OTLP_ENDPOINT');
  const url =
    read('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? (base && `${base.replace(/\/+$/, '')}/v1/traces`);
  if (url === undefined || !/^https?:\/\//.test(url)) return undefined;
  const resource = {
    ...pairs(read('OTEL_RESOURCE_ATTRIBUTES')),
    'service.name':
      read('OTEL_SERVICE_NAME') ??
      pairs(read('OTEL_RESOURCE_ATTRIBUTES'))['service.name'] ??
      'switchyard',
  };
  const number = (name: string, fallback: number) => {
    const value = Number(read(name));
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    url,
    headers: {
      ...pairs(read('OTEL_EXPORTER_OTLP_HEADERS')),
      ...pairs(read('OTEL_EXPORTER_OTLP_TRACES_HEADERS')),
    },
    resource,
    sampler: sampler(read('OTEL_TRACES_SAMPLER'), read('OTEL_TRACES_SAMPLER_ARG')),
    timeoutMs: number(
      'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
      number('OTEL_EXPORTER_OTLP_TIMEOUT', 10_000),
    ),
    captureContent:
      config.observability.traces.captureContent ||
      read('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT')?.toLowerCase() === 'true',
    batch: {
      // The SDKs wait 5 s; a Worker's background work should end sooner.
      delayMs: number('OTEL_BSP_SCHEDULE_DELAY', 1_000),
      maxSpans: number('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512),
      maxQueue: number('OTEL_BSP_MAX_QUEUE_SIZE', 2_048),
    },
  };
}

function sampler(name = 'parentbased_always_on', argument?: string): TraceSampler {
  const value = Number(argument);
  const ratio =
    argument !== undefined && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
  switch (name.toLowerCase()) {
    case 'always_on':
      return { ratio: 1, parentBased: false, keepErrors: true };
    case 'always_off':
      return { ratio: 0, parentBased: false, keepErrors: false };
    case 'traceidratio':
      return { ratio, parentBased: false, keepErrors: true };
    case 'parentbased_always_off':
      return { ratio: 0, parentBased: true, keepErrors: true };
    case 'parentbased_traceidratio':
      return { ratio, parentBased: true, keepErrors: true };
    default:
      return { ratio: 1, parentBased: true, keepErrors: true };
  }
}

/** `key=value,key2=value2` with percent-encoded values, as the OTEL variables write them. */
function pairs(text: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of text?.split(',') ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      result[decodeURIComponent(pair.slice(0, at).trim())] = decodeURIComponent(
        pair.slice(at + 1).trim(),
      );
    } catch {
      // A malformed escape leaves that one pair out.
    }
  }
  return result;
}
