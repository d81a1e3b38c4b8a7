import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { nanos } from './otlp-json.ts';
import { parseTraceparent, withinRatio } from './trace-context.ts';
import { traceSettingsFrom } from './trace-settings.ts';

const config = parseConfig({ providers: { mock: { type: 'mock', models: { echo: {} } } } });

describe('traceSettingsFrom', () => {
  it('sends nothing without an endpoint, or when the SDK or the exporter is turned off', () => {
    expect(traceSettingsFrom({}, config)).toBeUndefined();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(traceSettingsFrom({ ...endpoint, OTEL_SDK_DISABLED: 'true' }, config)).toBeUndefined();
    expect(
      traceSettingsFrom({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }, config),
    ).toBeUndefined();
    expect(
      traceSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, config),
    ).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint and takes the traces endpoint as it is', () => {
    expect(traceSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' }, config)?.url).toBe(
      'http://c:4318/v1/traces',
    );
    const both = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://x/otlp',
    };
    expect(traceSettingsFrom(both, config)?.url).toBe('https://x/otlp');
  });

  it('reads headers, resource, timeout and sampler the way the OpenTelemetry SDKs do', () => {
    const settings = traceSettingsFrom(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20abc, x-a=1',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-a=2',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,service.name=ignored',
        OTEL_SERVICE_NAME: 'gateway',
        OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      },
      config,
    );
    expect(settings).toMatchObject({
      headers: { authorization: 'Basic abc', 'x-a': '2' },
      resource: { 'deployment.environment': 'prod', 'service.name': 'gateway' },
      timeoutMs: 2500,
      sampler: { ratio: 0.25, parentBased: true, keepErrors: true },
      captureContent: false,
    });
    const off = traceSettingsFrom(
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_TRACES_SAMPLER: 'always_off' },
      config,
    );
    expect(off?.sampler).toEqual({ ratio: 0, parentBased: false, keepErrors: false });
  });
});

describe('trace context', () => {
  it('reads a W3C traceparent and ignores a malformed or all-zero one', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    expect(
      parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00')?.sampled,
    ).toBe(false);
    expect(parseTraceparent(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
  });

  it('keeps the ratio of trace ids by their low bits, the same id alike every time', () => {
    // A thousand ids whose low 52 bits spread evenly over their range.
    const ids = Array.from({ length: 1_000 }, (_, index) => {
      const low = Math.floor((index / 1_000) * 2 ** 52)
        .toString(16)
        .padStart(13, '0');
      return `${'a'.repeat(19)}${low}`;
    });
    expect(ids.filter((id) => withinRatio(id, 0.25))).toHaveLength(250);
    expect(ids.filter((id) => withinRatio(id, 0.25))).toEqual(ids.slice(0, 250));
    expect(withinRatio(ids[0] as string, 0)).toBe(false);
    expect(withinRatio(ids[999] as string, 1)).toBe(true);
  });

  it('writes epoch ms as exact nanoseconds', () => {
    expect(nanos(1_796_600_000_123.456)).toBe('1796600000123456000');
    expect(nanos(1.9999999)).toBe('2000000');
  });
});
