import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { findTargetPrices } from '../accounting/target-prices.ts';
import { describeTarget } from '../catalog/describe-target.ts';
import type { RouterConfig } from '../config/index.ts';
import type { Target } from '../routing/target.ts';
import { defaultMediaPartTokens, promptTokenBound } from './prompt-tokens.ts';

export { messageOverheadTokens } from './prompt-tokens.ts';

export interface EstimateOptions {
  /** Output tokens assumed when neither the request nor the catalog bounds them (default 4,096). */
  defaultOutputTokens?: number;
  /** Tokens allowed per image or binary file (default 2,000). */
  mediaPartTokens?: number;
}

/** The reservation for one call at one target. */
export interface TargetEstimate {
  /** `provider/model` */
  target: string;
  inputTokens: number;
  outputTokens: number;
  /** Cost of the input tokens at this target's price. */
  inputNanos: number;
  /** Price of one output token; 0 when unknown. */
  outputNanosPerToken: number;
  priced: boolean;
}

/** An upper bound of a call's size and cost over every target it may reach. */
export interface CallEstimate {
  inputTokens: number;
  outputTokens: number;
  /** Input + output: what tpm counts. */
  totalTokens: number;
  /** Cost at the most expensive target, rounded up. */
  nanos: number;
  /** False when some target has no known price (it counts as free). */
  priced: boolean;
  targets: TargetEstimate[];
}

const defaultOutputTokens = 4_096;
/** Nanodollars per token for a price in dollars per million tokens. */
const nanosPerTokenAt = (dollarsPerMillion: number) => dollarsPerMillion * 1_000;

/**
 * The reservation estimate of a language-model call: input counted as an upper bound from the
 * prompt (capped at a target's context window), output at `max_tokens` lowered to the model's
 * output limit (or a default when neither is known), priced at the most expensive target.
 *
 * @example
 * const estimate = estimateLanguageModelCall(config, call, route.targets);
 * await admit(store, { ..., estimateNanos: estimate.nanos, estimateTokens: estimate.totalTokens });
 */
export function estimateLanguageModelCall(
  config: RouterConfig,
  call: LanguageModelV4CallOptions,
  targets: readonly Target[],
  options: EstimateOptions = {},
): CallEstimate {
  const promptTokens = promptTokenBound(call, options.mediaPartTokens ?? defaultMediaPartTokens);
  const fallbackOutput = options.defaultOutputTokens ?? defaultOutputTokens;
  const perTarget = targets.map((target) => {
    const { contextWindow, maxOutputTokens } = describeTarget(config, target.id);
    const inputTokens = Math.min(promptTokens, contextWindow ?? promptTokens);
    const limits = [call.maxOutputTokens, maxOutputTokens].filter((limit) => limit !== undefined);
    const outputTokens = limits.length > 0 ? Math.min(...limits) : fallbackOutput;
    return priceAt(config, target, inputTokens, outputTokens);
  });
  if (perTarget.length === 0) {
    const outputTokens = call.maxOutputTokens ?? fallbackOutput;
    return combine([], promptTokens, outputTokens);
  }
  return combine(perTarget, 0, 0);
}

/**
 * The estimate of an embedding call: the bytes of every value as input tokens, priced at the
 * input price of the most expensive target.
 *
 * @example
 * estimateEmbeddingCall(config, ['a sentence'], targets).nanos;
 */
export function estimateEmbeddingCall(
  config: RouterConfig,
  values: readonly string[],
  targets: readonly Target[],
): CallEstimate {
  const encoder = new TextEncoder();
  const inputTokens = values.reduce((sum, value) => sum + encoder.encode(value).length, 0);
  const perTarget = targets.map((target) => priceAt(config, target, inputTokens, 0));
  return combine(perTarget, inputTokens, 0);
}

/**
 * For `on_insufficient: "clamp"`: the largest `max_tokens` (at most the estimate's) whose cost
 * fits `remainingNanos` at every target, or 0 when not even the input fits.
 *
 * @example
 * const decision = await admit(store, input);
 * if (decision.status === 'budget' && key.onInsufficient === 'clamp') {
 *   const maxTokens = affordableMaxTokens(decision.remainingNanos, estimate);
 *   // 0 refuses; otherwise lower call.maxOutputTokens, estimate again and admit once more.
 * }
 */
export function affordableMaxTokens(remainingNanos: number, estimate: CallEstimate): number {
  let affordable = estimate.outputTokens;
  for (const target of estimate.targets) {
    const left = remainingNanos - target.inputNanos;
    if (left < 0) return 0;
    if (target.outputNanosPerToken === 0) continue;
    let tokens = Math.floor(left / target.outputNanosPerToken);
    // The estimate rounds cost up; step back when rounding pushed the last token over.
    while (tokens > 0 && costOf(target, tokens) > remainingNanos) tokens -= 1;
    affordable = Math.min(affordable, tokens);
  }
  return Math.max(0, affordable);
}

function priceAt(
  config: RouterConfig,
  target: Target,
  inputTokens: number,
  outputTokens: number,
): TargetEstimate {
  const prices = findTargetPrices(config, target, inputTokens);
  const input = prices?.input;
  const output = outputTokens === 0 ? 0 : prices?.output;
  return {
    target: target.id,
    inputTokens,
    outputTokens,
    inputNanos: inputTokens * nanosPerTokenAt(input ?? 0),
    outputNanosPerToken: nanosPerTokenAt(output ?? 0),
    priced: input !== undefined && output !== undefined,
  };
}

const costOf = (target: TargetEstimate, outputTokens: number): number =>
  Math.ceil(target.inputNanos + outputTokens * target.outputNanosPerToken);

function combine(targets: TargetEstimate[], inputTokens: number, outputTokens: number) {
  const input = Math.max(inputTokens, ...targets.map((target) => target.inputTokens));
  const output = Math.max(outputTokens, ...targets.map((target) => target.outputTokens));
  return {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output,
    nanos: Math.max(0, ...targets.map((target) => costOf(target, target.outputTokens))),
    priced: targets.every((target) => target.priced),
    targets,
  };
}
