import type { LanguageModelV4Usage } from '@ai-sdk/provider';
import type { Cost } from '../accounting/compute-cost.ts';
import { roundCost } from '../accounting/price-usage.ts';
import type { GatewayError } from '../errors/index.ts';
import { ProviderKeyRejectedError, UpstreamError } from '../errors/index.ts';
import type { RouteFacts, Segment } from '../facts/route-facts.ts';
import type { CircuitOutcome, ProbeTicket } from '../health/circuit-breaker.ts';
import type { HealthSample } from '../health/health-sample.ts';
import { addUsage, estimateUsage } from './add-usage.ts';
import { failureOutcome, type RouteState } from './route-state.ts';
import type { Target } from './target.ts';

/** Everything that can happen to one try of one target, as the request reports it. */
export type AttemptEvent =
  /** It failed before any content reached the client. */
  | { kind: 'failed'; error: GatewayError; durationMs: number; probe?: ProbeTicket }
  /** A stream's first content arrived; its health is recorded when the segment ends. */
  | { kind: 'opened'; durationMs: number }
  /** A whole answer, or one stream segment, ended. */
  | {
      kind: 'segment';
      outcome: Segment['outcome'];
      usage?: LanguageModelV4Usage;
      /** Priced by the caller (embeddings, images); else priced from `usage`. */
      cost?: Cost;
      /** Characters produced, for an estimate when no usage came (a broken-off segment). */
      producedChars?: number;
      /** Time to the answer, or to a stream's first content. */
      latencyMs: number;
      firstTokenMs?: number;
      generationMs?: number;
      probe?: ProbeTicket;
    };

export type RecordAttempt = (target: Target, event: AttemptEvent) => void;

/** A whole answer from one attempt: it opened and ended one segment, with its usage and probe. */
export function recordAnswer(
  record: RecordAttempt,
  served: { target: Target; durationMs: number; probe?: ProbeTicket },
  metered: { usage?: LanguageModelV4Usage; cost?: Cost; generationMs?: number },
): void {
  const { target, durationMs, probe } = served;
  record(target, { kind: 'opened', durationMs });
  record(target, { kind: 'segment', outcome: 'ok', ...metered, latencyMs: durationMs, probe });
}

export interface AttemptRecorderOptions {
  state: RouteState;
  facts: RouteFacts;
  /** Runs shared writes after the response (waitUntil). */
  background: (write: Promise<unknown>) => void;
  /** Providers called with the request's own keys: they never feed shared health or circuits. */
  requestKeyProviders: ReadonlySet<string>;
  price: (target: Target, usage: LanguageModelV4Usage) => Cost | undefined;
  /** Prompt size in characters, for estimating a broken-off segment's input. */
  promptChars: () => number;
}

/**
 * The one place an attempt's outcome goes: the route facts (attempts, segments, usage, cost,
 * served target), the health window and the circuit breaker. The attempt loop, the stream
 * continuation and the one-shot calls all report here, so each outcome is counted once and
 * against the target it belongs to.
 */
export function createAttemptRecorder(options: AttemptRecorderOptions): RecordAttempt {
  const { state, facts, background } = options;
  const feedsHealth = (target: Target) => !options.requestKeyProviders.has(target.providerId);
  const report = (
    target: Target,
    sample: HealthSample,
    outcome: CircuitOutcome,
    probe?: ProbeTicket,
  ) => {
    if (!feedsHealth(target)) {
      if (probe !== undefined) background(state.circuits.report(target.id, 'neutral', probe));
      return;
    }
    if (outcome !== 'neutral') background(state.health.record(target.id, sample));
    background(state.circuits.report(target.id, outcome, probe));
  };

  return function recordAttempt(target, event) {
    switch (event.kind) {
      case 'failed': {
        const { error } = event;
        const status =
          error instanceof UpstreamError || error instanceof ProviderKeyRejectedError
            ? error.upstreamStatus
            : error.statusCode;
        facts.attempts.push({
          target: target.id,
          outcome: 'error',
          status,
          code: error.code ?? undefined,
          durationMs: event.durationMs,
          startMs: Date.now() - event.durationMs,
        });
        const outcome = failureOutcome(status, error.code ?? undefined);
        report(target, { ok: false, latencyMs: event.durationMs }, outcome, event.probe);
        return;
      }
      case 'opened':
        facts.attempts.push({
          target: target.id,
          outcome: 'ok',
          durationMs: event.durationMs,
          startMs: Date.now() - event.durationMs,
        });
        facts.served = { providerId: target.providerId, modelId: target.modelId };
        return;
      case 'segment': {
        const estimated = event.usage === undefined && event.producedChars !== undefined;
        const usage =
          event.usage ??
          (estimated ? estimateUsage(options.promptChars(), event.producedChars ?? 0) : undefined);
        const cost = event.cost ?? (usage && options.price(target, usage));
        const segment: Segment = { target: target.id, outcome: event.outcome, endMs: Date.now() };
        if (usage !== undefined) segment.usage = usage;
        if (estimated) segment.estimated = true;
        if (cost !== undefined) segment.cost = cost;
        facts.segments.push(segment);
        if (usage !== undefined) facts.usage = addUsage(facts.usage, usage);
        if (cost !== undefined) facts.cost = addCost(facts.cost, cost);
        if (event.outcome !== 'error') {
          facts.served = { providerId: target.providerId, modelId: target.modelId };
        }
        const ok = event.outcome !== 'error';
        report(
          target,
          {
            ok,
            latencyMs: event.latencyMs,
            firstTokenMs: event.firstTokenMs,
            outputTokens: event.usage?.outputTokens.total,
            generationMs: event.generationMs,
          },
          // A client that left says nothing about the target; one that finished, or broke off, does.
          event.outcome === 'cancelled' ? 'neutral' : ok ? 'ok' : 'failed',
          event.probe,
        );
        return;
      }
    }
  };
}

function addCost(total: Cost | undefined, cost: Cost): Cost {
  if (total === undefined) return cost;
  return roundCost({
    total: total.total + cost.total,
    input: total.input + cost.input,
    cacheRead: total.cacheRead + cost.cacheRead,
    cacheWrite: total.cacheWrite + cost.cacheWrite,
    output: total.output + cost.output,
    currency: 'USD',
  });
}
