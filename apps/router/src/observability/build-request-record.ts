import type { Cost } from '../accounting/compute-cost.ts';
import { formatRoute } from '../facts/format-route.ts';
import type { RouteFacts, Segment } from '../facts/route-facts.ts';
import type { Principal } from '../governance/principal.ts';
import { guardrailActions } from './guardrail-actions.ts';
import type { RequestObservation } from './request-observation.ts';
import { requestOutcome } from './request-outcome.ts';
import type { RecordKey, RecordSegment, RequestRecord } from './request-record.ts';

/** Longest model name a record keeps (ids are validated to 256; a refused one may be longer). */
const maxModelLength = 256;

/**
 * The stored record of a request that reached routing; undefined for any other (a 401, a body
 * that did not parse, the management API), which has no route to explain.
 * @example const record = buildRequestRecord(observation); if (record) await writeRecord(...);
 */
export function buildRequestRecord(observation: RequestObservation): RequestRecord | undefined {
  const { facts, principal } = observation;
  if (facts === undefined || principal === undefined) return undefined;
  const outcome = requestOutcome(observation);
  const usage = facts.usage;
  const served = facts.served;
  const record: RequestRecord = {
    id: observation.requestId,
    time: new Date(observation.startedAt).toISOString(),
    endpoint: observation.path,
    key: recordKey(principal),
    team: principal.kind === 'key' ? (principal.key.teamId ?? null) : null,
    requested_model: facts.requested.slice(0, maxModelLength),
    model: served ? `${served.providerId}/${served.modelId}` : null,
    provider: served?.providerId ?? null,
    route: {
      alias: facts.alias ?? null,
      rule: facts.rule ?? null,
      reason: facts.reason ?? null,
      targets: facts.targets,
      ...(facts.scores !== undefined && { scores: facts.scores }),
      skipped: facts.skipped ?? [],
      attempts: outcome.attempts,
      segments: facts.segments.map(recordSegment),
      summary: formatRoute(facts),
    },
    status: outcome.status,
    http_status: observation.httpStatus,
    error_type: outcome.errorType,
    error_code: outcome.errorCode,
    interrupted: outcome.interrupted,
    continued: outcome.continued,
    stream: observation.stream,
    cache: facts.cache?.status ?? 'BYPASS',
    tokens: {
      input: usage?.inputTokens.total ?? 0,
      output: usage?.outputTokens.total ?? 0,
      cached: usage?.inputTokens.cacheRead ?? 0,
      reasoning: usage?.outputTokens.reasoning ?? 0,
    },
    cost: dollars(facts.cost),
    saved_cost: dollars(facts.cache?.savedCost),
    latency_ms: round(observation.durationMs),
    first_token_ms:
      observation.stream && observation.firstTokenMs !== undefined
        ? round(observation.firstTokenMs)
        : null,
    generation_ms: generationMs(observation, facts),
    finish_reason: facts.finishReason ?? null,
  };
  const guardrails = guardrailActions(facts);
  if (guardrails !== undefined) record.guardrails = guardrails;
  return record;
}

/**
 * How records name a caller. Rollups group by `id`: a stored key's scope (which its rotations
 * keep), `admin` for the admin key, `tenant:<name>` for a key from the config.
 * @example recordKey({ kind: 'root' }) // { id: 'admin', label: 'admin', hash: null, scope: null }
 */
export function recordKey(principal: Principal): RecordKey {
  switch (principal.kind) {
    case 'root':
      return { id: 'admin', label: 'admin', hash: null, scope: null };
    case 'static':
      return {
        id: `tenant:${principal.tenant}`,
        label: `tenant:${principal.tenant}`,
        hash: null,
        scope: null,
      };
    case 'key': {
      const { key } = principal;
      return { id: key.scopeId.slice(0, 16), label: key.label, hash: key.hash, scope: key.scopeId };
    }
  }
}

function recordSegment(segment: Segment): RecordSegment {
  return {
    target: segment.target,
    outcome: segment.outcome,
    input_tokens: segment.usage?.inputTokens.total ?? null,
    output_tokens: segment.usage?.outputTokens.total ?? null,
    cost: dollars(segment.cost),
    estimated: segment.estimated === true,
    end_ms: segment.endMs ?? null,
  };
}

function generationMs(observation: RequestObservation, facts: RouteFacts): number | null {
  if (observation.stream) {
    const first = observation.firstTokenMs;
    return first === undefined ? null : round(Math.max(0, observation.durationMs - first));
  }
  const serving = facts.attempts.findLast((attempt) => attempt.outcome === 'ok');
  return serving === undefined ? null : round(serving.durationMs);
}

const dollars = (cost: Cost | undefined): number | null => (cost === undefined ? null : cost.total);

const round = (ms: number) => Math.round(ms * 10) / 10;
