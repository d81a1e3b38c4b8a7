import { describe, expect, it } from 'vitest';
import { renderPrometheus } from './prometheus-text.ts';
import { metricSlot } from './rollup-slots.ts';

describe('renderPrometheus', () => {
  it('writes cumulative histogram buckets, sums and counts, and escapes label values', () => {
    const series = `chat\tmock\tmock\tsay "hi"\\\tmock/echo\t`;
    const vector = [
      `${metricSlot.requests}:3`,
      `${metricSlot.durationHistogram}:1`,
      `${metricSlot.durationHistogram + 2}:2`,
      `${metricSlot.durationMsSum}:95`,
      `${metricSlot.costNanos}:1500`,
    ].join(',');
    const text = renderPrometheus({
      series: { [series]: vector },
      keys: {},
      circuits: [['mock/echo', true]],
    });
    const labels =
      'gen_ai_operation_name="chat",gen_ai_provider_name="mock",provider="mock",gen_ai_request_model="say \\"hi\\"\\\\",gen_ai_response_model="mock/echo",error_type=""';
    expect(text).toContain(
      `gen_ai_client_operation_duration_seconds_bucket{${labels},le="0.01"} 1`,
    );
    expect(text).toContain(
      `gen_ai_client_operation_duration_seconds_bucket{${labels},le="0.02"} 1`,
    );
    expect(text).toContain(
      `gen_ai_client_operation_duration_seconds_bucket{${labels},le="0.04"} 3`,
    );
    expect(text).toContain(
      `gen_ai_client_operation_duration_seconds_bucket{${labels},le="+Inf"} 3`,
    );
    expect(text).toContain(`gen_ai_client_operation_duration_seconds_sum{${labels}} 0.095`);
    expect(text).toContain(`gen_ai_client_operation_duration_seconds_count{${labels}} 3`);
    expect(text).toContain(`switchyard_requests_total{${labels}} 3`);
    expect(text).toContain(`switchyard_cost_usd_total{${labels}} 0.0000015`);
    expect(text).toContain('switchyard_circuit_open{target="mock/echo"} 1');
  });

  it('labels the overflow series and keys other', () => {
    const text = renderPrometheus({
      series: { '~other': '0:2' },
      keys: { '~other': '0:1' },
      circuits: [],
    });
    expect(text).toContain(
      'switchyard_requests_total{gen_ai_operation_name="other",gen_ai_provider_name="other",provider="other",gen_ai_request_model="other",gen_ai_response_model="other",error_type="other"} 2',
    );
    expect(text).toContain('switchyard_key_requests_total{key="other",team="other"} 1');
  });
});
