import type { MetricLabeller } from '../metric-labels.ts';
import { operationOf } from '../metric-labels.ts';
import type { RequestObservation } from '../request-observation.ts';
import type { RecordAttempt, RecordSegment, RequestRecord } from '../request-record.ts';
import { inputMessages } from './input-messages.ts';
import { type ParentContext, parseTraceparent, randomHex, withinRatio } from './trace-context.ts';
import type { TraceSampler } from './trace-settings.ts';
import type { AttributeValue, TraceSpan } from './trace-span.ts';

export interface SpanOptions {
  sampler: TraceSampler;
  captureContent: boolean;
  labeller: MetricLabeller;
}

/**
 * The spans of a routed request: one for the request (server), one `chat {model}` per upstream
 * attempt (client), with the OpenTelemetry GenAI attributes, so a failover or a continued stream
 * shows as a row of attempts. Undefined when the sampler drops it; errors are always kept.
 * @example const spans = requestSpans(observation, record, { sampler, captureContent, labeller });
 */
export function requestSpans(
  observation: RequestObservation,
  record: RequestRecord,
  options: SpanOptions,
): TraceSpan[] | undefined {
  const parent = parseTraceparent(observation.traceparent);
  const traceId = parent?.traceId ?? randomHex(16);
  if (!sampled(options.sampler, traceId, parent, record.status === 'error')) return undefined;
  const operation = operationOf(record.endpoint);
  const requestSpan: TraceSpan = {
    traceId,
    spanId: randomHex(8),
    ...(parent !== undefined && { parentSpanId: parent.spanId }),
    name: `${observation.method} ${observation.path}`,
    kind: 'server',
    startMs: observation.startedAt,
    endMs: observation.startedAt + observation.durationMs,
    attributes: requestAttributes(observation, record, operation, options),
    status:
      record.status === 'error'
        ? { code: 'error', message: record.error_code ?? record.error_type ?? 'error' }
        : { code: 'unset' },
  };
  const segments = segmentsByAttempt(record);
  const attemptSpans = record.route.attempts.map((attempt, index) =>
    attemptSpan(attempt, segments[index], {
      traceId,
      parentSpanId: requestSpan.spanId,
      operation,
      index,
      record,
      options,
    }),
  );
  return [requestSpan, ...attemptSpans];
}

function sampled(
  sampler: TraceSampler,
  traceId: string,
  parent: ParentContext | undefined,
  failed: boolean,
) {
  if (failed && sampler.keepErrors) return true;
  if (sampler.parentBased && parent !== undefined) return parent.sampled;
  return withinRatio(traceId, sampler.ratio);
}

function requestAttributes(
  observation: RequestObservation,
  record: RequestRecord,
  operation: string,
  options: SpanOptions,
): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {
    'http.request.method': observation.method,
    'url.path': observation.path,
    'http.response.status_code': record.http_status,
    'gen_ai.operation.name': operation,
    'gen_ai.request.model': record.requested_model,
    'gen_ai.response.id': record.id,
    'gen_ai.usage.input_tokens': record.tokens.input,
    'gen_ai.usage.output_tokens': record.tokens.output,
    'switchyard.request_id': record.id,
    'switchyard.status': record.status,
    'switchyard.cache': record.cache,
    'switchyard.route': record.route.summary,
    'switchyard.key': record.key.label,
    'switchyard.attempts': record.route.attempts.length,
  };
  if (record.model !== null) attributes['gen_ai.response.model'] = record.model;
  if (record.provider !== null)
    attributes['gen_ai.provider.name'] = options.labeller.genAiProvider(record.provider);
  if (record.finish_reason !== null)
    attributes['gen_ai.response.finish_reasons'] = [record.finish_reason];
  if (record.tokens.cached > 0)
    attributes['gen_ai.usage.cache_read.input_tokens'] = record.tokens.cached;
  if (record.cost !== null) attributes['switchyard.cost_usd'] = record.cost;
  if (record.team !== null) attributes['switchyard.team'] = record.team;
  if (record.first_token_ms !== null)
    attributes['gen_ai.response.time_to_first_chunk'] = record.first_token_ms / 1_000;
  if (record.interrupted) attributes['switchyard.interrupted'] = true;
  if (record.continued) attributes['switchyard.continued'] = true;
  if (record.status === 'error')
    attributes['error.type'] = record.error_code ?? record.error_type ?? 'error';
  if (options.captureContent) {
    const messages = inputMessages(observation.body);
    if (messages !== undefined) attributes['gen_ai.input.messages'] = messages;
  }
  return attributes;
}

function attemptSpan(
  attempt: RecordAttempt,
  segment: RecordSegment | undefined,
  context: {
    traceId: string;
    parentSpanId: string;
    operation: string;
    index: number;
    record: RequestRecord;
    options: SpanOptions;
  },
): TraceSpan {
  const slash = attempt.target.indexOf('/');
  const providerId = attempt.target.slice(0, slash);
  const modelId = attempt.target.slice(slash + 1);
  const startMs = attempt.start_ms ?? Date.parse(context.record.time);
  const attributes: Record<string, AttributeValue> = {
    'gen_ai.operation.name': context.operation,
    'gen_ai.provider.name': context.options.labeller.genAiProvider(providerId),
    'gen_ai.request.model': modelId,
    'switchyard.target': attempt.target,
    'switchyard.attempt': context.index + 1,
    'switchyard.attempt.outcome': attempt.outcome,
  };
  if (attempt.outcome !== 'error') attributes['gen_ai.response.model'] = modelId;
  if (segment?.input_tokens != null) attributes['gen_ai.usage.input_tokens'] = segment.input_tokens;
  if (segment?.output_tokens != null)
    attributes['gen_ai.usage.output_tokens'] = segment.output_tokens;
  if (attempt.status !== null) attributes['http.response.status_code'] = attempt.status;
  const failed = attempt.outcome === 'error' || attempt.outcome === 'interrupted';
  if (failed)
    attributes['error.type'] =
      attempt.outcome === 'interrupted'
        ? 'stream_interrupted'
        : String(attempt.status ?? attempt.code ?? 'error');
  return {
    traceId: context.traceId,
    spanId: randomHex(8),
    parentSpanId: context.parentSpanId,
    name: `${context.operation} ${modelId}`,
    kind: 'client',
    startMs,
    endMs: segment?.end_ms ?? startMs + attempt.duration_ms,
    attributes,
    status: failed
      ? { code: 'error', message: String(attributes['error.type']) }
      : { code: 'unset' },
  };
}

/** Each attempt's stream segment: attempts that opened a stream took the segments in order. */
function segmentsByAttempt(record: RequestRecord): (RecordSegment | undefined)[] {
  let next = 0;
  return record.route.attempts.map((attempt) => {
    if (attempt.outcome === 'error') return undefined;
    const segment = record.route.segments[next];
    next += 1;
    return segment;
  });
}
