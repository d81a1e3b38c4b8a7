import type { RequestRecord } from '../../observability/request-record.ts';

/**
 * A request record in OpenRouter's `GET /api/v1/generation` shape, which the `@ai-sdk/gateway`
 * client also reads (it wants numbers and strings, never null, in the fields it knows), plus a
 * `switchyard` object with the route explanation.
 * @example c.json({ data: generationOf(record) })
 */
export function generationOf(record: RequestRecord) {
  const cost = record.cost ?? 0;
  const streamedLatency = record.stream ? record.first_token_ms : null;
  return {
    id: record.id,
    created_at: record.time,
    model: record.model ?? record.requested_model,
    provider_name: record.provider ?? '',
    origin: '',
    app_id: null,
    upstream_id: null,
    is_byok: false,
    streamed: record.stream,
    cancelled: record.status === 'cancelled',
    /** Milliseconds to the first token for a stream, to the answer otherwise. */
    latency: streamedLatency ?? record.latency_ms,
    moderation_latency: null,
    generation_time: record.generation_ms ?? 0,
    finish_reason: record.finish_reason ?? (record.status === 'error' ? 'error' : 'unknown'),
    native_finish_reason: record.finish_reason,
    tokens_prompt: record.tokens.input,
    tokens_completion: record.tokens.output,
    native_tokens_prompt: record.tokens.input,
    native_tokens_completion: record.tokens.output,
    native_tokens_reasoning: record.tokens.reasoning,
    native_tokens_cached: record.tokens.cached,
    native_tokens_cache_creation: 0,
    num_media_prompt: null,
    num_media_completion: null,
    num_search_results: null,
    billable_web_search_calls: 0,
    total_cost: cost,
    usage: cost,
    upstream_inference_cost: cost,
    /** On a cache hit: what the answer cost when it was made, and did not cost now. */
    cache_discount: record.saved_cost,
    switchyard: {
      requested_model: record.requested_model,
      status: record.status,
      http_status: record.http_status,
      error_type: record.error_type,
      error_code: record.error_code,
      interrupted: record.interrupted,
      continued: record.continued,
      cache: record.cache,
      key: record.key.label,
      team: record.team,
      latency_ms: record.latency_ms,
      first_token_ms: record.first_token_ms,
      route: record.route,
      ...(record.guardrails !== undefined && { guardrails: record.guardrails }),
    },
  };
}
