import { describe, expect, it } from 'vitest';
import { field, observabilityTestApp, testMetricsToken } from './observability-test-app.ts';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  ...extra,
});

/** The value of the sample whose name and labels contain every given fragment. */
function sample(text: string, ...fragments: string[]): number | undefined {
  const line = text
    .split('\n')
    .find(
      (candidate) =>
        !candidate.startsWith('#') && fragments.every((part) => candidate.includes(part)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function setup() {
  const app = observabilityTestApp();
  await app.call('POST', '/v1/chat/completions', { body: chat('chat') });
  await app.call('POST', '/v1/chat/completions', { body: chat('mock/echo', { stream: true }) });
  // A model the config does not name: a pass-through id folds into `other`.
  await app.call('POST', '/v1/chat/completions', { body: chat('mock/not-configured') });
  await app.settled();
  return app;
}

describe('GET /metrics', () => {
  it('renders the GenAI histograms and Switchyard counters from the store', async () => {
    const { call } = await setup();
    const answer = await call('GET', '/metrics', { key: testMetricsToken });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = answer.text;
    expect(text).toContain('# TYPE gen_ai_client_token_usage histogram');
    expect(text).toContain('# TYPE gen_ai_client_operation_duration_seconds histogram');
    expect(text).toContain('# TYPE gen_ai_client_operation_time_to_first_chunk_seconds histogram');
    const chatSeries = 'gen_ai_request_model="chat",gen_ai_response_model="mock/echo"';
    expect(sample(text, 'switchyard_requests_total{', chatSeries)).toBe(1);
    expect(sample(text, 'switchyard_failovers_total{', chatSeries)).toBe(1);
    expect(sample(text, 'switchyard_cost_usd_total{', chatSeries)).toBeGreaterThan(0);
    expect(
      sample(text, 'gen_ai_client_token_usage_count{', chatSeries, 'gen_ai_token_type="output"'),
    ).toBe(1);
    expect(
      sample(text, 'gen_ai_client_operation_duration_seconds_bucket{', chatSeries, 'le="+Inf"'),
    ).toBe(1);
    const streamed = 'gen_ai_request_model="mock/echo",gen_ai_response_model="mock/echo"';
    expect(
      sample(text, 'gen_ai_client_operation_time_to_first_chunk_seconds_count{', streamed),
    ).toBe(1);
    expect(sample(text, 'switchyard_requests_total{', 'gen_ai_request_model="other"')).toBe(1);
    expect(text).not.toContain('not-configured');
    expect(sample(text, 'switchyard_key_requests_total{key="admin"')).toBe(3);
    expect(sample(text, 'switchyard_circuit_open{target="mock/down"}')).toBe(0);
    expect(text).toContain('gen_ai_provider_name="mock"');
  });

  it('answers the admin key and unlimited management keys, and no one else', async () => {
    const { call } = await setup();
    expect((await call('GET', '/metrics')).status).toBe(200);
    const key = async (body: Record<string, unknown>) =>
      field<string>((await call('POST', '/api/v1/keys', { body })).json, 'key');
    await call('POST', '/api/v1/teams', { body: { id: 'research', name: 'Research' } });
    expect(
      (await call('GET', '/metrics', { key: await key({ name: 'v', role: 'viewer' }) })).status,
    ).toBe(200);
    const teamViewer = await key({ name: 't', role: 'viewer', team_id: 'research' });
    expect((await call('GET', '/metrics', { key: teamViewer })).status).toBe(403);
    expect((await call('GET', '/metrics', { key: await key({ name: 'i' }) })).status).toBe(403);
    expect((await call('GET', '/metrics', { key: `${testMetricsToken}x` })).status).toBe(401);
  });
});
