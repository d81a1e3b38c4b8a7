import { parseConfig, type RouterConfig } from '../../apps/router/src/config/index.ts';
import { estimateLanguageModelCall } from '../../apps/router/src/governance/estimate.ts';
import { chatCompletionRequestSchema } from '../../apps/router/src/protocols/openai/chat-completion-request.ts';
import { convertToCallOptions } from '../../apps/router/src/protocols/openai/convert-to-call-options.ts';
import { parseTarget } from '../../apps/router/src/routing/target.ts';

/** The alias every request names, its one target, and the prices set for it in the catalog. */
export const alias = 'bench';
export const target = 'up/bench-model';
/** US dollars per million tokens: whole nanodollars per token, so every cost is exact. */
export const prices = { input: 1, output: 2 };
export const nanosPerToken = { input: prices.input * 1_000, output: prices.output * 1_000 };
export const maxTokens = 200;

const question = `Summarise the following notes for the weekly report. ${'Latency, errors and spend per provider were within budget; '.repeat(4)}`;

/** The body of every chat completion the bench sends. */
export function chatBody(options: { stream?: boolean } = {}) {
  return {
    model: alias,
    messages: [{ role: 'user', content: question }],
    max_tokens: maxTokens,
    ...(options.stream && { stream: true, stream_options: { include_usage: true } }),
  };
}

/** The router config every process runs: one provider (the bench's upstream), priced exactly. */
export function routerConfig(
  upstreamUrl: string,
  governance: { reservationTtlMs?: number; alertUrl: string },
) {
  return {
    providers: {
      up: { type: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, apiKey: 'sk-bench-upstream' },
    },
    models: { [alias]: { targets: [target] } },
    catalog: {
      [target]: { pricing: prices, contextWindow: 128_000, maxOutputTokens: 4_096 },
    },
    server: { requestLog: false },
    governance: {
      ...(governance.reservationTtlMs !== undefined && {
        reservationTtlMs: governance.reservationTtlMs,
      }),
      alerts: { url: governance.alertUrl, secret: 'env:BENCH_ALERT_SECRET' },
    },
  };
}

export interface RequestEstimate {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  nanos: number;
  /** What the router records for a stream cut off before usage: ~4 characters a token. */
  promptChars: number;
}

/**
 * The reservation the router makes for `chatBody()`, computed with the router's own code: the
 * OpenAI request parsed and converted as the chat route does, estimated at the alias' target.
 */
export function estimateBenchRequest(config: RouterConfig): RequestEstimate {
  const call = convertToCallOptions(chatCompletionRequestSchema.parse(chatBody()));
  const planned = parseTarget(target);
  if (planned === undefined) throw new Error(`bad target ${target}`);
  const estimate = estimateLanguageModelCall(config, call, [planned]);
  return {
    inputTokens: estimate.inputTokens,
    outputTokens: estimate.outputTokens,
    totalTokens: estimate.totalTokens,
    nanos: estimate.nanos,
    promptChars: JSON.stringify(call.prompt).length,
  };
}

export const parseBenchConfig = (config: object): RouterConfig =>
  parseConfig(JSON.stringify(config), 'the bench config');

/** What a request with this usage costs at the bench's prices, in nanodollars. */
export const costNanos = (inputTokens: number, outputTokens: number) =>
  inputTokens * nanosPerToken.input + outputTokens * nanosPerToken.output;
