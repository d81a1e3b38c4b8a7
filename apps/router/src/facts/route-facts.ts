import type { LanguageModelV4Usage, SharedV4Warning } from '@ai-sdk/provider';
import type { Cost } from '../accounting/compute-cost.ts';
import type { LimitFacts } from './limit-facts.ts';

/** What happened on one try of one target; reported in headers, metadata and the log. */
export interface AttemptRecord {
  target: string;
  outcome: 'ok' | 'error';
  status?: number;
  code?: string;
  durationMs: number;
  /** Epoch ms when the try started: traces place each attempt's span with it. */
  startMs?: number;
}

/**
 * One target's share of an answer: a whole answer, or the part of a stream it produced before it
 * failed or another target took over. Each segment is priced at its own target.
 */
export interface Segment {
  target: string;
  outcome: 'ok' | 'error' | 'cancelled';
  /** As the provider reported it; `estimated` when the segment broke off before its usage came. */
  usage?: LanguageModelV4Usage;
  estimated?: boolean;
  cost?: Cost;
  /** Epoch ms when the segment ended. */
  endMs?: number;
}

/** Why the request went where it went; headers, provider metadata and the log all show it. */
export interface RouteFacts {
  requested: string;
  alias?: string;
  /** The alias rule that matched, by index. */
  rule?: number;
  /** The strategy or sort that ordered the targets (`ordered`, `health`, `sort:price`, ...). */
  reason?: string;
  /** Targets in the order they were to be tried, with health scores where scored. */
  targets: string[];
  scores?: Record<string, number>;
  skipped?: { target: string; reason: string }[];
  attempts: AttemptRecord[];
  /** The target that finished the answer (the last segment's). */
  served?: { providerId: string; modelId: string };
  segments: Segment[];
  /** Summed over the segments, once known (after the stream, for streams). */
  usage?: LanguageModelV4Usage;
  cost?: Cost;
  cache?: CacheFacts;
  /** Rate limits left, and retry advice, from the control plane. */
  limits?: LimitFacts;
  /** What the serving provider reported it ignored or adapted (`x-switchyard-warnings`). */
  warnings?: SharedV4Warning[];
  /** How the answer finished (`stop`, `length`, `tool-calls`, ...), once known. */
  finishReason?: string;
  /** What guardrail rules found and did, per rule and direction (`x-switchyard-guardrails`). */
  guardrails?: GuardrailAction[];
}

/** One guardrail rule's findings in one direction of a request; never the matched text. */
export interface GuardrailAction {
  rule: string;
  direction: 'input' | 'output';
  action: 'block' | 'redact' | 'warn';
  /** `shadow`: only recorded; nothing was blocked or changed. */
  mode: 'enforce' | 'shadow';
  /** Matches found. */
  count: number;
  /** The detectors that matched (`pii.email`, `custom.codenames`). */
  detectors: string[];
  /**
   * HMAC-SHA256 of each distinct matched text under the server's secret, first 16 hex digits
   * (at most 8): the same leaked value hashes alike across requests, and cannot be read back.
   */
  hashes: string[];
}

/** What the response cache did for this request. */
export interface CacheFacts {
  status: 'HIT' | 'MISS' | 'BYPASS';
  /** The first 16 hex digits of the key. */
  key?: string;
  ageSeconds?: number;
  /** On a hit: what the cached answer cost when it was made. */
  savedCost?: Cost;
}

/** The facts of a request before anything was decided. */
export function startFacts(requested: string): RouteFacts {
  return { requested, targets: [], attempts: [], segments: [] };
}
