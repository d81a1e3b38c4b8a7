import type {
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import type { Context } from 'hono';
import { priceUsage, roundCost } from '../accounting/price-usage.ts';
import type { CacheRequest } from '../cache/cache-decision.ts';
import { cachedGenerate, cachedStream } from '../cache/cached-language-model.ts';
import { type RouteFacts, type RouterEnv, waitUntil } from '../context.ts';
import type { HealthSample } from '../health/health-sample.ts';
import type { AttemptRecord } from './attempt.ts';
import {
  type FailoverContext,
  generateWithFailover,
  type Served,
  streamWithFailover,
} from './call-with-failover.ts';
import { gatherCandidates } from './gather-candidates.ts';
import { type Candidate, orderCandidates } from './order-candidates.ts';
import type { RequestControls } from './request-controls.ts';
import { resolveWithControls } from './resolve-targets.ts';
import { recordOutcome } from './route-state.ts';
import type { Target } from './target.ts';

/** Reports an attempt's outcome to the health windows and the circuit breaker. */
export type RecordOutcome = (
  targetId: string,
  sample: HealthSample,
  failure?: { status?: number; code?: string },
) => void;

/**
 * The one path every inbound protocol takes: resolve the requested model to targets, order
 * them (strategy, sort, health, open circuits), run the attempt loop, and record both the
 * decision (`c.var.route`: headers, provider metadata and the log read it) and every outcome
 * (health windows and circuits, written after the response).
 */
export async function routeCall<T>(
  c: Context<RouterEnv>,
  model: string,
  controls: RequestControls | undefined,
  call: (targets: Target[], failover: FailoverContext) => Promise<Served<T>>,
  onServed?: (served: Served<T>, attempt: AttemptRecord, record: RecordOutcome) => void,
): Promise<Served<T>> {
  const config = c.get('config');
  const resolution = resolveWithControls(config, model, controls);
  const candidates = await gatherCandidates(c, resolution, controls);
  const ordered = orderCandidates(
    candidates,
    resolution,
    config.routing.health,
    controls?.provider?.max_price,
  );
  const byId = new Map(ordered.candidates.map((candidate) => [candidate.target.id, candidate]));
  const attempts: AttemptRecord[] = [];
  const facts: RouteFacts = {
    requested: model,
    alias: resolution.alias,
    rule: resolution.rule,
    reason: ordered.reason,
    targets: ordered.candidates.map((candidate) => candidate.target.id),
    scores: scoresOf(ordered.candidates),
    skipped: ordered.skipped.length > 0 ? ordered.skipped : undefined,
    attempts,
  };
  c.set('route', facts);

  const state = { health: c.get('health'), circuits: c.get('circuits') };
  const record: RecordOutcome = (targetId, sample, failure) => {
    for (const write of recordOutcome(state, byId.get(targetId), targetId, sample, failure))
      waitUntil(c, write);
  };
  const served = await call(
    ordered.candidates.map((candidate) => candidate.target),
    {
      registry: c.get('registry'),
      policy: config.routing,
      signal: c.req.raw.signal,
      requireParameters: controls?.provider?.require_parameters,
      onWarnings: (warnings) => {
        facts.warnings = warnings;
      },
      onTakeover: (target) => {
        facts.served = target;
      },
      onAttempt: (attempt) => {
        attempts.push(attempt);
        if (attempt.outcome === 'error') {
          record(attempt.target, { ok: false, latencyMs: attempt.durationMs }, attempt);
        }
      },
    },
  );
  facts.served = served.target;
  const successful = attempts.at(-1);
  if (successful !== undefined) onServed?.(served, successful, record);
  return served;
}

function scoresOf(candidates: Candidate[]): Record<string, number> | undefined {
  const scored = candidates.filter((candidate) => candidate.score !== undefined);
  if (scored.length === 0) return undefined;
  return Object.fromEntries(scored.map((candidate) => [candidate.target.id, candidate.score ?? 0]));
}

/** A language-model call: from the response cache, or served by the best target that can. */
export function routeGenerate(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
  cache?: CacheRequest,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return cachedGenerate(c, { model, options, controls, cache }, () =>
    routeGenerateUncached(c, model, options, controls),
  );
}

function routeGenerateUncached(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<LanguageModelV4GenerateResult>> {
  return routeCall(
    c,
    model,
    controls,
    (targets, failover) => generateWithFailover(targets, options, failover),
    (served, attempt, record) => {
      settleUsage(c, served.target, served.value.usage);
      record(served.target.id, {
        ok: true,
        latencyMs: attempt.durationMs,
        outputTokens: served.value.usage.outputTokens.total,
        generationMs: attempt.durationMs,
      });
    },
  );
}

/** Records the served call's usage and what it cost in the route facts. */
function settleUsage(c: Context<RouterEnv>, target: Target, usage: LanguageModelV4Usage) {
  const facts = c.get('route');
  if (facts === undefined) return;
  facts.usage = usage;
  const cost = priceUsage(c.get('config'), target, usage);
  if (cost !== undefined) facts.cost = roundCost(cost);
}

/** Like `routeGenerate`; resolves once a target has sent its first content part. */
export function routeStream(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
  cache?: CacheRequest,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  return cachedStream(c, { model, options, controls, cache }, () =>
    routeStreamUncached(c, model, options, controls),
  );
}

async function routeStreamUncached(
  c: Context<RouterEnv>,
  model: string,
  options: LanguageModelV4CallOptions,
  controls?: RequestControls,
): Promise<Served<ReadableStream<LanguageModelV4StreamPart>>> {
  let finish: ((part: LanguageModelV4StreamPart | undefined) => void) | undefined;
  const served = await routeCall(
    c,
    model,
    controls,
    (targets, failover) =>
      streamWithFailover(targets, options, { ...failover, onStreamEnd: (part) => finish?.(part) }),
    (opened, attempt, record) => {
      const started = Date.now();
      finish = (part) => {
        if (part?.type === 'finish') settleUsage(c, opened.target, part.usage);
        record(opened.target.id, {
          ok: part === undefined || part.type === 'finish',
          latencyMs: attempt.durationMs,
          firstTokenMs: attempt.durationMs,
          outputTokens: part?.type === 'finish' ? part.usage.outputTokens.total : undefined,
          generationMs: Date.now() - started,
        });
      };
    },
  );
  return served;
}
